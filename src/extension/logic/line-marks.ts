/**
 * Which lines of the current file a patch removes, and which it changes (removes and puts
 * something else in their place): what the gutter and overview-ruler decorations mark. Pure.
 */
import type { FilePatch } from '../../core/patch/model';
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
    let line = start - 1;
    let i = 0;
    while (i < hunk.lines.length) {
      if (hunk.lines[i]!.kind === 'context') {
        line++;
        i++;
        continue;
      }
      // One change block: a run of removed and added lines between context lines.
      const removedLines: number[] = [];
      let adds = 0;
      for (; i < hunk.lines.length && hunk.lines[i]!.kind !== 'context'; i++) {
        if (hunk.lines[i]!.kind === 'remove') removedLines.push(++line);
        else adds++;
      }
      (adds > 0 ? marks.changed : marks.removed).push(...removedLines);
    }
  });
  return marks;
}
