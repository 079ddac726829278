/**
 * Reads the body of one unified-diff hunk: the lines after `@@ ... @@`, as many as the
 * header's counts say. The reading walk only counts them (added, removed, where the hunk
 * ends) and reports what is wrong; the `PatchLine` objects (each with its old/new line
 * number and input line) and the functions the changed lines lie in are made by a second
 * walk over the same lines when first read (see parsed-hunk.ts).
 */
import { diagnostic } from '../../common/diagnostic';
import { AT, BACKSLASH, MINUS, PLUS, SPACE } from './char-classes';
import { endsWithCrLf, lineEnd, nextLineStart, type DiffCursor, type LineText } from './diff-cursor';
import { parseHunkHeaderAt, type HunkRange } from './hunk-header';
import { HunkFunctionTracker } from './hunk-text-functions';
import type { FilePatch, Hunk, PatchLine } from '../model';
import { ParsedHunk, type HunkDetailsMaker } from './parsed-hunk';

const CONTEXT = 0;
const ADD = 1;
const REMOVE = 2;
const KINDS = ['context', 'add', 'remove'] as const;

/** The numbers of a hunk header. */
type HunkCounts = Pick<HunkRange, 'oldStart' | 'oldLines' | 'newStart' | 'newLines'>;

/** True when the line at offset `pos` and the one after it are a `---`/`+++` file header pair (a new file starts there). */
export function isFileHeaderPairAt(text: string, pos: number): boolean {
  if (!text.startsWith('--- ', pos)) return false;
  const next = nextLineStart(text, pos);
  return next < text.length && text.startsWith('+++ ', next);
}

/** Where a hunk's body ends and what it holds. */
interface HunkEnd {
  /** Offset and index of the first line after the hunk. */
  pos: number;
  index: number;
  added: number;
  removed: number;
  /** Old and new lines the header announced but the body did not have. */
  oldLeft: number;
  newLeft: number;
  /** Lines of the hunk (header included) ending with CR LF, and the index of the first (-1 when none). */
  crLines: number;
  firstCr: number;
}

/**
 * Walks the body of the hunk whose header line starts at offset `headerPos` and is line
 * `headerIndex`. The reading walk passes the cursor to report stripped blank lines to; the
 * details walk passes a function `tracker`, and a `body` to fill with one `PatchLine` per line
 * when the lines are wanted, and reports nothing (it was said already).
 */
function walkHunk(input: LineText, headerPos: number, headerIndex: number, range: HunkCounts, body: PatchLine[] | null, tracker: HunkFunctionTracker | null, report: DiffCursor | null): HunkEnd {
  const { text, whitespaceDamaged } = input;
  const length = text.length;
  let oldLeft = range.oldLines;
  let newLeft = range.newLines;
  let oldNo = range.oldLines === 0 ? range.oldStart + 1 : range.oldStart;
  let newNo = range.newLines === 0 ? range.newStart + 1 : range.newStart;
  let added = 0;
  let removed = 0;
  let pos = nextLineStart(text, headerPos);
  let index = headerIndex + 1;
  let crLines = endsWithCrLf(text, headerPos, pos) ? 1 : 0;
  let firstCr = crLines > 0 ? headerIndex : -1;
  while (pos < length && (oldLeft > 0 || newLeft > 0)) {
    const next = nextLineStart(text, pos);
    const end = lineEnd(text, pos, next);
    const c = end > pos ? text.charCodeAt(pos) : -1;
    /** Where the line's text starts: after the ' ', '+' or '-', or at the start of a line that lost it. */
    let from = pos + 1;
    let kind: number;
    if (c === SPACE) {
      kind = CONTEXT;
    } else if (c === MINUS) {
      if (text.charCodeAt(pos + 1) === MINUS && isFileHeaderPairAt(text, pos)) break;
      kind = REMOVE;
    } else if (c === PLUS) {
      kind = ADD;
    } else if (c === BACKSLASH) {
      if (body) markNoNewline(body);
      kind = -1;
    } else if (c === -1 && oldLeft > 0 && newLeft > 0) {
      report?.diagnostics.push(diagnostic(input.sourceLine(index), 'info', 'stripped-blank-context',
        'Empty line inside a hunk read as a blank context line whose leading space was stripped.'));
      kind = CONTEXT;
      from = pos;
    } else if (whitespaceDamaged && c !== -1 && c !== AT && !text.startsWith('diff --git ', pos) && oldLeft > 0 && newLeft > 0) {
      kind = CONTEXT;
      from = pos;
    } else {
      break;
    }
    if (end < next - 1 && crLines++ === 0) firstCr = index;
    if (kind >= 0) {
      tracker?.line(kind !== CONTEXT, text, from, end);
      if (body) {
        const oldLine = kind === ADD ? null : oldNo++;
        const newLine = kind === REMOVE ? null : newNo++;
        body.push({ kind: KINDS[kind]!, text: text.slice(from, end), oldLine, newLine, sourceLine: input.sourceLine(index) });
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
    pos = next;
    index++;
  }
  if (pos < length && text.charCodeAt(pos) === BACKSLASH) {
    if (body) markNoNewline(body);
    const next = nextLineStart(text, pos);
    if (endsWithCrLf(text, pos, next) && crLines++ === 0) firstCr = index;
    pos = next;
    index++;
  }
  return { pos, index, added, removed, oldLeft, newLeft, crLines, firstCr };
}

/** The header of the hunk at `headerPos`, as it reads in the input. */
function headerAt(text: string, headerPos: number): HunkRange {
  return parseHunkHeaderAt(text, headerPos, lineEnd(text, headerPos, nextLineStart(text, headerPos)))!;
}

/**
 * One function tracker for good: a tracker per hunk would die with each parse, and V8 drops
 * optimized code whose object shapes all died in a full GC.
 */
const tracker = new HunkFunctionTracker();

/** A hunk's details, made by walking its body again when first read. */
const HUNK_DETAILS: HunkDetailsMaker<LineText> = {
  details(input, headerPos, headerIndex, withLines) {
    const range = headerAt(input.text, headerPos);
    const lines: PatchLine[] | null = withLines ? [] : null;
    tracker.start(range.header);
    walkHunk(input, headerPos, headerIndex, range, lines, tracker, null);
    return { lines, functions: tracker.take() };
  },
};

/**
 * Reads the hunk whose header (already read into `range`) is the cursor's line into `file`
 * (its lines and functions made on first read, its counts added to the file's), and moves the
 * cursor past it. Counts that do not match the lines found give a diagnostic.
 */
export function readHunk(cursor: DiffCursor, range: HunkRange, file: FilePatch): void {
  const { pos: headerPos, index: headerIndex } = cursor;
  const end = walkHunk(cursor, headerPos, headerIndex, range, null, null, cursor);
  const input: LineText = cursor;
  const hunk = new ParsedHunk(range, cursor.sourceLine(headerIndex), HUNK_DETAILS, input, headerPos, headerIndex);
  file.hunks.push(hunk);
  file.added += end.added;
  file.removed += end.removed;
  cursor.moveTo(end.pos, end.index, end.crLines, end.firstCr);
  checkCounts(cursor, hunk, end);
}

function markNoNewline(body: PatchLine[]): void {
  const last = body[body.length - 1];
  if (last) last.noNewlineAtEnd = true;
}

function describe(hunk: Hunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ (line ${hunk.sourceLine})`;
}

/** Checks a hunk's counts once the cursor is at the line after it. */
function checkCounts(cursor: DiffCursor, hunk: Hunk, { oldLeft, newLeft }: HunkEnd): void {
  const { text, pos } = cursor;
  // The line after the hunk, or the last line when the text ends there.
  const at = cursor.done ? cursor.sourceLine(Math.max(0, cursor.index - 1)) : cursor.sourceLineHere;
  if (oldLeft !== 0 || newLeft !== 0) {
    const oldRead = hunk.oldLines - oldLeft;
    const newRead = hunk.newLines - newLeft;
    cursor.diagnostics.push(diagnostic(at, 'error', 'hunk-count-mismatch',
      `Hunk ${describe(hunk)} has ${oldRead} old and ${newRead} new lines, not the ${hunk.oldLines} and ${hunk.newLines} its header says.`));
    return;
  }
  // Only a line starting with '+' or '-' is copied out to look at (the next hunk's `@@` is not).
  const first = cursor.done ? -1 : text.charCodeAt(pos);
  const following = first === PLUS || first === MINUS ? cursor.line() : '';
  const looksLikeMore = following !== '' && following !== '-- ' && following !== '--' && !isFileHeaderPairAt(text, pos);
  if (looksLikeMore) {
    cursor.diagnostics.push(diagnostic(at, 'warning', 'hunk-count-mismatch',
      `Line after hunk ${describe(hunk)} looks like a patch line, but the header's counts are used up; it is ignored.`));
  }
}
