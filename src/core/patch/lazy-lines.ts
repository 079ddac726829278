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
 * A hunk whose `lines` come from `loader` on first read. `fields` gives every other property;
 * the property order is the model's (`lines` before `sourceLine`).
 */
export function lazyHunk(fields: Omit<Hunk, 'lines'>, loader: LinesLoader): Hunk {
  const hunk = {
    oldStart: fields.oldStart, oldLines: fields.oldLines, newStart: fields.newStart, newLines: fields.newLines,
    header: fields.header, functions: fields.functions,
  } as LazyHunk;
  Object.defineProperty(hunk, 'lines', LINES);
  hunk.sourceLine = fields.sourceLine;
  // Not enumerable, not writable: invisible to spread, JSON, cloning and deep equality.
  Object.defineProperty(hunk, BODY, { value: loader });
  return hunk;
}
