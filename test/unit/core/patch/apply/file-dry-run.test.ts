import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyToText } from '../../../../../src/core/patch/apply/file-dry-run';
import { fileOf, seedPatch, workspaceText } from '../../../seed';

// Where `git apply --check -v` and `patch -p1 --dry-run` place each hunk in the test workspace
// (test/fixtures/workspace/README.md): the old-side start line in the workspace file.
const gitApplyStarts: Record<string, number[]> = {
  'sys/kern/init_main.c': [23, 88],
  'sys/kern/kern_exit.c': [89, 102, 151],
  'sys/kern/kern_sched.c': [32, 73, 85, 118, 159, 182],
  'sys/sys/proc.h': [68],
};

for (const name of ['one-reaper-per-cpu.patch', 'one-reaper-per-cpu.review.eml', 'one-reaper-per-cpu.marc.txt']) {
  test(`every hunk of ${name} applies where git apply puts it`, async () => {
    const patch = await seedPatch(name);
    for (const [path, starts] of Object.entries(gitApplyStarts)) {
      const outcome = applyToText(workspaceText(path), fileOf(patch, path), patch.whitespaceDamaged);
      assert.deepEqual(outcome.starts, starts, path);
      assert.deepEqual(outcome.failures, []);
      assert.ok(outcome.text !== null);
    }
  });
}

test('the patched kern_sched.c has the new reaper creation and no sched_idle exit2 loop', async () => {
  const patch = await seedPatch();
  const out = applyToText(workspaceText('sys/kern/kern_sched.c'), fileOf(patch, 'sys/kern/kern_sched.c'));
  assert.match(out.text ?? '', /snprintf\(comm, sizeof\(comm\), "reaper%d", num\);/);
  assert.doesNotMatch(out.text ?? '', /exit2\(dead\)/);
  // +28 −15 on a 263-line file.
  assert.equal((out.text ?? '').split('\n').length, workspaceText('sys/kern/kern_sched.c').split('\n').length + 28 - 15);
});

test('a stale hunk fails with a reason, the other is placed, and nothing is produced', async () => {
  const patch = await seedPatch('stale-sched.diff');
  const out = applyToText(workspaceText('sys/kern/kern_sched.c'), fileOf(patch, 'sys/kern/kern_sched.c'));
  assert.equal(out.starts[0], 30);
  assert.equal(out.starts[1], null);
  assert.deepEqual(out.failures.map((f) => f.hunkIndex), [1]);
  assert.equal(out.text, null);
});

test('a patch applied already is reported as such (reverse applies)', async () => {
  const patch = await seedPatch();
  const file = fileOf(patch, 'sys/kern/kern_exit.c');
  const patched = applyToText(workspaceText('sys/kern/kern_exit.c'), file).text!;
  const again = applyToText(patched, file);
  assert.equal(again.text, null);
  assert.ok(again.failures.length > 0);
  assert.ok(again.failures.every((f) => f.message.startsWith('already applied')), JSON.stringify(again.failures));
});

test('a missing file fails every hunk', async () => {
  const patch = await seedPatch();
  const out = applyToText(null, fileOf(patch, 'sys/sys/proc.h'));
  assert.deepEqual(out.starts, [null]);
  assert.equal(out.failures.length, 1);
});
