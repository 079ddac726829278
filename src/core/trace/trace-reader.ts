/**
 * Reads a btrace or ftrace text trace (or, by its magic bytes, a trace-cmd trace.dat: see
 * trace-dat/trace-dat-reader.ts) from a stream of byte chunks into an {@link EventTable}:
 * bounded memory besides the table (one chunk's text, one partial line, capped diagnostics),
 * progress after every chunk, cancellation between chunks. Never throws on bad input: what
 * could be read plus diagnostics (1-based lines), or a {@link FormatError} when the input is
 * neither format.
 */
import type { Diagnostic, FormatError } from '../common/diagnostic';
import type { EventTable } from '../events/event-table';
import { DiagnosticLog } from './diagnostic-log';
import { LineSplitter, decodeLine } from './line-splitter';
import { TraceSink } from './trace-sink';
import { BtraceReader } from './btrace-reader';
import { FtraceReader } from './ftrace-reader';
import { lineTraceFormat } from './trace-format-detect';
import type { FormatReader, TraceFormat } from './format-reader';
import { isTraceDat } from './trace-dat/trace-dat-layout';
import { memoryByteSource } from './trace-dat/byte-source';
import { readTraceDat } from './trace-dat/trace-dat-reader';

export type { TraceFormat } from './format-reader';

/** Something that says whether the caller gave up (an AbortSignal fits). */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface ReadTraceOptions {
  /** Skip detection. */
  format?: TraceFormat;
  /** Size of the whole input in bytes, when known: passed on to onProgress, and lets the table be built without copies. */
  totalBytes?: number;
  /** Called after each chunk with the bytes read and the events held so far. */
  onProgress?: (bytesRead: number, totalBytes: number | undefined, events: number) => void;
  /** Checked before each chunk; reading stops and the result says `cancelled`. */
  signal?: CancelSignal;
}

export interface TraceReadResult {
  kind: 'trace';
  format: TraceFormat;
  table: EventTable;
  /** Lines read (all of them, including headers and blank lines). */
  lines: number;
  /** Well-formed lines whose probe or event Reaperscope does not read. */
  unknownLines: number;
  /** Lines that are not events at all (reported in diagnostics with their numbers). */
  junkLines: number;
  diagnostics: Diagnostic[];
  /** True when the signal stopped reading: the table holds what was read until then. */
  cancelled: boolean;
  /** CPUs announced by an ftrace header, 0 when none. */
  headerCpus: number;
}

/**
 * Fewest input bytes an event comes from: a btrace line is at least about 40 bytes and gives at
 * most 2 events, an ftrace line at least about 50 bytes for at most 3. Bounds the events of an
 * input of known size (the flat column layout; more events still fit, with one copy).
 */
const MIN_BYTES_PER_EVENT = 16;

/** Lines looked at before giving up on recognising the format. */
const DETECT_LINES = 200;

/** The incremental reader behind {@link readTrace}: push chunks, then end(). */
export class TraceStreamReader {
  private readonly log = new DiagnosticLog();
  private readonly sink: TraceSink;
  private readonly splitter: LineSplitter;
  private reader: FormatReader | null = null;
  private undecided: { line: Uint8Array; lineNo: number }[] = [];
  private formatError: FormatError | null = null;

  constructor(private readonly options: ReadTraceOptions = {}) {
    this.sink = new TraceSink(options.totalBytes ? Math.ceil(options.totalBytes / MIN_BYTES_PER_EVENT) : 0);
    this.splitter = new LineSplitter((bytes, start, end, lineNo) => this.detect(bytes.slice(start, end), lineNo));
    if (options.format) this.choose(options.format);
  }

  push(chunk: Uint8Array): void {
    if (!this.reader && this.undecided.length === 0 && !this.formatError && isTraceDat(chunk)) {
      this.formatError = { kind: 'format-error', message: 'a trace-cmd trace.dat (binary): it is read by file offset, through readTrace or readTraceDat, not as lines', line: 1 };
    }
    if (!this.formatError) this.splitter.push(chunk);
  }

  /** Events read so far. */
  get events(): number {
    return this.sink.length;
  }

  end(cancelled = false): TraceReadResult | FormatError {
    const split = this.splitter.end();
    if (!this.reader && !this.formatError) this.decideOrFail(true);
    if (this.formatError) return this.formatError;
    const reader = this.reader!;
    reader.end();
    if (split.unterminatedLine > 0 && !cancelled) {
      this.log.add(split.unterminatedLine, 'warning', 'truncated-last-line', 'the last line has no newline: the file may be truncated (read as far as it goes).');
    }
    for (const line of split.overlongLines) this.log.add(line, 'warning', 'line-too-long', 'line longer than 1 MiB, cut there (the rest of it is skipped).');
    const table = this.sink.finish();
    reader.adjust?.(table);
    if (table.length === 0) this.log.add(Math.max(1, split.lines), 'warning', 'no-events', 'no scheduler events found in the trace.');
    else if (reader.format === 'btrace' && table.endTs === undefined && !cancelled) {
      this.log.add(Math.max(1, split.lines), 'info', 'end-not-recorded', 'the end of the recording is not recorded (no END line: btrace ended by SIGHUP or SIGKILL, which skip the END clause, or an older copy of media/reaperscope.bt): runs still open are counted up to the last event.');
    }
    return {
      kind: 'trace',
      format: reader.format,
      table,
      lines: split.lines,
      unknownLines: reader.unknownLines,
      junkLines: reader.junkLines,
      diagnostics: this.log.list(),
      cancelled,
      headerCpus: reader instanceof FtraceReader ? reader.headerCpus : 0,
    };
  }

  private makeReader(format: TraceFormat): FormatReader {
    return format === 'btrace' ? new BtraceReader(this.sink, this.log) : new FtraceReader(this.sink, this.log);
  }

  private detect(line: Uint8Array, lineNo: number): void {
    this.undecided.push({ line, lineNo });
    const format = lineTraceFormat(line);
    if (format) this.choose(format);
    else if (this.undecided.length >= DETECT_LINES) this.decideOrFail(false);
  }

  private decideOrFail(atEnd: boolean): void {
    const nonEmpty = this.undecided.filter((u) => decodeLine(u.line, 0, u.line.length).trim() !== '');
    if (atEnd && nonEmpty.length === 0) {
      this.choose('btrace');
      return;
    }
    this.formatError = {
      kind: 'format-error',
      message: `neither btrace nor ftrace output (nor a trace-cmd trace.dat): no event line in the first ${nonEmpty.length} non-empty lines`,
      line: nonEmpty[0]?.lineNo ?? 1,
    };
    this.undecided = [];
  }

  private choose(format: TraceFormat): void {
    const reader = this.makeReader(format);
    this.reader = reader;
    this.splitter.setHandler((bytes, start, end, lineNo) => reader.line(bytes, start, end, lineNo));
    for (const u of this.undecided) reader.line(u.line, 0, u.line.length, u.lineNo);
    this.undecided = [];
  }
}

/**
 * Reads a whole trace from chunks (a Node stream, a web ReadableStream's iterator, an array).
 * A trace.dat (found by its first bytes) points into itself by file offset: from chunks it is
 * held in memory and read from there; read it through {@link readTraceDat} and a
 * {@link ByteSource} (the CLI does) to keep memory bounded.
 */
export async function readTrace(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ReadTraceOptions = {},
): Promise<TraceReadResult | FormatError> {
  const reader = new TraceStreamReader(options);
  let bytes = 0;
  let held: Uint8Array[] | null = null;
  for await (const chunk of chunks) {
    if (options.signal?.aborted) break;
    if (bytes === 0 && isTraceDat(chunk)) held = [];
    if (held) held.push(chunk.slice());
    else reader.push(chunk);
    bytes += chunk.length;
    options.onProgress?.(bytes, options.totalBytes, reader.events);
  }
  if (held) return readTraceDat(memoryByteSource(concatBytes(held, bytes)), options);
  return reader.end(options.signal?.aborted ?? false);
}

function concatBytes(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads a trace held in memory (tests, small files). */
export function readTraceText(input: string | Uint8Array, options: ReadTraceOptions = {}): TraceReadResult | FormatError {
  const reader = new TraceStreamReader(options);
  reader.push(typeof input === 'string' ? new TextEncoder().encode(input) : input);
  return reader.end();
}
