/**
 * Which lines of the current file a patch removes, and which it changes (removes and puts
 * something else in their place): what the gutter and overview-ruler decorations mark. Pure.
 */
import { changeBlocks } from './change-blocks';
import type { FilePatch } from '../model';
import type { HunkPlacement } from './hunk-placement';

export interface LineMarks {
  /** 1-based lines the patch removes with nothing in their place. */
  removed: number[];
  /** 1-based lines the patch replaces by added lines. */
  changed: number[];
}

export function lineMarks(file: FilePatch, placements: readonly HunkPlacement[]): LineMarks {
  const marks: LineMarks = { removed: [], changed: [] };
  file.hunks.forEach((hunk, h) => {
    const start = placements[h]?.startLine;
    if (start == null) return;
    for (const block of changeBlocks(hunk)) {
      const removedLines = Array.from({ length: block.removed }, (_, k) => start + block.oldOffset + k);
      (block.added > 0 ? marks.changed : marks.removed).push(...removedLines);
    }
  });
  return marks;
}
