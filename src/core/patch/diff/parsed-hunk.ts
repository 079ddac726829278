/**
 * The hunks parseDiff returns. What the `@@` header says (counts, function text) and where the
 * hunk is in the input are read while parsing; the two things that need a walk over the
 * hunk's lines are made when first read, then kept: its `lines` (one `PatchLine` object and
 * one string per patch line, most of what a parse would otherwise allocate) and its
 * `functions` (followed line by line through the hunk's text). A reader that looks at a few
 * hunks of a large patch pays for those few; one that reads everything pays what an eager
 * parse would have.
 *
 * `lines` and `functions` are accessors on the class (assigning replaces them): an own
 * accessor per object would cost more than the rest of a small patch's parse (V8 defines it
 * in the runtime, ~150 ns per hunk). So a ParsedHunk is not a plain object: `JSON.stringify`
 * gives the full hunk in the model's property order (`toJSON`), but spread and
 * `structuredClone` copy only the own properties; `plainHunk` makes the plain copy to hand
 * on. Both are numbered from the header as it reads in the input, whatever a consumer
 * assigned to `oldStart` & co. before reading them.
 */
import type { HunkRange } from './hunk-header';
import type { Hunk, PatchLine } from '../model';

/** A hunk's details, made by one walk over its lines. */
export interface HunkDetails {
  /** Null when not asked for. */
  lines: PatchLine[] | null;
  functions: string[];
}

/** Makes a hunk's details from `source`, given the offset of its `@@` line and that line's 0-based index. */
export interface HunkDetailsMaker<S> {
  /** The hunk's functions, and its lines when `withLines` (one walk makes both). */
  details(source: S, from: number, headerIndex: number, withLines: boolean): HunkDetails;
}

export class ParsedHunk<S = unknown> implements Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  header: string;
  sourceLine: number;
  #lines: PatchLine[] | null = null;
  #functions: string[] | null = null;
  /** What the details are made from (the parse's text: the header's text holds on to it anyway). */
  readonly #source: S;
  readonly #from: number;
  readonly #headerIndex: number;
  readonly #maker: HunkDetailsMaker<S>;

  /**
   * @param range The header as read.
   * @param sourceLine 1-based input line of the header.
   * @param from Offset of the header line in `source`; `headerIndex` its 0-based line index.
   */
  constructor(range: HunkRange, sourceLine: number, maker: HunkDetailsMaker<S>, source: S, from: number, headerIndex: number) {
    this.oldStart = range.oldStart;
    this.oldLines = range.oldLines;
    this.newStart = range.newStart;
    this.newLines = range.newLines;
    this.header = range.header;
    this.sourceLine = sourceLine;
    this.#source = source;
    this.#from = from;
    this.#headerIndex = headerIndex;
    this.#maker = maker;
  }

  get lines(): PatchLine[] {
    if (this.#lines === null) this.#make(true);
    return this.#lines!;
  }

  set lines(lines: PatchLine[]) {
    this.#lines = lines;
  }

  get functions(): string[] {
    if (this.#functions === null) this.#make(false);
    return this.#functions!;
  }

  set functions(functions: string[]) {
    this.#functions = functions;
  }

  /** Walks the hunk: its functions (unless assigned already), and its lines when `withLines`. */
  #make(withLines: boolean): void {
    const made = this.#maker.details(this.#source, this.#from, this.#headerIndex, withLines);
    if (made.lines) this.#lines = made.lines;
    this.#functions ??= made.functions;
  }

  /** The hunk as JSON: every model property, in the model's order. */
  toJSON(): Hunk {
    return plainHunk(this);
  }
}

/** A plain-object copy of a hunk (every model property, the model's order; `lines` and `functions` made if need be). */
export function plainHunk(hunk: Hunk): Hunk {
  const { oldStart, oldLines, newStart, newLines, header, functions, lines, sourceLine } = hunk;
  return { oldStart, oldLines, newStart, newLines, header, functions, lines, sourceLine };
}
