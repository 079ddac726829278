/**
 * `Hunk.lines` built on first read. The diff reader counts a hunk's lines but does not create
 * its `PatchLine` objects (one object and one string per patch line, which is most of a
 * parse's garbage); a consumer that reads `hunk.lines` gets them then, once, and the array is
 * kept. To every consumer the hunk looks like a plain object with a `lines` array:
 * `lines` is an own, enumerable property (an accessor), so spread (`{ ...hunk }`),
 * `JSON.stringify`, `structuredClone`, `postMessage` and `assert.deepStrictEqual` read it
 * like a data property; assigning `hunk.lines = [...]` replaces it. The loader is kept under a
 * non-enumerable symbol, which none of those copy or compare.
 */
import type { Hunk, PatchLine } from './model';

/** Makes a hunk's lines when they are first read, and keeps them (or the ones assigned). */
export interface LinesLoader {
  /** The lines once made or assigned; null before. */
  lines: PatchLine[] | null;
  load(): PatchLine[];
}

const BODY = Symbol('hunk body');

type LazyHunk = Hunk & { [BODY]: LinesLoader };

function getLines(this: LazyHunk): PatchLine[] {
  const loader = this[BODY];
  return loader.lines ??= loader.load();
}

function setLines(this: LazyHunk, lines: PatchLine[]): void {
  this[BODY].lines = lines;
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
function LazyHunkObject(this: LazyHunk, fields: Omit<Hunk, 'lines'>, loader: LinesLoader): void {
  this.oldStart = fields.oldStart;
  this.oldLines = fields.oldLines;
  this.newStart = fields.newStart;
  this.newLines = fields.newLines;
  this.header = fields.header;
  this.functions = fields.functions;
  Object.defineProperty(this, 'lines', LINES);
  this.sourceLine = fields.sourceLine;
  // Not enumerable, not writable: invisible to spread, JSON, cloning and deep equality.
  Object.defineProperty(this, BODY, { value: loader });
}
LazyHunkObject.prototype = Object.prototype;

const LazyHunkClass = LazyHunkObject as unknown as new (fields: Omit<Hunk, 'lines'>, loader: LinesLoader) => LazyHunk;

/**
 * A hunk whose `lines` come from `loader` on first read. `fields` gives every other property;
 * the property order is the model's (`lines` before `sourceLine`).
 */
export function lazyHunk(fields: Omit<Hunk, 'lines'>, loader: LinesLoader): Hunk {
  return new LazyHunkClass(fields, loader);
}
