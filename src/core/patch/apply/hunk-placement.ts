/**
 * Where the hunks of a file patch sit in the workspace file as it is now (after the dry run),
 * and how a line of a hunk maps to a line of that file. Pure: no `vscode`.
 */
import type { FilePatch, Hunk } from '../model';

/** One hunk's place in the current file. */
export interface HunkPlacement {
  /** 1-based line of the current file where the hunk's old side starts; null when it does not apply. */
  startLine: number | null;
  /** startLine − hunk.oldStart, in lines; 0 when the hunk does not apply. */
  offset: number;
  /** 1-based line of the patched text where the hunk's new side starts; null when it does not apply. */
  newStartLine: number | null;
}

/** A position inside a patch: file, hunk and line indexes (0-based). */
export interface PatchLineRef {
  fileIndex: number;
  hunkIndex: number;
  lineIndex: number;
}

/**
 * Placements from per-hunk start lines (1-based, null = failed), computing where each hunk's
 * new side lands in the patched text (earlier applied hunks shift it).
 */
export function placementsFromStarts(hunks: readonly Hunk[], starts: readonly (number | null)[]): HunkPlacement[] {
  let shift = 0;
  return hunks.map((hunk, i) => {
    const start = starts[i] ?? null;
    if (start === null) return { startLine: null, offset: 0, newStartLine: null };
    const placement = { startLine: start, offset: start - hunk.oldStart, newStartLine: start + shift };
    shift += hunk.newLines - hunk.oldLines;
    return placement;
  });
}

/**
 * The 1-based line of the current file a hunk line belongs to: the line itself for a context
 * or removed line; for an added line, the last old-side line above it in the hunk (a comment
 * "after" an added line sits under the old code it replaces), or the hunk's start when none.
 */
export function currentLineOf(hunk: Hunk, startLine: number, lineIndex: number): number {
  let line = startLine - 1;
  for (let i = 0; i <= lineIndex && i < hunk.lines.length; i++) {
    if (hunk.lines[i]!.kind !== 'add') line++;
  }
  return Math.max(line, startLine);
}

/** The 1-based line of the patched text a hunk line lands on (removed lines: the next new line). */
export function patchedLineOf(hunk: Hunk, newStartLine: number, lineIndex: number): number {
  let line = newStartLine - 1;
  for (let i = 0; i <= lineIndex && i < hunk.lines.length; i++) {
    if (hunk.lines[i]!.kind !== 'remove') line++;
  }
  return Math.max(line, newStartLine);
}

/** The hunk line a patch-file line number (old or new side) names, or null. */
export function findHunkLine(file: FilePatch, side: 'old' | 'new', line: number): { hunkIndex: number; lineIndex: number } | null {
  for (let h = 0; h < file.hunks.length; h++) {
    const lines = file.hunks[h]!.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if ((side === 'new' ? l.newLine : l.oldLine) === line) return { hunkIndex: h, lineIndex: i };
    }
  }
  return null;
}

/**
 * The hunk line at a 1-based line of the current file (old side), using the placements; null
 * when no applied hunk covers it.
 */
export function hunkLineAtCurrent(file: FilePatch, placements: readonly HunkPlacement[], line: number): { hunkIndex: number; lineIndex: number } | null {
  return hunkLineAt(file, placements, line, 'old');
}

/** The hunk line at a 1-based line of the patched text (new side); null when no hunk covers it. */
export function hunkLineAtPatched(file: FilePatch, placements: readonly HunkPlacement[], line: number): { hunkIndex: number; lineIndex: number } | null {
  return hunkLineAt(file, placements, line, 'new');
}

function hunkLineAt(file: FilePatch, placements: readonly HunkPlacement[], line: number, side: 'old' | 'new'): { hunkIndex: number; lineIndex: number } | null {
  const skip = side === 'old' ? 'add' : 'remove';
  for (let h = 0; h < file.hunks.length; h++) {
    const start = side === 'old' ? placements[h]?.startLine : placements[h]?.newStartLine;
    if (start === null || start === undefined) continue;
    let at = start - 1;
    const lines = file.hunks[h]!.lines;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.kind === skip) continue;
      at++;
      if (at === line) return { hunkIndex: h, lineIndex: i };
    }
  }
  return null;
}

/** Index of the last line of the change block (run of removed/added lines) that starts at or contains lineIndex. */
export function endOfChangeBlock(hunk: Hunk, lineIndex: number): number {
  if (hunk.lines[lineIndex]?.kind === 'context') return lineIndex;
  let i = lineIndex;
  while (i + 1 < hunk.lines.length && hunk.lines[i + 1]!.kind !== 'context') i++;
  return i;
}
