/**
 * The `@@ -oldStart[,oldLines] +newStart[,newLines] @@ [function context]` line of a unified
 * diff hunk. A missing count means 1 (GNU diff omits `,1`).
 */
import { AT, COMMA, isLineTerminator, isSpace, MINUS, PLUS, SPACE } from './char-classes';

export interface HunkRange {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the closing `@@`, trimmed; '' when absent. */
  header: string;
}

/** Parses a hunk header line, or returns null when `line` is not one. */
export function parseHunkHeader(line: string): HunkRange | null {
  return parseHunkHeaderAt(line, 0, line.length);
}

/**
 * Parses the hunk header `text.slice(start, end)` (one line, without its line break) without
 * copying it, or returns null when it is not one. Same as matching
 * `^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$`: the function text may not hold a
 * line terminator (CR, U+2028, U+2029).
 */
export function parseHunkHeaderAt(text: string, start: number, end: number): HunkRange | null {
  if (end - start < 3 || text.charCodeAt(start) !== AT || text.charCodeAt(start + 1) !== AT || text.charCodeAt(start + 2) !== SPACE) return null;
  let at = readRange(text, start + 3, end, MINUS);
  if (at < 0 || text.charCodeAt(at) !== SPACE) return null;
  const oldStart = rangeFirst;
  const oldLines = rangeCount;
  at = readRange(text, at + 1, end, PLUS);
  if (at < 0 || at + 3 > end || text.charCodeAt(at) !== SPACE || text.charCodeAt(at + 1) !== AT || text.charCodeAt(at + 2) !== AT) return null;
  const header = functionText(text, at + 3, end);
  return header === null ? null : { oldStart, oldLines, newStart: rangeFirst, newLines: rangeCount, header };
}

/** isLineTerminator as a regular expression, to test a whole string at once: the header's text may not hold one. */
const TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * The function text `text.slice(from, end)`, trimmed as by `trim()`, or null when it holds a
 * line terminator. Fast path for git's form (one space before the text, none after): the
 * trimmed text is tested; otherwise every character is looked at, since trimming could drop
 * a terminator among the blanks.
 */
function functionText(text: string, from: number, end: number): string | null {
  if (from === end) return '';
  if (text.charCodeAt(from) === SPACE && from + 1 < end && !isSpace(text.charCodeAt(from + 1)) && !isSpace(text.charCodeAt(end - 1))) {
    const header = text.slice(from + 1, end);
    return TERMINATOR.test(header) ? null : header;
  }
  let first = -1;
  let last = -1;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isLineTerminator(c)) return null;
    if (!isSpace(c)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? '' : text.slice(first, last + 1);
}

/** The numbers the last readRange read (module scratch: no object per header). */
let rangeFirst = 0;
let rangeCount = 0;

/** Reads `<sign>N[,M]` at `at` into rangeFirst/rangeCount (M defaults to 1); returns the index after it, -1 when absent. */
function readRange(text: string, at: number, end: number, sign: number): number {
  if (at >= end || text.charCodeAt(at) !== sign) return -1;
  const firstEnd = readNumber(text, at + 1, end);
  if (firstEnd < 0) return -1;
  rangeFirst = numberRead;
  rangeCount = 1;
  if (firstEnd >= end || text.charCodeAt(firstEnd) !== COMMA) return firstEnd;
  const countEnd = readNumber(text, firstEnd + 1, end);
  // `N,` without digits: the count stays 1 and the `,` is left (it is not the space that must follow).
  if (countEnd < 0) return firstEnd;
  rangeCount = numberRead;
  return countEnd;
}

let numberRead = 0;

/** Reads the decimal digits at `at` into numberRead; returns the index after them, -1 when there is none. */
function readNumber(text: string, at: number, end: number): number {
  const from = at;
  let value = 0;
  for (; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
  }
  if (at === from) return -1;
  // Past 15 digits the running value may round differently from Number(): use Number() there.
  numberRead = at - from > 15 ? Number(text.slice(from, at)) : value;
  return at;
}
