/**
 * The few line-range replacements that turn a file's current text into its patched text: one
 * per change block of each applied hunk (a run of removed and added lines between context
 * lines), trimmed to the lines that really differ. Applying a patch through them instead of
 * replacing the whole text keeps the editor's cursor, selections, folding and markers on every
 * line the patch does not touch. Pure: no `vscode`.
 *
 * The hunks only suggest where the changes are; the result is checked line by line against
 * both texts, so it always turns the current text into exactly the patched text (line breaks
 * and a missing final line break included).
 */
import { changeBlocks } from './change-blocks';
import type { Hunk } from '../model';
import type { HunkPlacement } from './hunk-placement';

/** What of a hunk's placement the replacements need. */
type Placement = Pick<HunkPlacement, 'startLine' | 'newStartLine'>;
import { splitLines } from '../diff/text-lines';

/** One replacement, in the current text's terms. */
export interface LineReplacement {
  /** 0-based index of the first current line replaced (lines end at '\n'). */
  startLine: number;
  /** 0-based index of the line after the last one replaced; equal to startLine for a pure insertion. */
  endLine: number;
  /** Offset in the current text (UTF-16 code units) where the replaced text starts: the start of startLine. */
  startOffset: number;
  /** Offset in the current text where the replaced text ends: the start of endLine, or the text's end. */
  endOffset: number;
  /** The patched lines that take their place, each with its line break ('' for a pure deletion). */
  text: string;
}

/** A zero-based line and character, counting lines the way VS Code does (\r\n, \r or \n). */
export interface EditorPosition {
  line: number;
  character: number;
}

/** Corresponding line ranges of the current and patched texts: [oldStart, oldEnd) → [newStart, newEnd). */
interface Span {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/**
 * @param current the text the hunks were placed in (the dry run's).
 * @param patched the text the patch makes of it.
 * @param placements per hunk, where its old side starts in the current text and its new side
 *   in the patched text (the dry run's placements; null for a hunk that did not apply).
 */
export function lineReplacements(current: string, patched: string, hunks: readonly Hunk[], placements: readonly Placement[]): LineReplacement[] {
  const before = linesWithBreaks(current);
  const after = linesWithBreaks(patched);
  const spans = exactSpans(before, after, hunkSpans(hunks, placements)) ?? [{ oldStart: 0, oldEnd: before.length, newStart: 0, newEnd: after.length }];
  const starts = lineOffsets(before);
  return spans
    .map((span) => trim(span, before, after))
    .filter((s) => s.oldEnd > s.oldStart || s.newEnd > s.newStart)
    .map((s) => ({
      startLine: s.oldStart,
      endLine: s.oldEnd,
      startOffset: starts[s.oldStart]!,
      endOffset: starts[s.oldEnd]!,
      text: after.slice(s.newStart, s.newEnd).join(''),
    }));
}

/**
 * Maps offsets of `text` to editor positions. VS Code also ends a line at a lone '\r', so its
 * line numbers can differ from the '\n' lines of {@link LineReplacement}: convert offsets here.
 */
export function editorPositions(text: string): (offset: number) => EditorPosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]! };
  };
}

/** Each line with its own line break, so that comparing lines compares breaks too. */
function linesWithBreaks(text: string): string[] {
  const { lines, breaks } = splitLines(text);
  return lines.map((line, i) => line + breaks[i]!);
}

/** Offset of the start of each line, plus the text's length at index lines.length. */
function lineOffsets(lines: readonly string[]): number[] {
  const offsets = [0];
  for (const line of lines) offsets.push(offsets[offsets.length - 1]! + line.length);
  return offsets;
}

/** The change blocks of the applied hunks, where the placements put them: removed lines in the current text, added lines in the patched text. */
function hunkSpans(hunks: readonly Hunk[], placements: readonly Placement[]): Span[] {
  return hunks.flatMap((hunk, h) => {
    const { startLine, newStartLine } = placements[h] ?? { startLine: null, newStartLine: null };
    if (startLine === null || newStartLine === null) return [];
    return changeBlocks(hunk).map((b) => {
      const oldStart = startLine - 1 + b.oldOffset;
      const newStart = newStartLine - 1 + b.newOffset;
      return { oldStart, oldEnd: oldStart + b.removed, newStart, newEnd: newStart + b.added };
    });
  });
}

/**
 * The suggested spans made exact: merged where they touch or overlap, and every line outside
 * them checked to be the same in both texts; a run of lines that differs there becomes a span
 * of its own. Null when the suggestions do not line the two texts up (the lines between two
 * spans are not as many in both), which the caller answers with one span over everything.
 */
function exactSpans(before: readonly string[], after: readonly string[], suggested: readonly Span[]): Span[] | null {
  const merged = mergeTouching(suggested);
  if (!merged) return null;
  const end: Span = { oldStart: before.length, oldEnd: before.length, newStart: after.length, newEnd: after.length };
  const spans: Span[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const span of [...merged, end]) {
    if (span.oldStart < oldAt || span.newStart < newAt || span.oldEnd > before.length || span.newEnd > after.length) return null;
    if (span.oldStart - oldAt !== span.newStart - newAt) return null;
    spans.push(...differingRuns(before, after, oldAt, newAt, span.oldStart - oldAt));
    if (span !== end) spans.push(span);
    oldAt = span.oldEnd;
    newAt = span.newEnd;
  }
  return mergeTouching(spans);
}

/** Spans in order, with those that touch or overlap (in either text) joined; null when out of order. */
function mergeTouching(spans: readonly Span[]): Span[] | null {
  const out: Span[] = [];
  for (const span of spans) {
    if (span.oldStart < 0 || span.newStart < 0) return null;
    const last = out[out.length - 1];
    if (last && (span.oldStart < last.oldStart || span.newStart < last.newStart)) return null;
    if (last && (span.oldStart <= last.oldEnd || span.newStart <= last.newEnd)) {
      last.oldEnd = Math.max(last.oldEnd, span.oldEnd);
      last.newEnd = Math.max(last.newEnd, span.newEnd);
      continue;
    }
    out.push({ ...span });
  }
  return out;
}

/** Runs of differing lines in `length` lines that should be the same (current from oldAt, patched from newAt). */
function differingRuns(before: readonly string[], after: readonly string[], oldAt: number, newAt: number, length: number): Span[] {
  const runs: Span[] = [];
  let open: Span | null = null;
  for (let k = 0; k < length; k++) {
    if (before[oldAt + k] === after[newAt + k]) {
      open = null;
      continue;
    }
    if (!open) {
      open = { oldStart: oldAt + k, oldEnd: oldAt + k, newStart: newAt + k, newEnd: newAt + k };
      runs.push(open);
    }
    open.oldEnd = oldAt + k + 1;
    open.newEnd = newAt + k + 1;
  }
  return runs;
}

/** The span without the lines it starts or ends with that are the same in both texts. */
function trim(span: Span, before: readonly string[], after: readonly string[]): Span {
  let { oldStart, oldEnd, newStart, newEnd } = span;
  while (oldStart < oldEnd && newStart < newEnd && before[oldStart] === after[newStart]) {
    oldStart++;
    newStart++;
  }
  while (oldStart < oldEnd && newStart < newEnd && before[oldEnd - 1] === after[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  return { oldStart, oldEnd, newStart, newEnd };
}
