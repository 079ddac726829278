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

/** Makes a hunk's lines when they are first read. */
export interface LinesLoader {
  load(): PatchLine[];
}

const BODY = Symbol('hunk body');

interface LazyState {
  loader: LinesLoader | null;
  lines: PatchLine[] | null;
}

type LazyHunk = Hunk & { [BODY]: LazyState };

function getLines(this: LazyHunk): PatchLine[] {
  const state = this[BODY];
  if (state.lines === null) {
    state.lines = state.loader!.load();
    state.loader = null;
  }
  return state.lines;
}

function setLines(this: LazyHunk, lines: PatchLine[]): void {
  const state = this[BODY];
  state.lines = lines;
  state.loader = null;
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
  const state: LazyState = { loader, lines: null };
  // Not enumerable, not writable: invisible to spread, JSON, cloning and deep equality.
  Object.defineProperty(hunk, BODY, { value: state });
  return hunk;
}
