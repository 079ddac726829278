/**
 * The prefix of a Linux ftrace text line, `TASK-PID [(TGID)] [CPU] [FLAGS] SECONDS.FRACTION:
 * EVENT: PAYLOAD` (the grammar of ftrace-line.ts), read straight from the line's bytes: no
 * decoding, no allocation. Names stay byte ranges of the line; numbers are parsed on the way.
 *
 * It reads what {@link parseFtraceLine} reads, or says no: a line it declines (anything outside
 * ASCII where the grammar has white space or digits, a line terminator such as CR or U+2028
 * inside the task name, a number too long to be exact, an empty task name) goes to that
 * expression, so the two agree on every line but one kind: when a line holds two complete
 * prefixes (a task name containing `-1 [000] 1.0: x:`), this takes the first and the greedy
 * expression the last.
 */
import type { SplitNs } from './number-scan';

export interface FtracePrefix {
  /** The task name is bytes[commStart, commEnd). */
  commStart: number;
  commEnd: number;
  pid: number;
  /** -1 when there is no TGID column or it is unknown (`(-------)`). */
  tgid: number;
  cpu: number;
  /** The timestamp, split exactly. */
  t: SplitNs;
  /** The event name is bytes[eventStart, eventEnd); the payload starts at payloadStart (after the blanks following the colon). */
  eventStart: number;
  eventEnd: number;
  payloadStart: number;
}

export function newFtracePrefix(): FtracePrefix {
  return { commStart: 0, commEnd: 0, pid: 0, tgid: -1, cpu: 0, t: { sec: 0, ns: 0 }, eventStart: 0, eventEnd: 0, payloadStart: 0 };
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
/** First byte of U+2028 and U+2029 in UTF-8 (and of other characters, which then take the slow path). */
const E2 = 0xe2;
/** Digits of a number read exactly here (beyond, the expression's Number() is left to decide). */
const MAX_DIGITS = 15;
/** Fraction digits ftrace prints: 6 (µs) or 9 (ns); 1 to 9 are read. */
const MAX_FRACTION_DIGITS = 9;

/** Byte classes, one table load per byte: bit 1 `\s` (ASCII), bit 2 `\w`, bit 4 a digit, bit 8 `[\w.]` (latency flags). */
const SPACE_CLASS = 1;
const WORD_CLASS = 2;
const DIGIT_CLASS = 4;
const FLAG_CLASS = 8;
const CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  CLASS[c] = (c === SPACE || (c >= TAB && c <= CR) ? SPACE_CLASS : 0) | (word ? WORD_CLASS | FLAG_CLASS : 0) | (c >= 48 && c <= 57 ? DIGIT_CLASS : 0) | (c === DOT ? FLAG_CLASS : 0);
}

/** ASCII white space as JavaScript's `\s` sees it (tab, LF, VT, FF, CR, space). */
export function isAsciiSpace(c: number): boolean {
  return (CLASS[c]! & SPACE_CLASS) !== 0;
}

/** `\w`: ASCII letters, digits and underscore. */
export function isWordByte(c: number): boolean {
  return (CLASS[c]! & WORD_CLASS) !== 0;
}

/** ns per unit of a fraction of n digits (n = 1..9). */
const FRACTION_SCALE = [0, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1];

/** Whether bytes[start, end) holds a byte that `.` does not match in the decoded text (CR, U+2028, U+2029): checked on text the grammar takes as `.*`. */
export function hasLineTerminator(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === CR || (c === E2 && i + 2 < end && bytes[i + 1] === 0x80 && (bytes[i + 2] === 0xa8 || bytes[i + 2] === 0xa9))) return true;
  }
  return false;
}

/**
 * Reads the prefix of bytes[start, end) into `out`. `start` is the line's first byte that is
 * not ASCII white space. False when the line is not in that shape, or is one this scanner leaves
 * to the expression (see the file comment).
 */
export function scanFtracePrefix(bytes: Uint8Array, start: number, end: number, out: FtracePrefix): boolean {
  // every '[' after the task name's first byte is a candidate for the CPU column
  for (let b = start + 1; b < end; b++) {
    const c = bytes[b]!;
    if (c === OPEN_BRACKET) {
      if (taskBefore(bytes, start, b, out) && scanPrefixAfterTask(bytes, b, end, out)) return true;
    } else if (c === CR || c === E2) return false;
  }
  return false;
}

/** Reads `TASK-PID\s+(\(\s*TGID\)\s+)?` backwards from the '[' at `b`. */
function taskBefore(bytes: Uint8Array, start: number, b: number, out: FtracePrefix): boolean {
  let i = b - 1;
  if (i <= start || !isAsciiSpace(bytes[i]!)) return false;
  while (i > start && isAsciiSpace(bytes[i]!)) i--;
  out.tgid = -1;
  if (bytes[i] === CLOSE_PAREN) {
    // (TGID): digits or dashes, blanks allowed after '('
    const close = i--;
    const last = bytes[i];
    const dashes = last === DASH;
    let v = 0;
    let scale = 1;
    while (i > start && (dashes ? bytes[i] === DASH : isDigit(bytes[i]!))) {
      if (!dashes) {
        v += (bytes[i]! - 48) * scale;
        scale *= 10;
      }
      i--;
    }
    if (i === close - 1 || close - 1 - i > MAX_DIGITS) return false;
    while (i > start && isAsciiSpace(bytes[i]!)) i--;
    if (bytes[i] !== OPEN_PAREN || i <= start) return false;
    i--;
    if (!isAsciiSpace(bytes[i]!)) return false;
    while (i > start && isAsciiSpace(bytes[i]!)) i--;
    out.tgid = dashes ? -1 : v;
  }
  const pidEnd = i + 1;
  let pid = 0;
  let scale = 1;
  while (i > start && isDigit(bytes[i]!)) {
    pid += (bytes[i]! - 48) * scale;
    scale *= 10;
    i--;
  }
  // the task name is at least one byte: i > start
  if (i === pidEnd - 1 || pidEnd - 1 - i > MAX_DIGITS || bytes[i] !== DASH || i <= start) return false;
  out.commStart = start;
  out.commEnd = i;
  out.pid = pid;
  return true;
}

/**
 * Reads `\[CPU\]\s+(FLAGS\s+)?SEC.FRAC:\s+EVENT:\s*` forwards from the '[' at `b` (the part of
 * the prefix after the task) into `out`; false when the line is not in that shape or is left to
 * the expression. Every byte read is inside bytes[b, end).
 */
export function scanPrefixAfterTask(bytes: Uint8Array, b: number, end: number, out: FtracePrefix): boolean {
  let i = b + 1;
  let cpu = 0;
  let d = 0;
  const cpuStart = i;
  for (; i < end && (d = bytes[i]! - 48) >>> 0 <= 9; i++) cpu = cpu * 10 + d;
  // CPU numbers past 0xffff do not fit the table: the slow path reports them
  if (i === cpuStart || i - cpuStart > 5 || cpu > 0xffff || i + 1 >= end || bytes[i] !== CLOSE_BRACKET) return false;
  i++;
  if (!isAsciiSpace(bytes[i]!)) return false;
  while (i < end && isAsciiSpace(bytes[i]!)) i++;
  // a token of 4 or 5 [\w.] followed by white space is the latency flags
  let k = i;
  while (k < end && (CLASS[bytes[k]!]! & FLAG_CLASS) !== 0) k++;
  if ((k - i === 4 || k - i === 5) && k < end && isAsciiSpace(bytes[k]!)) {
    i = k;
    while (i < end && isAsciiSpace(bytes[i]!)) i++;
  }
  // SECONDS.FRACTION:
  let sec = 0;
  const secStart = i;
  for (; i < end && (d = bytes[i]! - 48) >>> 0 <= 9; i++) sec = sec * 10 + d;
  if (i === secStart || i - secStart > MAX_DIGITS || i >= end || bytes[i] !== DOT) return false;
  const fracStart = ++i;
  let frac = 0;
  for (; i < end && (d = bytes[i]! - 48) >>> 0 <= 9; i++) frac = frac * 10 + d;
  const digits = i - fracStart;
  if (digits === 0 || digits > MAX_FRACTION_DIGITS || i + 1 >= end || bytes[i] !== COLON) return false;
  i++;
  if (!isAsciiSpace(bytes[i]!)) return false;
  while (i < end && isAsciiSpace(bytes[i]!)) i++;
  const eventStart = i;
  while (i < end && isWordByte(bytes[i]!)) i++;
  if (i === eventStart || i >= end || bytes[i] !== COLON) return false;
  out.eventStart = eventStart;
  out.eventEnd = i;
  i++;
  while (i < end && isAsciiSpace(bytes[i]!)) i++;
  // the expression's \s* also takes blanks outside ASCII: such a payload goes the slow way
  if (i < end && bytes[i]! >= 0x80) return false;
  out.payloadStart = i;
  out.cpu = cpu;
  out.t.sec = sec;
  out.t.ns = frac * FRACTION_SCALE[digits]!;
  return true;
}

function isDigit(c: number): boolean {
  return (CLASS[c]! & DIGIT_CLASS) !== 0;
}
