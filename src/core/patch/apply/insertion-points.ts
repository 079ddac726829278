/** Where a patch only adds lines (no line removed in their place): the line after which they go. Pure. */
import { changeBlocks } from './change-blocks';
import type { FilePatch } from '../model';
import type { HunkPlacement } from './hunk-placement';

/** Lines (1-based, of the current file) after which the patch adds lines without removing any, with how many. */
export function insertionPoints(file: FilePatch, placements: readonly HunkPlacement[]): { line: number; added: number }[] {
  const out: { line: number; added: number }[] = [];
  file.hunks.forEach((hunk, h) => {
    const start = placements[h]?.startLine;
    if (start == null) return;
    for (const block of changeBlocks(hunk)) {
      if (block.removed === 0 && block.added > 0) out.push({ line: Math.max(1, start + block.oldOffset - 1), added: block.added });
    }
  });
  return out;
}
