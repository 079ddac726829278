import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFilePatch } from '../../../../../src/core/patch/apply/file-check';
import { findHunkLine, placementsFromStarts } from '../../../../../src/core/patch/apply/hunk-placement';
import { placeOfPatchLine } from '../../../../../src/core/patch/apply/patch-line-place';
import { fileOf, seedPatch, workspaceText } from '../../../seed';

test('the review comment on the reaper loop\'s `+}` sits under the old sleep loop before Apply and on that `}` after it', async () => {
  // Fixture facts: Mark Kettenis's one comment follows the `+		}` closing the new
  // `while ((p = LIST_FIRST(&spc->spc_deadproc)) == NULL)` loop of reaper() in kern_exit.c.
  const patch = await seedPatch('one-reaper-per-cpu.review.eml');
  const comment = patch.comments[0]!;
  const file = fileOf(patch, 'sys/kern/kern_exit.c');
  const at = findHunkLine(file, comment.side, comment.line)!;
  assert.equal(file.hunks[at.hunkIndex]!.lines[at.lineIndex]!.text, '\t\t}');

  const before = workspaceText('sys/kern/kern_exit.c');
  const forward = checkFilePatch(file, { text: before });
  const unpatched = placeOfPatchLine({ file, placements: placementsFromStarts(file.hunks, forward.starts), applied: null }, at.hunkIndex, at.lineIndex)!;
  // An added line has no line of its own before Apply: the comment sits on the last old line above it.
  assert.ok(before.split('\n')[unpatched - 1]!.includes('INFSLP);'), before.split('\n')[unpatched - 1]);

  const patched = forward.patchedText!;
  const again = checkFilePatch(file, { text: patched });
  const applied = placeOfPatchLine({ file, placements: placementsFromStarts(file.hunks, again.starts), applied: again.applied }, at.hunkIndex, at.lineIndex)!;
  const lines = patched.split('\n');
  assert.equal(lines[applied - 1], '\t\t}');
  assert.equal(lines[applied - 2], '\t\t\tKERNEL_UNLOCK();', 'the `}` of the new loop, after its KERNEL_UNLOCK()');
});
