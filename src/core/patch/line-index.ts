/**
 * The input of the diff reader as line offsets into the text, so that lines are only copied
 * out when they are kept (hunk lines, header lines): one pass finds the line breaks, the
 * offsets live in a typed array (no per-line strings for the garbage collector), and a CR
 * before a LF is treated as part of the line break.
 */
import type { Diagnostic } from '../common/diagnostic';

export interface LineSource {
  text: string;
  /** Offset of each line's first character; starts[count] is one past the last line's break (text.length + 1 without one). */
  starts: Uint32Array;
  /** Number of lines (a final line break does not start another line). */
  count: number;
  /** True when some line ends with CR LF (line ends must then skip the CR). */
  hasCr: boolean;
  /** Number of lines ending with CR LF, and the index of the first one (-1 when none). */
  crLines: number;
  firstCrLine: number;
  /** 1-based input line of line index `i`. */
  sourceLine(i: number): number;
  whitespaceDamaged: boolean;
  diagnostics: Diagnostic[];
}

/** Indexes the lines of `text`. */
export function indexLines(text: string, sourceLine: (i: number) => number, whitespaceDamaged: boolean): LineSource {
  // Room for one line per 32 characters, grown by doubling: one pass over the text.
  let starts = new Uint32Array(Math.max(16, (text.length >>> 5) + 2));
  let count = 0;
  let crLines = 0;
  let firstCrLine = -1;
  let start = 0;
  while (start < text.length) {
    if (count + 1 >= starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count] = start;
    let lf = text.indexOf('\n', start);
    if (lf < 0) lf = text.length;
    else if (lf > start && text.charCodeAt(lf - 1) === 13 && crLines++ === 0) firstCrLine = count;
    start = lf + 1;
    count++;
  }
  starts[count] = start;
  return { text, starts, count, hasCr: crLines > 0, crLines, firstCrLine, sourceLine, whitespaceDamaged, diagnostics: [] };
}

/** Offset just past the last character of line `i` (before its CR LF or LF). */
export function lineEnd(source: LineSource, i: number): number {
  const end = source.starts[i + 1]! - 1;
  return source.hasCr && end > source.starts[i]! && source.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** The text of line `i` without its line break. */
export function lineAt(source: LineSource, i: number): string {
  return source.text.slice(source.starts[i], lineEnd(source, i));
}

/** True when line `i` starts with `prefix` (no copy). */
export function lineStartsWith(source: LineSource, i: number, prefix: string): boolean {
  return i < source.count && lineEnd(source, i) - source.starts[i]! >= prefix.length && source.text.startsWith(prefix, source.starts[i]);
}
