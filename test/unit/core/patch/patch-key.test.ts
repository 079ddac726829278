import { test } from 'node:test';
import assert from 'node:assert/strict';
import { patchKey } from '../../../../src/core/patch/patch-key';
import { seedPatch } from '../../seed';

test('one patch read twice has one key; its review reply and another patch have others', async () => {
  const patch = await seedPatch('one-reaper-per-cpu.patch');
  const again = await seedPatch('one-reaper-per-cpu.patch');
  const review = await seedPatch('one-reaper-per-cpu.review.eml');
  const stale = await seedPatch('stale-sched.diff');
  assert.match(patchKey(patch), /^[0-9a-f]{40}$/);
  assert.equal(patchKey(again), patchKey(patch));
  // The review reply quotes the same hunks but comes from Mark Kettenis: its comment threads differ.
  assert.notEqual(patchKey(review), patchKey(patch));
  assert.notEqual(patchKey(stale), patchKey(patch));
});
