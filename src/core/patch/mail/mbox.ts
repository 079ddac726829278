/**
 * Splitting an mbox file (several mails, each starting with a `From ` separator line) into its
 * messages. git format-patch output is a one-message mbox (`From <sha> Mon Sep 17 00:00:00 2001`).
 * `>From ` lines are unescaped the mboxrd way (one `>` removed), which keeps line numbers. A
 * `Content-Length:` header (mboxcl, mboxcl2) is followed when it is consistent.
 */

/** One message of an mbox. */
export interface MboxMessage {
  /** The message (headers and body) without its `From ` separator line, `>From` unescaped. */
  text: string;
  /** 1-based line of the input where `text` starts (the line after the separator). */
  firstLine: number;
  /** 0-based index of the input line after the message's last line. */
  endIndex: number;
  /** True when `>From` lines were unescaped (false for a body taken by its Content-Length that holds bare `From ` lines). */
  fromQuoted: boolean;
}

const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
/** `From <sender> <asctime date>`: the date keeps prose lines that start with "From " out. */
const SEPARATOR = new RegExp(`^From \\S+ +${WEEKDAY} ${MONTH} +\\d{1,2} \\d{1,2}:\\d{2}(?::\\d{2})? .*\\d{4}\\s*$`);

/** True when `line` is an mbox `From ` separator line. */
export function isMboxSeparator(line: string): boolean {
  return SEPARATOR.test(line);
}

/** True when the first non-empty line of `text` is an mbox separator. */
export function looksLikeMbox(text: string): boolean {
  const first = /^\s*([^\r\n]*)/.exec(text)?.[1] ?? '';
  return isMboxSeparator(first);
}

/** Number of line breaks in `text` from `start` to `end`. */
function lineBreaks(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** True when the line starting at `at` follows an empty line (or starts the text). */
function afterEmptyLine(text: string, at: number): boolean {
  if (at === 0) return true;
  const previous = text.lastIndexOf('\n', at - 2) + 1;
  const line = text.slice(previous, at - 1);
  return line === '' || line === '\r';
}

/** True when a separator line starts at `at` (at the start, or after an empty line). */
function separatorAt(text: string, at: number): boolean {
  if (!text.startsWith('From ', at) || !afterEmptyLine(text, at)) return false;
  const end = text.indexOf('\n', at);
  return isMboxSeparator(text.slice(at, end < 0 ? text.length : end).replace(/\r$/, ''));
}

/** The start of the next separator line after `from`, or -1. */
function nextSeparator(text: string, from: number): number {
  for (let at = text.indexOf('\nFrom ', from); at >= 0; at = text.indexOf('\nFrom ', at + 1)) {
    if (separatorAt(text, at + 1)) return at + 1;
  }
  return -1;
}

/** Offset in `text` after `bytes` UTF-8 bytes from `start`, or -1 when the text is shorter. */
function advanceBytes(text: string, start: number, bytes: number): number {
  let at = start;
  for (let left = bytes; left > 0; at++) {
    if (at >= text.length) return -1;
    const c = text.charCodeAt(at);
    if (c < 0x80) left -= 1;
    else if (c < 0x800) left -= 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      left -= 4;
      at++;
    } else left -= 3;
    if (left < 0) return -1;
  }
  return at;
}

/** A problem found while splitting an mbox; `line` is 1-based in the input. */
export interface MboxDiagnostic {
  line: number;
  code: 'content-length-mismatch';
  message: string;
}

/** What {@link readMbox} found. */
export interface MboxReading {
  messages: MboxMessage[];
  diagnostics: MboxDiagnostic[];
}

const CONTENT_LENGTH = /^Content-Length:[ \t]*(\d+)[ \t]*\r?$/im;

/**
 * Where the message whose headers start at `start` ends by its `Content-Length:` header (the
 * mboxcl and mboxcl2 variants: the body's size in bytes, so a body may hold unquoted `From `
 * lines): the offset after the body, with the header's offset; `end` is null when the header is
 * absent (`header` -1) or inconsistent (the body would not end at a line end followed by blank
 * lines and a separator or the end of the input).
 */
function contentLengthEnd(text: string, start: number): { end: number | null; header: number; length: number } {
  const blank = /\r?\n\r?\n/g;
  blank.lastIndex = start;
  const gap = blank.exec(text);
  if (!gap) return { end: null, header: -1, length: 0 };
  const found = CONTENT_LENGTH.exec(text.slice(start, gap.index));
  if (!found) return { end: null, header: -1, length: 0 };
  const header = start + found.index;
  const length = Number(found[1]);
  const bodyStart = gap.index + gap[0].length;
  const end = advanceBytes(text, bodyStart, length);
  if (end < 0 || (end > bodyStart && text.charCodeAt(end - 1) !== 10 && end < text.length)) return { end: null, header, length };
  let next = end;
  while (next < text.length && (text.charCodeAt(next) === 10 || (text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10))) next += text.charCodeAt(next) === 13 ? 2 : 1;
  const consistent = next >= text.length || (next > 0 && text.charCodeAt(next - 1) === 10 && text.startsWith('From ', next) &&
    isMboxSeparator(text.slice(next, (text.indexOf('\n', next) + 1 || text.length + 1) - 1).replace(/\r$/, '')));
  return { end: consistent ? end : null, header, length };
}

/**
 * Splits `text` at separator lines (at the start, or after an empty line). Text before the first
 * separator is dropped. A message whose headers carry a consistent `Content-Length:` ends where
 * it says (mboxcl/mboxcl2: `From ` lines inside the body stay in the body, taken as they are);
 * one whose `Content-Length:` does not end at a message boundary is split at the next separator
 * line, with a diagnostic on the header's line. Only lines starting with `From ` are looked at
 * otherwise, so a large mbox splits at the speed of a string search.
 */
export function readMbox(text: string): MboxReading {
  const messages: MboxMessage[] = [];
  const diagnostics: MboxDiagnostic[] = [];
  let at = separatorAt(text, 0) ? 0 : nextSeparator(text, 0);
  let separatorLine = at < 0 ? 0 : 1 + lineBreaks(text, 0, at);
  while (at >= 0) {
    const lineEnd = text.indexOf('\n', at);
    const start = lineEnd < 0 ? text.length : lineEnd + 1;
    const firstLine = separatorLine + 1;
    const byLength = contentLengthEnd(text, start);
    let end: number;
    let next: number;
    let exact = false;
    if (byLength.end !== null) {
      end = byLength.end;
      next = nextSeparator(text, end - 1);
      if (next < 0 && separatorAt(text, end)) next = end;
      exact = true;
    } else {
      if (byLength.header >= 0) {
        const line = firstLine + lineBreaks(text, start, byLength.header);
        diagnostics.push({
          line, code: 'content-length-mismatch',
          message: `Content-Length: ${byLength.length} does not end this message at a "From " line or the end of the input; split at the next "From " line instead.`,
        });
      }
      next = nextSeparator(text, start > 0 ? start - 1 : 0);
      end = next < 0 ? text.length : next;
    }
    // The message ends before the line break that ends its last line.
    let stop = Math.max(start, end);
    if (stop > start && text.charCodeAt(stop - 1) === 10 && (next >= 0 || exact)) stop--;
    let body = text.slice(start, stop);
    const unquote = !exact || !/^From /m.test(body);
    if (unquote && body.includes('>From ')) body = body.replace(/^>(>*From )/gm, '$1');
    const breaks = lineBreaks(text, start, stop);
    messages.push({ text: body, firstLine, endIndex: firstLine + breaks, fromQuoted: unquote });
    if (next < 0) break;
    separatorLine = firstLine + breaks + lineBreaks(text, stop, next);
    at = next;
  }
  return { messages, diagnostics };
}

/** The messages of an mbox (see {@link readMbox}), without its diagnostics. */
export function splitMbox(text: string): MboxMessage[] {
  return readMbox(text).messages;
}

/** Byte offset of the start of each line of `bytes` (index 0 is 0). */
export function lineStartOffsets(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) starts.push(i + 1);
  return starts;
}

const FROM = [70, 114, 111, 109, 32]; // "From "

/** True when the line at byte `at` is `>+From ` (an escaped From line). */
function escapedFromAt(bytes: Uint8Array, at: number): boolean {
  let i = at;
  while (bytes[i] === 62) i++;
  return i > at && FROM.every((c, k) => bytes[i + k] === c);
}

/**
 * The bytes of `message` (as {@link splitMbox} found it in the text decoded from `bytes`), with
 * `>From` unescaped the same way, so a mail in a legacy charset reaches the MIME reader intact.
 * `starts` is {@link lineStartOffsets} of `bytes`.
 */
export function mboxMessageBytes(bytes: Uint8Array, starts: readonly number[], message: MboxMessage): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let line = message.firstLine - 1; line < message.endIndex && line < starts.length; line++) {
    const start = starts[line]!;
    const end = starts[line + 1] ?? bytes.length;
    parts.push(bytes.subarray(message.fromQuoted && escapedFromAt(bytes, start) ? start + 1 : start, end));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
