/**
 * Which trace format a line or a file's first bytes are: a trace-cmd trace.dat by its magic
 * bytes, ftrace text (`# tracer:` header, trace-cmd report's `cpus=N`, or an event line), btrace
 * text (Reaperscope's documented columns, or any line with a nanosecond timestamp next to a
 * probe). The stream reader decides a file's format line by line with {@link lineTraceFormat};
 * a pick list of trace files looks at each file's first {@link DETECT_HEAD_BYTES} bytes with
 * {@link detectTraceFormat}. Pure; never throws.
 */
import { tokenize } from './btrace-columns';
import { newRecord, parseDocumentedLine } from './btrace-record';
import type { TraceFormat } from './format-reader';
import { looksLikeFtrace } from './ftrace-line';
import { decodeLine, LineSplitter } from './line-splitter';
import { isTraceDat } from './trace-dat/trace-dat-layout';

/** Bytes of a file's head enough to tell a trace: a 12-line ftrace header is about 700 bytes. */
export const DETECT_HEAD_BYTES = 1024;

/** A btrace line of another script's columns: some token besides the probe is a nanosecond timestamp (10+ digits). */
function isGeneralBtraceLine(line: string): boolean {
  const tok = tokenize(line);
  return tok !== null && tok.tokens.some((t, i) => i !== tok.probeAt && /^\d{10,}$/.test(t));
}

/** The format one text line (bytes without its newline) belongs to, or null when it tells none (a blank, a note). */
export function lineTraceFormat(line: Uint8Array): TraceFormat | null {
  const trimmed = decodeLine(line, 0, line.length).trim();
  if (looksLikeFtrace(trimmed)) return 'ftrace';
  if (parseDocumentedLine(line, 0, line.length, newRecord()) || isGeneralBtraceLine(trimmed)) return 'btrace';
  return null;
}

/**
 * The trace format of a file from its first bytes (`head`, at most {@link DETECT_HEAD_BYTES}
 * are looked at), or null when none of its lines is a trace line. `whole` says `head` is the
 * whole file: its last line counts even without a newline (otherwise it may be cut).
 */
export function detectTraceFormat(head: Uint8Array, whole = false): TraceFormat | null {
  if (isTraceDat(head)) return 'trace-dat';
  let found: TraceFormat | null = null;
  const splitter = new LineSplitter((bytes, start, end) => {
    found ??= lineTraceFormat(bytes.subarray(start, end));
  });
  const bytes = head.subarray(0, DETECT_HEAD_BYTES);
  splitter.push(bytes);
  if (whole && bytes.length === head.length) splitter.end();
  return found;
}
