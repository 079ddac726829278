/**
 * Reads the body of one unified-diff hunk: the lines after `@@ ... @@`, as many as the
 * header's counts say. The reading walk only counts them (added, removed, where the hunk
 * ends), follows the functions they touch and reports what is wrong; the `PatchLine`
 * objects, each with its old/new line number and input line, are made by a second walk over
 * the same lines when `hunk.lines` is first read (see lazy-lines.ts).
 */
import { diagnostic } from '../common/diagnostic';
import type { HunkRange } from './hunk-header';
import { HunkFunctionTracker } from './hunk-text-functions';
import { lazyHunk } from './lazy-lines';
import type { LineSource } from './line-index';
import type { Hunk, PatchLine } from './model';

const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const BACKSLASH = 92;
const AT = 64;

const CONTEXT = 0;
const ADD = 1;
const REMOVE = 2;
const KINDS = ['context', 'add', 'remove'] as const;

/** The numbers of a hunk header. */
type HunkCounts = Pick<HunkRange, 'oldStart' | 'oldLines' | 'newStart' | 'newLines'>;

/** True when lines i and i+1 are a `---`/`+++` file header pair (a new file starts there). */
export function isFileHeaderPair(source: LineSource, i: number): boolean {
  return source.startsWith(i, '--- ') && source.startsWith(i + 1, '+++ ');
}

/** Where a hunk's body ends and what it holds. */
interface HunkEnd {
  /** Index of the first line after the hunk. */
  next: number;
  added: number;
  removed: number;
  /** Old and new lines the header announced but the body did not have. */
  oldLeft: number;
  newLeft: number;
}

/**
 * Walks the body of the hunk whose header is line `headerIndex`. The reading walk passes a
 * function `tracker` and no `body`, and reports stripped blank lines; the loading walk passes
 * a `body` to fill with one `PatchLine` per line and reports nothing (it was said already).
 */
function walkHunk(source: LineSource, headerIndex: number, range: HunkCounts, body: PatchLine[] | null, tracker: HunkFunctionTracker | null): HunkEnd {
  const { text, starts, count } = source;
  let oldLeft = range.oldLines;
  let newLeft = range.newLines;
  let oldNo = range.oldLines === 0 ? range.oldStart + 1 : range.oldStart;
  let newNo = range.newLines === 0 ? range.newStart + 1 : range.newStart;
  let added = 0;
  let removed = 0;
  let i = headerIndex + 1;
  for (; i < count && (oldLeft > 0 || newLeft > 0); i++) {
    const start = starts[i]!;
    const end = source.lineEnd(i);
    const c = end > start ? text.charCodeAt(start) : -1;
    /** Where the line's text starts: after the ' ', '+' or '-', or at the start of a line that lost it. */
    let from = start + 1;
    let kind: number;
    if (c === SPACE) {
      kind = CONTEXT;
    } else if (c === MINUS) {
      if (text.charCodeAt(start + 1) === MINUS && isFileHeaderPair(source, i)) break;
      kind = REMOVE;
    } else if (c === PLUS) {
      kind = ADD;
    } else if (c === BACKSLASH) {
      if (body) markNoNewline(body);
      continue;
    } else if (c === -1 && oldLeft > 0 && newLeft > 0) {
      if (!body) {
        source.diagnostics.push(diagnostic(source.sourceLine(i), 'info', 'stripped-blank-context',
          'Empty line inside a hunk read as a blank context line whose leading space was stripped.'));
      }
      kind = CONTEXT;
      from = start;
    } else if (source.whitespaceDamaged && c !== -1 && c !== AT && !source.startsWith(i, 'diff --git ') && oldLeft > 0 && newLeft > 0) {
      kind = CONTEXT;
      from = start;
    } else {
      break;
    }
    tracker?.line(kind !== CONTEXT, text, from, end);
    if (body) {
      const oldLine = kind === ADD ? null : oldNo++;
      const newLine = kind === REMOVE ? null : newNo++;
      body.push({ kind: KINDS[kind]!, text: text.slice(from, end), oldLine, newLine, sourceLine: source.sourceLine(i) });
    }
    if (kind === ADD) {
      added++;
      newLeft--;
    } else if (kind === REMOVE) {
      removed++;
      oldLeft--;
    } else {
      oldLeft--;
      newLeft--;
    }
  }
  if (i < count && source.startsWith(i, '\\')) {
    if (body) markNoNewline(body);
    i++;
  }
  return { next: i, added, removed, oldLeft, newLeft };
}

/** Makes a hunk's `PatchLine`s by walking its body again, when `hunk.lines` is first read. */
function makeLines(source: LineSource, headerIndex: number, counts: HunkCounts): PatchLine[] {
  const body: PatchLine[] = [];
  walkHunk(source, headerIndex, counts, body, null);
  return body;
}

/**
 * The reading walk's function tracker, one for good: a tracker per hunk would die with each
 * parse, and V8 drops optimized code whose object shapes all died in a full GC.
 */
const tracker = new HunkFunctionTracker();

/**
 * Reads the hunk whose header is line `headerIndex`. Returns the hunk (functions found, lines
 * made on first read) and the index of the first line after it. Counts that do not match the
 * lines found give a diagnostic.
 */
export function readHunk(source: LineSource, headerIndex: number, range: HunkRange): { hunk: Hunk; next: number; added: number; removed: number } {
  tracker.start(range.header);
  const end = walkHunk(source, headerIndex, range, null, tracker);
  const hunk = lazyHunk({
    oldStart: range.oldStart, oldLines: range.oldLines, newStart: range.newStart, newLines: range.newLines,
    header: range.header, functions: tracker.take(), sourceLine: source.sourceLine(headerIndex),
  }, makeLines, source, headerIndex);
  checkCounts(source, hunk, end);
  return { hunk, next: end.next, added: end.added, removed: end.removed };
}

function markNoNewline(body: PatchLine[]): void {
  const last = body[body.length - 1];
  if (last) last.noNewlineAtEnd = true;
}

function describe(hunk: Hunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ (line ${hunk.sourceLine})`;
}

function checkCounts(source: LineSource, hunk: Hunk, { next, oldLeft, newLeft }: HunkEnd): void {
  const at = source.sourceLine(Math.min(next, source.count - 1));
  if (oldLeft !== 0 || newLeft !== 0) {
    const oldRead = hunk.oldLines - oldLeft;
    const newRead = hunk.newLines - newLeft;
    source.diagnostics.push(diagnostic(at, 'error', 'hunk-count-mismatch',
      `Hunk ${describe(hunk)} has ${oldRead} old and ${newRead} new lines, not the ${hunk.oldLines} and ${hunk.newLines} its header says.`));
    return;
  }
  // Only a line starting with '+' or '-' is copied out to look at (the next hunk's `@@` is not).
  const first = next < source.count && source.lineEnd(next) > source.starts[next]! ? source.text.charCodeAt(source.starts[next]!) : -1;
  const following = first === PLUS || first === MINUS ? source.lineAt(next) : '';
  const looksLikeMore = following !== '' && following !== '-- ' && following !== '--' && !isFileHeaderPair(source, next);
  if (looksLikeMore) {
    source.diagnostics.push(diagnostic(at, 'warning', 'hunk-count-mismatch',
      `Line after hunk ${describe(hunk)} looks like a patch line, but the header's counts are used up; it is ignored.`));
  }
}
