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
    if (current) messages.push({ text: current.join('\n'), firstLine });
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
