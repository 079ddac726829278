import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import { anchorComments } from '../../../../../src/core/patch/mail/review-comments';

/**
 * Input lines (1-based): 1-3 the file header, 4 `@@ -10,3 +10,3 @@`, 5 ` a` 10/10, 6 `-b` old 11,
 * 7 `+c` new 11, 8 ` d` 12/12, 9 `@@ -30,2 +30,0 @@` (removes only), 10 `-e` old 30, 11 `-f` old 31.
 */
const DIFF = ['diff --git a/k.c b/k.c', '--- a/k.c', '+++ b/k.c', '@@ -10,3 +10,3 @@', ' a', '-b', '+c', ' d', '@@ -30,2 +29,0 @@', '-e', '-f'].join('\n');

test('each comment lands on the quoted line above it: removed on the old side, added and context on the new', () => {
  const { files } = parseDiff(DIFF);
  const at = (anchor: number | null) => ({ author: 'Mark', text: `under ${anchor}`, sourceLine: 100, anchorSourceLine: anchor });
  const placed = anchorComments([at(1), at(4), at(5), at(6), at(7), at(9), at(11), at(null), at(50)], files);
  assert.deepEqual(placed.map((c) => [c.text, c.side, c.line]), [
    ['under 1', 'new', 10], // the file header: its first hunk's first line
    ['under 4', 'new', 10],
    ['under 5', 'new', 10],
    ['under 6', 'old', 11],
    ['under 7', 'new', 11],
    ['under 9', 'old', 30], // a hunk that only removes starts on the old side
    ['under 11', 'old', 31],
  ]);
  assert.ok(placed.every((c) => c.file === 'k.c' && c.author === 'Mark' && c.sourceLine === 100));
});

test('no comments, no work', () => {
  assert.deepEqual(anchorComments([], parseDiff(DIFF).files), []);
});
