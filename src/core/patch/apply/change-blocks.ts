/** The change blocks of a hunk: the runs of removed and added lines between its context lines. */
import type { Hunk } from '../model';

export interface ChangeBlock {
  /** Lines of the hunk's old side before the block (context and removed), and the block's removed lines. */
  oldOffset: number;
  removed: number;
  /** Lines of the hunk's new side before the block (context and added), and the block's added lines. */
  newOffset: number;
  added: number;
}

export function changeBlocks(hunk: Hunk): ChangeBlock[] {
  const blocks: ChangeBlock[] = [];
  let oldAt = 0;
  let newAt = 0;
  let open: ChangeBlock | null = null;
  for (const line of hunk.lines) {
    if (line.kind === 'context') {
      open = null;
      oldAt++;
      newAt++;
      continue;
    }
    if (!open) blocks.push((open = { oldOffset: oldAt, removed: 0, newOffset: newAt, added: 0 }));
    if (line.kind === 'remove') {
      open.removed++;
      oldAt++;
    } else {
      open.added++;
      newAt++;
    }
  }
  return blocks;
}
