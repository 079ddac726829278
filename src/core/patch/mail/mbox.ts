/**
 * Splitting an mbox file (several mails, each starting with a `From ` separator line) into its
 * messages. git format-patch output is a one-message mbox (`From <sha> Mon Sep 17 00:00:00 2001`).
 * `>From ` lines are unescaped the mboxrd way (one `>` removed), which keeps line numbers.
 */

/** One message of an mbox. */
export interface MboxMessage {
  /** The message (headers and body) without its `From ` separator line, `>From` unescaped. */
  text: string;
  /** 1-based line of the input where `text` starts (the line after the separator). */
  firstLine: number;
  /** 0-based index of the input line after the message's last line. */
  endIndex: number;
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

/**
 * Splits `text` at separator lines (at the start, or after an empty line). Text before the first
 * separator is dropped. Returns one entry per message, in file order. Only lines starting with
 * `From ` are looked at, so a large mbox splits at the speed of a string search.
 */
export function splitMbox(text: string): MboxMessage[] {
  const messages: MboxMessage[] = [];
  let start = -1;
  let firstLine = 0;
  /** Pushes the message from `start` to `end` (the line break before the next separator, or the text's end); returns its line breaks. */
  const flush = (end: number): number => {
    const breaks = lineBreaks(text, start, end);
    let body = text.slice(start, end);
    if (body.includes('>From ')) body = body.replace(/^>(>*From )/gm, '$1');
    messages.push({ text: body, firstLine, endIndex: firstLine + breaks });
    return breaks;
  };
  const next = (from: number): number => {
    const found = text.indexOf('\nFrom ', from);
    return found < 0 ? -1 : found + 1;
  };
  for (let at = text.startsWith('From ') ? 0 : next(0); at >= 0; at = next(at)) {
    const end = text.indexOf('\n', at);
    const separator = text.slice(at, end < 0 ? text.length : end);
    if (afterEmptyLine(text, at) && isMboxSeparator(separator.replace(/\r$/, ''))) {
      // The separator's line: after the previous message's lines and the line break ending them.
      const separatorLine = start < 0 ? 1 + lineBreaks(text, 0, at) : firstLine + flush(Math.max(start, at - 1)) + 1;
      start = end < 0 ? text.length : end + 1;
      firstLine = separatorLine + 1;
    }
    if (end < 0) break;
    at = end;
  }
  if (start >= 0) flush(text.length);
  return messages;
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
    parts.push(bytes.subarray(escapedFromAt(bytes, start) ? start + 1 : start, end));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
