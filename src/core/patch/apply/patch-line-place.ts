/**
 * Where a line of a patch is in the workspace file as it is now: on the old side where the hunk
 * applies forward, on the new side where the file holds the patch already (the reviewer's
 * comment on `+}` follows that `}` into the patched file). Pure: no `vscode`.
 */
import type { FilePatch } from '../model';
import type { AlreadyApplied } from './applied-state';
import { currentLineOf, patchedLineOf, type HunkPlacement } from './hunk-placement';

/** The dry run's view of one file, as far as line places go. */
export interface FilePlaces {
  file: FilePatch;
  placements: readonly HunkPlacement[];
  applied: AlreadyApplied | null;
}

/** 1-based line of the current file that line `lineIndex` of hunk `hunkIndex` is at; null when the hunk has no place now. */
export function placeOfPatchLine(places: FilePlaces, hunkIndex: number, lineIndex: number): number | null {
  const hunk = places.file.hunks[hunkIndex];
  if (!hunk) return null;
  if (places.applied) {
    const start = places.applied.newStarts[hunkIndex];
    return start == null ? null : patchedLineOf(hunk, start, lineIndex);
  }
  const start = places.placements[hunkIndex]?.startLine;
  return start == null ? null : currentLineOf(hunk, start, lineIndex);
}
