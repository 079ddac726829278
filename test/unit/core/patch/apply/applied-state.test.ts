import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFilePatch } from '../../../../../src/core/patch/apply/apply';
import { alreadyApplied } from '../../../../../src/core/patch/apply/applied-state';
import { checkFilePatch } from '../../../../../src/core/patch/apply/file-check';
import { gitBlobId } from '../../../../../src/core/patch/apply/git-blob';
import { placementsFromStarts } from '../../../../../src/core/patch/apply/hunk-placement';
import { fileOf, seedPatch, workspaceText } from '../../../seed';

const paths = ['sys/kern/init_main.c', 'sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/sys/proc.h'];

test('every file of the seed patch, once applied, is "already applied": no hunk is placed forward again', async () => {
  const patch = await seedPatch();
  for (const path of paths) {
    const file = fileOf(patch, path);
    const first = checkFilePatch(file, { text: workspaceText(path) });
    assert.equal(first.applied, null, `${path}: the workspace file is the unpatched version`);
    const again = checkFilePatch(file, { text: first.patchedText! });
    assert.equal(again.applied?.reason, 'applies in reverse', path);
    // Not one hunk offered forward (the bug: one kern_sched.c hunk matched again with fuzz 2).
    assert.deepEqual(again.starts, file.hunks.map(() => null), path);
    assert.equal(again.patchedText, null);
    assert.equal(again.failures.length, file.hunks.length);
    assert.ok(again.failures.every((f) => f.message.startsWith('already applied')), path);
    // Where each hunk's new side sits in the patched text: where the first application put it.
    const placed = placementsFromStarts(file.hunks, first.starts).map((p) => p.newStartLine);
    assert.deepEqual(again.applied?.newStarts, placed, path);
  }
});

test('a file whose git blob is the index line\'s new id is already applied by its blob', async () => {
  const patch = await seedPatch();
  const file = fileOf(patch, 'sys/kern/kern_sched.c');
  const patched = checkFilePatch(file, { text: workspaceText('sys/kern/kern_sched.c') }).patchedText!;
  // The fixture tree is another version than the patch's base, so its blob ids differ from the
  // mail's: state the post-image's own id (`git hash-object`) in the index line.
  const withBlob = { ...file, hunks: file.hunks, newBlob: gitBlobId(new TextEncoder().encode(patched)).slice(0, 12) };
  const forward = applyFilePatch(withBlob, patched);
  assert.equal(alreadyApplied(withBlob, forward, () => applyFilePatch(withBlob, patched, { reverse: true }))?.reason, 'post-image blob');
});

test('the unpatched file and a file with only some hunks applied are not "already applied"', async () => {
  const patch = await seedPatch();
  const file = fileOf(patch, 'sys/kern/kern_exit.c');
  const text = workspaceText('sys/kern/kern_exit.c');
  assert.equal(alreadyApplied(file, applyFilePatch(file, text), () => applyFilePatch(file, text, { reverse: true })), null);
  // Only the first hunk applied: neither direction applies as a whole.
  const partial = applyFilePatch({ ...file, hunks: [file.hunks[0]!] }, text).postImage!;
  const out = checkFilePatch(file, { text: partial });
  assert.equal(out.applied, null);
  assert.ok(out.failures.some((f) => f.hunkIndex === 0 && f.message.startsWith('already applied')), JSON.stringify(out.failures));
});

test('the reverse application is asked for once, and not at all when the pre-image blob matches', async () => {
  const patch = await seedPatch();
  const file = fileOf(patch, 'sys/kern/kern_exit.c');
  const text = workspaceText('sys/kern/kern_exit.c');
  const patched = applyFilePatch(file, text).postImage!;
  let calls = 0;
  const reverse = () => {
    calls++;
    return applyFilePatch(file, patched, { reverse: true });
  };
  assert.equal(alreadyApplied(file, applyFilePatch(file, patched), reverse)?.reason, 'applies in reverse');
  assert.equal(calls, 1);
  // The workspace file as the patch's base: state its own blob id as the index line's old id.
  const based = { ...file, hunks: file.hunks, oldBlob: gitBlobId(new TextEncoder().encode(text)).slice(0, 12) };
  const forward = applyFilePatch(based, text);
  assert.equal(forward.oldBlobMatches, true);
  assert.equal(alreadyApplied(based, forward, reverse), null);
  assert.equal(calls, 1);
});
