import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeBlocks } from '../../../../../src/core/patch/apply/change-blocks';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';

test('change blocks: runs of removed and added lines between context lines, with their place in each side', () => {
  const hunk = parseDiff(['--- a/x.c', '+++ b/x.c', '@@ -1,7 +1,5 @@', '-a', ' b', '-c', '-d', '+C', ' e', '+f', ' g', '-h', ''].join('\n')).files[0]!.hunks[0]!;
  // old side a b c d e g h (7 lines), new side b C e f g (5 lines)
  assert.deepEqual([hunk.oldLines, hunk.newLines, hunk.lines.length], [7, 5, 9]);
  assert.deepEqual(changeBlocks(hunk), [
    { oldOffset: 0, removed: 1, newOffset: 0, added: 0 },
    { oldOffset: 2, removed: 2, newOffset: 1, added: 1 },
    { oldOffset: 5, removed: 0, newOffset: 3, added: 1 },
    { oldOffset: 6, removed: 1, newOffset: 5, added: 0 },
  ]);
});
