/**
 * The input of the diff reader as line offsets into the text, so that lines are only copied
 * out when they are kept (hunk lines, header lines): one pass finds the line breaks, the
 * offsets live in a typed array (no per-line strings for the garbage collector), and a CR
 * before a LF is treated as part of the line break.
 */
import type { Diagnostic } from '../common/diagnostic';

/** The lines of a text as offsets, plus what the diff reader reports about it. */
export class LineSource {
  /**
   * @param starts Offset of each line's first character; starts[count] is one past the last line's break (text.length + 1 without one).
   * @param count Number of lines (a final line break does not start another line).
   * @param crLines Number of lines ending with CR LF.
   * @param firstCrLine Index of the first line ending with CR LF, -1 when none.
   * @param sourceLine 1-based input line of line index `i`.
   */
  constructor(
    readonly text: string,
    readonly starts: Uint32Array,
    readonly count: number,
    readonly crLines: number,
    readonly firstCrLine: number,
    readonly sourceLine: (i: number) => number,
    readonly whitespaceDamaged: boolean,
  ) {
    this.hasCr = crLines > 0;
  }

  /** True when some line ends with CR LF (line ends must then skip the CR). */
  readonly hasCr: boolean;
  readonly diagnostics: Diagnostic[] = [];

  /** Offset just past the last character of line `i` (before its CR LF or LF). */
  lineEnd(i: number): number {
    const end = this.starts[i + 1]! - 1;
    return this.hasCr && end > this.starts[i]! && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }

  /** The text of line `i` without its line break. */
  lineAt(i: number): string {
    return this.text.slice(this.starts[i], this.lineEnd(i));
  }

  /** True when line `i` starts with `prefix` (no copy). */
  startsWith(i: number, prefix: string): boolean {
    return i < this.count && this.lineEnd(i) - this.starts[i]! >= prefix.length && this.text.startsWith(prefix, this.starts[i]);
  }
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
    const lf = text.indexOf('\n', start);
    if (lf > start && text.charCodeAt(lf - 1) === 13 && crLines++ === 0) firstCrLine = count;
    starts[count++] = start;
    // Past a last line without a line break: text.length + 1, as if it had one.
    start = lf < 0 ? text.length + 1 : lf + 1;
  }
  starts[count] = start;
  return new LineSource(text, starts, count, crLines, firstCrLine, sourceLine, whitespaceDamaged);
}
