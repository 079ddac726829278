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
const ESCAPED_FROM = /^>+From /;

/** True when `line` is an mbox `From ` separator line. */
export function isMboxSeparator(line: string): boolean {
  return SEPARATOR.test(line);
}

/** True when the first non-empty line of `text` is an mbox separator. */
export function looksLikeMbox(text: string): boolean {
  const first = /^\s*([^\r\n]*)/.exec(text)?.[1] ?? '';
  return isMboxSeparator(first);
}

/**
 * Splits `text` at separator lines (at the start, or after an empty line). Text before the first
 * separator is dropped. Returns one entry per message, in file order.
 */
export function splitMbox(text: string): MboxMessage[] {
  const lines = text.split('\n');
  const messages: MboxMessage[] = [];
  let current: string[] | null = null;
  let firstLine = 0;
  const flush = (): void => {
    if (current) messages.push({ text: current.join('\n'), firstLine, endIndex: firstLine - 1 + current.length });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const previousEmpty = i === 0 || /^\r?$/.test(lines[i - 1]!);
    if (previousEmpty && isMboxSeparator(line.replace(/\r$/, ''))) {
      flush();
      current = [];
      firstLine = i + 2;
      continue;
    }
    if (current) current.push(ESCAPED_FROM.test(line) ? line.slice(1) : line);
  }
  flush();
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
