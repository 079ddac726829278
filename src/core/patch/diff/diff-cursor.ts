/**
 * The diff reader's position in its input: a line is an offset into the text and the index of
 * that line, so that nothing is copied out of the text unless it is kept (hunk header text,
 * paths, the patch lines once made) and the text is read once, front to back, finding each
 * line break as the reading gets there. A CR before a LF belongs to the line break.
 */
import type { Diagnostic } from '../../common/diagnostic';

const LF = 10;
const CR = 13;

/** A text with how its lines are numbered and read: what a hunk keeps to make its lines later. */
export interface LineText {
  readonly text: string;
  /** 1-based input line of the 0-based line index `i`. */
  readonly sourceLine: (i: number) => number;
  /** The text lost its indentation (flattened archive): a hunk line without its marker is context. */
  readonly whitespaceDamaged: boolean;
}

/** Offset of the line after the line starting at `pos`: after its LF, or text.length + 1 when it has none. */
export function nextLineStart(text: string, pos: number): number {
  const lf = text.indexOf('\n', pos);
  return lf < 0 ? text.length + 1 : lf + 1;
}

/** Offset just past the last character of the line from `pos` to `next` (before its LF or CR LF). */
export function lineEnd(text: string, pos: number, next: number): number {
  const end = next - 1;
  return end > pos && next <= text.length && text.charCodeAt(end - 1) === CR ? end - 1 : end;
}

/** True when the line from `pos` to `next` ends with CR LF. */
export function endsWithCrLf(text: string, pos: number, next: number): boolean {
  return next - 2 >= pos && text.charCodeAt(next - 1) === LF && text.charCodeAt(next - 2) === CR;
}

/**
 * The line the reader is at (`pos`, `index`), moved forward one line at a time by `advance`,
 * which also counts the lines ending with CR LF; plus the reader's diagnostics.
 */
export class DiffCursor implements LineText {
  /** Offset of the current line's first character; ≥ text.length when every line was read. */
  pos = 0;
  /** 0-based index of the current line. */
  index = 0;
  /** Lines read so far that end with CR LF, and the index of the first (-1 when none). */
  crLines = 0;
  firstCrLine = -1;
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly text: string, readonly sourceLine: (i: number) => number, readonly whitespaceDamaged: boolean) {}

  /** True when every line was read. */
  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** Offset after the current line's break, found once per line (-1: not yet). */
  #next = -1;

  /** Offset after the current line's break. */
  get next(): number {
    if (this.#next < 0) this.#next = nextLineStart(this.text, this.pos);
    return this.#next;
  }

  /** Offset just past the current line's last character (before its line break). */
  get lineEnd(): number {
    return lineEnd(this.text, this.pos, this.next);
  }

  /** The current line's text without its line break (a copy). */
  line(): string {
    return this.text.slice(this.pos, this.lineEnd);
  }

  /** True when the current line starts with `prefix` (which holds no line break); no copy. */
  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.pos);
  }

  /** 1-based input line of the current line. */
  get sourceLineHere(): number {
    return this.sourceLine(this.index);
  }

  /** Moves to the next line. */
  advance(): void {
    const next = this.next;
    const crLf = endsWithCrLf(this.text, this.pos, next);
    this.moveTo(next, this.index + 1, crLf ? 1 : 0, this.index);
  }

  /**
   * Moves forward to the line at offset `pos`, index `index`, past lines the caller walked
   * itself: `crLines` of them end with CR LF, the first at index `firstCr`. Counting happens
   * only when moving forward, so a line looked at twice is counted once.
   */
  moveTo(pos: number, index: number, crLines: number, firstCr: number): void {
    if (crLines > 0 && this.crLines === 0) this.firstCrLine = firstCr;
    this.crLines += crLines;
    this.pos = pos;
    this.index = index;
    this.#next = -1;
  }
}
