import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTwoFilesPatch } from 'diff';
import { applyFilePatch } from '../../../../../src/core/patch/apply/apply';
import { reverseFilePatch, reversedStatus } from '../../../../../src/core/patch/apply/reverse-patch';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import { plainHunk } from '../../../../../src/core/patch/diff/parsed-hunk';
import type { FilePatch } from '../../../../../src/core/patch/model';

/** The file as plain data (absent and undefined fields alike). */
const plain = (file: FilePatch): unknown => JSON.parse(JSON.stringify({ ...file, hunks: file.hunks.map(plainHunk) }));

test('added and deleted swap; the others stay', () => {
  assert.deepEqual(['modified', 'added', 'deleted', 'renamed', 'copied'].map((s) => reversedStatus(s as FilePatch['status'])), ['modified', 'deleted', 'added', 'renamed', 'copied']);
});

test('a reversed hunk swaps sides and puts its former added lines first in each changed run', () => {
  const file = parseDiff('--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n').files[0]!;
  const reversed = reverseFilePatch(file);
  const hunk = reversed.hunks[0]!;
  assert.deepEqual([reversed.oldPath, reversed.newPath], ['f', 'f']);
  assert.deepEqual(hunk.lines.map((l) => `${l.kind} ${l.text}`), ['context a', 'remove B', 'add b', 'context c']);
});

test('reversing twice gives the patch back; applying then undoing gives the text back (jsdiff-made patches)', () => {
  const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 }).map((lines) => lines.map((l) => `${l}\n`).join(''));
  fc.assert(fc.property(text, text, (before, after) => {
    const file = parseDiff(createTwoFilesPatch('a/f', 'b/f', before, after)).files[0];
    if (!file) return; // equal texts: no file in the diff
    assert.deepEqual(plain(reverseFilePatch(reverseFilePatch(file))), plain(file));
    const forward = applyFilePatch(file, before);
    assert.equal(forward.postImage, after);
    assert.equal(applyFilePatch(file, forward.postImage, { reverse: true }).postImage, before);
  }), { seed: 62, numRuns: 300 });
});
