/**
 * Reads the body of one unified-diff hunk: the lines after `@@ ... @@`, as many as the
 * header's counts say, each with its old/new line number and input line.
 */
import { diagnostic } from '../common/diagnostic';
import type { HunkRange } from './hunk-header';
import { lineAt, lineEnd, lineStartsWith, type LineSource } from './line-index';
import type { Hunk, PatchLine } from './model';

const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const BACKSLASH = 92;
const AT = 64;

/** True when lines i and i+1 are a `---`/`+++` file header pair (a new file starts there). */
export function isFileHeaderPair(source: LineSource, i: number): boolean {
  return lineStartsWith(source, i, '--- ') && lineStartsWith(source, i + 1, '+++ ');
}

/**
 * Reads the hunk whose header is line `headerIndex`. Returns the hunk and the index of the
 * first line after it. Counts that do not match the lines found give a diagnostic.
 */
export function readHunk(source: LineSource, headerIndex: number, range: HunkRange): { hunk: Hunk; next: number; added: number; removed: number } {
  const { text, starts, count, sourceLine } = source;
  const body: PatchLine[] = [];
  let oldLeft = range.oldLines;
  let newLeft = range.newLines;
  let oldNo = range.oldLines === 0 ? range.oldStart + 1 : range.oldStart;
  let newNo = range.newLines === 0 ? range.newStart + 1 : range.newStart;
  let added = 0;
  let removed = 0;
  let i = headerIndex + 1;
  for (; i < count && (oldLeft > 0 || newLeft > 0); i++) {
    const start = starts[i]!;
    const end = lineEnd(source, i);
    const c = end > start ? text.charCodeAt(start) : -1;
    if (c === SPACE) {
      body.push({ kind: 'context', text: text.slice(start + 1, end), oldLine: oldNo++, newLine: newNo++, sourceLine: sourceLine(i) });
      oldLeft--;
      newLeft--;
    } else if (c === MINUS) {
      if (text.charCodeAt(start + 1) === MINUS && isFileHeaderPair(source, i)) break;
      body.push({ kind: 'remove', text: text.slice(start + 1, end), oldLine: oldNo++, newLine: null, sourceLine: sourceLine(i) });
      oldLeft--;
      removed++;
    } else if (c === PLUS) {
      body.push({ kind: 'add', text: text.slice(start + 1, end), oldLine: null, newLine: newNo++, sourceLine: sourceLine(i) });
      newLeft--;
      added++;
    } else if (c === BACKSLASH) {
      markNoNewline(body);
    } else if (c === -1 && oldLeft > 0 && newLeft > 0) {
      source.diagnostics.push(diagnostic(sourceLine(i), 'info', 'stripped-blank-context',
        'Empty line inside a hunk read as a blank context line whose leading space was stripped.'));
      body.push({ kind: 'context', text: '', oldLine: oldNo++, newLine: newNo++, sourceLine: sourceLine(i) });
      oldLeft--;
      newLeft--;
    } else if (source.whitespaceDamaged && c !== -1 && c !== AT && !lineStartsWith(source, i, 'diff --git ') && oldLeft > 0 && newLeft > 0) {
      body.push({ kind: 'context', text: lineAt(source, i), oldLine: oldNo++, newLine: newNo++, sourceLine: sourceLine(i) });
      oldLeft--;
      newLeft--;
    } else {
      break;
    }
  }
  if (i < count && lineStartsWith(source, i, '\\')) {
    markNoNewline(body);
    i++;
  }
  const hunk: Hunk = {
    oldStart: range.oldStart, oldLines: range.oldLines, newStart: range.newStart, newLines: range.newLines,
    header: range.header, functions: [], lines: body, sourceLine: sourceLine(headerIndex),
  };
  checkCounts(source, hunk, i, oldLeft, newLeft);
  return { hunk, next: i, added, removed };
}

function markNoNewline(body: PatchLine[]): void {
  const last = body[body.length - 1];
  if (last) last.noNewlineAtEnd = true;
}

function describe(hunk: Hunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ (line ${hunk.sourceLine})`;
}

function checkCounts(source: LineSource, hunk: Hunk, next: number, oldLeft: number, newLeft: number): void {
  const at = source.sourceLine(Math.min(next, source.count - 1));
  if (oldLeft !== 0 || newLeft !== 0) {
    const oldRead = hunk.oldLines - oldLeft;
    const newRead = hunk.newLines - newLeft;
    source.diagnostics.push(diagnostic(at, 'error', 'hunk-count-mismatch',
      `Hunk ${describe(hunk)} has ${oldRead} old and ${newRead} new lines, not the ${hunk.oldLines} and ${hunk.newLines} its header says.`));
    return;
  }
  const following = next < source.count ? lineAt(source, next) : '';
  const looksLikeMore = (following.startsWith('+') || following.startsWith('-')) && following !== '-- ' && following !== '--' && !isFileHeaderPair(source, next);
  if (looksLikeMore) {
    source.diagnostics.push(diagnostic(at, 'warning', 'hunk-count-mismatch',
      `Line after hunk ${describe(hunk)} looks like a patch line, but the header's counts are used up; it is ignored.`));
  }
}
