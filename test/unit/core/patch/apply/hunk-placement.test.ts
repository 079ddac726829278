import { test } from 'node:test';
import assert from 'node:assert/strict';
import { currentLineOf, endOfChangeBlock, findHunkLine, hunkLineAtCurrent, hunkLineAtPatched, patchedLineOf } from '../../../../../src/core/patch/apply/hunk-placement';
import { checkFilePatch } from '../../../../../src/core/patch/apply/file-check';
import { lineOf, placementsOf, seedPatch } from '../../../seed';

for (const name of ['one-reaper-per-cpu.review.eml', 'one-reaper-per-cpu.marc.txt']) {
  test(`Mark Kettenis's comment in ${name} lands under the old sleep loop of reaper() in the workspace kern_exit.c`, async () => {
    const patch = await seedPatch(name);
    assert.equal(patch.comments.length, 1);
    const comment = patch.comments[0]!;
    const { file, placements, text } = placementsOf(patch, comment.file);
    const at = findHunkLine(file, comment.side, comment.line);
    assert.ok(at);
    const hunk = file.hunks[at.hunkIndex]!;
    // The comment follows the `+		}` that closes the new while loop.
    assert.equal(hunk.lines[at.lineIndex]!.kind, 'add');
    assert.equal(hunk.lines[at.lineIndex]!.text.trim(), '}');
    // The last old line above it is the `INFSLP);` that ends the old msleep_nsec loop.
    assert.equal(currentLineOf(hunk, placements[at.hunkIndex]!.startLine!, at.lineIndex), lineOf(text, 'INFSLP);'));
  });
}

test('current-file lines map back to the hunk line there, and the change block ends at the new loop', async () => {
  const patch = await seedPatch();
  const { file, placements, text } = placementsOf(patch, 'sys/kern/kern_exit.c');
  const msleep = lineOf(text, 'msleep_nsec(&deadproc');
  const at = hunkLineAtCurrent(file, placements, msleep);
  assert.ok(at);
  const hunk = file.hunks[at.hunkIndex]!;
  assert.equal(hunk.lines[at.lineIndex]!.kind, 'remove');
  assert.match(hunk.lines[at.lineIndex]!.text, /msleep_nsec/);
  assert.equal(hunk.lines[endOfChangeBlock(hunk, at.lineIndex)]!.text.trim(), '}');
  // A line outside every hunk maps to nothing.
  assert.equal(hunkLineAtCurrent(file, placements, lineOf(text, 'sys___threxit')), null);
});

test('patched-text lines map to the added lines that are there', async () => {
  const patch = await seedPatch();
  const { file, placements, text } = placementsOf(patch, 'sys/kern/kern_exit.c');
  const patched = checkFilePatch(file, { text }).patchedText!;
  const tsleep = lineOf(patched, 'tsleep_nsec(&spc->spc_deadproc');
  const at = hunkLineAtPatched(file, placements, tsleep);
  assert.ok(at);
  const hunk = file.hunks[at.hunkIndex]!;
  assert.equal(hunk.lines[at.lineIndex]!.kind, 'add');
  assert.match(hunk.lines[at.lineIndex]!.text, /tsleep_nsec/);
  assert.equal(patchedLineOf(hunk, placements[at.hunkIndex]!.newStartLine!, at.lineIndex), tsleep);
});
