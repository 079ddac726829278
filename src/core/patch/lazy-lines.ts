/**
 * `Hunk.lines` built on first read. The diff reader counts a hunk's lines but does not create
 * its `PatchLine` objects (one object and one string per patch line, which is most of a
 * parse's garbage); a consumer that reads `hunk.lines` gets them then, once, and the array is
 * kept. To every consumer the hunk looks like a plain object with a `lines` array:
 * `lines` is an own, enumerable property (an accessor), so spread (`{ ...hunk }`),
 * `JSON.stringify`, `structuredClone`, `postMessage` and `assert.deepStrictEqual` read it
 * like a data property; assigning `hunk.lines = [...]` replaces it.
 *
 * What the lines are made from lives in the hunk object itself, in private class fields (which
 * no reflection, copy or comparison sees): no second object per hunk. The fields hold the
 * header's numbers as read, so a consumer that changes `oldStart` & co. before reading `lines`
 * gets the same lines as one that does not.
 */
import type { Hunk, PatchLine } from './model';

/** The header's numbers as parsed, which the lines are numbered from. */
export interface HunkCounts { oldStart: number; oldLines: number; newStart: number; newLines: number }

/** Makes the lines of the hunk whose header is line `headerIndex` of `source`, numbered from `counts`. */
export type LinesMaker<S> = (source: S, headerIndex: number, counts: HunkCounts) => PatchLine[];

/** Gives its constructor's object back as `this`, so that a subclass adds its private fields to a given object. */
class GivenObject {
  constructor(object: object) {
    return object as GivenObject;
  }
}

/**
 * Adds to a hunk, as private fields (invisible to every reflection, copy and comparison), what
 * its lines are made from: the source, its header's index and numbers as read, the maker.
 */
class LinesState extends GivenObject {
  #made: PatchLine[] | null = null;
  #source: unknown;
  readonly #headerIndex: number;
  readonly #oldStart: number;
  readonly #oldLines: number;
  readonly #newStart: number;
  readonly #newLines: number;
  readonly #maker: LinesMaker<unknown>;

  constructor(hunk: Hunk, maker: LinesMaker<unknown>, source: unknown, headerIndex: number) {
    super(hunk);
    this.#source = source;
    this.#headerIndex = headerIndex;
    this.#oldStart = hunk.oldStart;
    this.#oldLines = hunk.oldLines;
    this.#newStart = hunk.newStart;
    this.#newLines = hunk.newLines;
    this.#maker = maker;
  }

  static get(hunk: object): PatchLine[] {
    const state = hunk as LinesState;
    if (state.#made === null) {
      state.#made = state.#maker(state.#source, state.#headerIndex, { oldStart: state.#oldStart, oldLines: state.#oldLines, newStart: state.#newStart, newLines: state.#newLines });
      state.#source = null;
    }
    return state.#made;
  }

  static set(hunk: object, lines: PatchLine[]): void {
    const state = hunk as LinesState;
    state.#made = lines;
    state.#source = null;
  }
}

function getLines(this: Hunk): PatchLine[] {
  return LinesState.get(this);
}

function setLines(this: Hunk, lines: PatchLine[]): void {
  LinesState.set(this, lines);
}

/** One descriptor for every hunk, so that all lazy hunks share one object shape. */
const LINES: PropertyDescriptor = { get: getLines, set: setLines, enumerable: true, configurable: true };

/**
 * Builds a lazy hunk in place (called with `new`). A constructor rather than an object literal:
 * V8 gives a constructor's objects room for the properties added after the first six (the
 * literal keeps those in a second, separately allocated array), which saves one allocation
 * and ~40 bytes per hunk, and the adding is faster (~70 ns per hunk less, measured).
 * Its `prototype` is `Object.prototype`, so a lazy hunk has the prototype of a plain object
 * and deep-equals one (`assert.deepStrictEqual` compares prototypes).
 */
function LazyHunkObject(this: Hunk, fields: Omit<Hunk, 'lines'>): void {
  this.oldStart = fields.oldStart;
  this.oldLines = fields.oldLines;
  this.newStart = fields.newStart;
  this.newLines = fields.newLines;
  this.header = fields.header;
  this.functions = fields.functions;
  Object.defineProperty(this, 'lines', LINES);
  this.sourceLine = fields.sourceLine;
}
LazyHunkObject.prototype = Object.prototype;

const LazyHunkClass = LazyHunkObject as unknown as new (fields: Omit<Hunk, 'lines'>) => Hunk;

/**
 * A hunk whose `lines` are made by `maker(source, headerIndex, counts)` on first read, with the
 * counts of `fields` as they are now. `fields` gives every other property; the property order
 * is the model's (`lines` before `sourceLine`).
 */
export function lazyHunk<S>(fields: Omit<Hunk, 'lines'>, maker: LinesMaker<S>, source: S, headerIndex: number): Hunk {
  return new LinesState(new LazyHunkClass(fields), maker as LinesMaker<unknown>, source, headerIndex) as unknown as Hunk;
}
