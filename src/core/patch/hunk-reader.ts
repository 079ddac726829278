/**
 * Reads the body of one unified-diff hunk: the lines after `@@ ... @@`, as many as the
 * header's counts say, each with its old/new line number and input line.
 */
import { diagnostic, type Diagnostic } from '../common/diagnostic';
import type { HunkRange } from './hunk-header';
import type { Hunk, PatchLine } from './model';

const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const BACKSLASH = 92;
const AT = 64;

/** The input the hunk reader works on, shared with the diff parser. */
export interface LineSource {
  /** The input lines, without line breaks (a trailing CR already removed). */
  lines: string[];
  /** Number of lines to read (`lines` may hold a trailing empty piece after the last break). */
  count: number;
  /** 1-based input line of line index `i`. */
  sourceLine(i: number): number;
  whitespaceDamaged: boolean;
  diagnostics: Diagnostic[];
}

/** True when lines i and i+1 are a `---`/`+++` file header pair (a new file starts there). */
export function isFileHeaderPair(source: LineSource, i: number): boolean {
  return i + 1 < source.count && source.lines[i]!.startsWith('--- ') && source.lines[i + 1]!.startsWith('+++ ');
}

/**
 * Reads the hunk whose header is line `headerIndex`. Returns the hunk and the index of the
 * first line after it. Counts that do not match the lines found give a diagnostic.
 */
export function readHunk(source: LineSource, headerIndex: number, range: HunkRange): { hunk: Hunk; next: number } {
  const { lines, count } = source;
  const body: PatchLine[] = [];
  let oldLeft = range.oldLines;
  let newLeft = range.newLines;
  let oldNo = range.oldLines === 0 ? range.oldStart + 1 : range.oldStart;
  let newNo = range.newLines === 0 ? range.newStart + 1 : range.newStart;
  let i = headerIndex + 1;
  for (; i < count && (oldLeft > 0 || newLeft > 0); i++) {
    const line = lines[i]!;
    const c = line.charCodeAt(0);
    if (c === SPACE) {
      body.push({ kind: 'context', text: line.slice(1), oldLine: oldNo++, newLine: newNo++, sourceLine: source.sourceLine(i) });
      oldLeft--;
      newLeft--;
    } else if (c === MINUS) {
      if (isFileHeaderPair(source, i)) break;
      body.push({ kind: 'remove', text: line.slice(1), oldLine: oldNo++, newLine: null, sourceLine: source.sourceLine(i) });
      oldLeft--;
    } else if (c === PLUS) {
      body.push({ kind: 'add', text: line.slice(1), oldLine: null, newLine: newNo++, sourceLine: source.sourceLine(i) });
      newLeft--;
    } else if (c === BACKSLASH) {
      markNoNewline(body);
    } else if (line.length === 0 && oldLeft > 0 && newLeft > 0) {
      source.diagnostics.push(diagnostic(source.sourceLine(i), 'info', 'stripped-blank-context',
        'Empty line inside a hunk read as a blank context line whose leading space was stripped.'));
      body.push({ kind: 'context', text: '', oldLine: oldNo++, newLine: newNo++, sourceLine: source.sourceLine(i) });
      oldLeft--;
      newLeft--;
    } else if (source.whitespaceDamaged && line.length > 0 && c !== AT && !line.startsWith('diff --git ') && oldLeft > 0 && newLeft > 0) {
      body.push({ kind: 'context', text: line, oldLine: oldNo++, newLine: newNo++, sourceLine: source.sourceLine(i) });
      oldLeft--;
      newLeft--;
    } else {
      break;
    }
  }
  if (i < count && lines[i]!.charCodeAt(0) === BACKSLASH) {
    markNoNewline(body);
    i++;
  }
  const hunk: Hunk = { ...range, functions: [], lines: body, sourceLine: source.sourceLine(headerIndex) };
  checkCounts(source, hunk, i, oldLeft, newLeft);
  return { hunk, next: i };
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
  const following = next < source.count ? source.lines[next]! : '';
  const looksLikeMore = (following.startsWith('+') || following.startsWith('-')) && following !== '-- ' && following !== '--' && !isFileHeaderPair(source, next);
  if (looksLikeMore) {
    source.diagnostics.push(diagnostic(at, 'warning', 'hunk-count-mismatch',
      `Line after hunk ${describe(hunk)} looks like a patch line, but the header's counts are used up; it is ignored.`));
  }
}
