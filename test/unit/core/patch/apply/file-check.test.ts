import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFilePatch } from '../../../../../src/core/patch/apply/file-check';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import { cFinder, fileOf, seedPatch, workspaceText } from '../../../seed';

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
      const outcome = checkFilePatch(fileOf(patch, path), { text: workspaceText(path) }, { ignoreWhitespace: patch.whitespaceDamaged });
      assert.deepEqual(outcome.starts, starts, path);
      assert.deepEqual(outcome.failures, []);
      assert.ok(outcome.patchedText !== null);
      assert.equal(outcome.alreadyApplied, false);
    }
  });
}

test('the patched kern_sched.c has the new reaper creation and no sched_idle exit2 loop', async () => {
  const patch = await seedPatch();
  const out = checkFilePatch(fileOf(patch, 'sys/kern/kern_sched.c'), { text: workspaceText('sys/kern/kern_sched.c') });
  assert.match(out.patchedText ?? '', /snprintf\(comm, sizeof\(comm\), "reaper%d", num\);/);
  assert.doesNotMatch(out.patchedText ?? '', /exit2\(dead\)/);
  // +28 −15 on a 263-line file.
  assert.equal((out.patchedText ?? '').split('\n').length, workspaceText('sys/kern/kern_sched.c').split('\n').length + 28 - 15);
});

test('a stale hunk fails with a reason, the other is placed, and nothing is produced', async () => {
  const patch = await seedPatch('stale-sched.diff');
  const out = checkFilePatch(fileOf(patch, 'sys/kern/kern_sched.c'), { text: workspaceText('sys/kern/kern_sched.c') });
  assert.equal(out.starts[0], 30);
  assert.equal(out.starts[1], null);
  assert.deepEqual(out.failures, [{ hunkIndex: 1, message: 'its context and removed lines are not in the file' }]);
  assert.equal(out.patchedText, null);
  assert.equal(out.alreadyApplied, false, 'the stale hunk does not apply in reverse either');
});

test('a patch applied already is reported as such (reverse applies), per hunk and for the file', async () => {
  const patch = await seedPatch();
  const file = fileOf(patch, 'sys/kern/kern_exit.c');
  const patched = checkFilePatch(file, { text: workspaceText('sys/kern/kern_exit.c') }).patchedText!;
  const again = checkFilePatch(file, { text: patched });
  assert.equal(again.patchedText, null);
  assert.deepEqual(again.failures.map((f) => f.hunkIndex), [0, 1, 2]);
  assert.ok(again.failures.every((f) => f.message.startsWith('already applied')), JSON.stringify(again.failures));
  assert.equal(again.alreadyApplied, true);
  // The workspace file is not at the patch's base blob (fixtures README), so it is told by reverse application.
  assert.equal(again.applied?.reason, 'applies in reverse');
  assert.equal(again.result.ok, false);
  assert.equal(again.result.problem, 'already applied (every hunk applies in reverse)');
});

test('reversed, the check undoes the patch and reports the same functions', async () => {
  const patch = await seedPatch();
  const finder = await cFinder();
  const file = fileOf(patch, 'sys/kern/kern_sched.c');
  const original = workspaceText('sys/kern/kern_sched.c');
  const forward = checkFilePatch(file, { text: original }, { functionFinder: finder });
  const backward = checkFilePatch(file, { text: forward.patchedText! }, { reverse: true, functionFinder: finder });
  assert.equal(backward.patchedText, original);
  // The reversed hunks touch the same functions, the old and new sides swapped (as sets).
  assert.deepEqual(backward.functions.map((f) => [...f].sort()), forward.functions.map((f) => [...f].sort()));
});

test('with a finder, the functions come from the file where each hunk landed; the parsed patch is left as read', async () => {
  const patch = await seedPatch();
  const file = fileOf(patch, 'sys/kern/kern_sched.c');
  const read = file.hunks.map((h) => [...h.functions]);
  const out = checkFilePatch(file, { text: workspaceText('sys/kern/kern_sched.c') }, { functionFinder: await cFinder() });
  // As the touched-functions test explains: hunk 1 a prototype at file scope, hunk 5 ends
  // sched_exit and renames sched_toidle to sched_toproc, hunk 6 spans both.
  assert.deepEqual(out.functions, [[], ['sched_kthreads_create'], ['sched_kthreads_create'], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle', 'sched_toproc']]);
  assert.deepEqual(out.spans.map((s) => s.name).slice(0, 3), ['sched_init_cpu', 'sched_kthreads_create', 'sched_idle']);
  assert.deepEqual(file.hunks.map((h) => h.functions), read);
  const plain = checkFilePatch(file, { text: workspaceText('sys/kern/kern_sched.c') });
  assert.deepEqual(plain.functions, read, 'without a finder: the functions the reader found');
  assert.deepEqual(plain.spans, []);
});

test('a file that is not C gets no spans even with a finder', async () => {
  const file = parseDiff('--- a/notes.txt\n+++ b/notes.txt\n@@ -1 +1 @@\n-int f(void) { return 0; }\n+int f(void) { return 1; }\n').files[0]!;
  const out = checkFilePatch(file, { text: 'int f(void) { return 0; }\n' }, { functionFinder: await cFinder() });
  assert.equal(out.patchedText, 'int f(void) { return 1; }\n');
  assert.deepEqual(out.spans, []);
});

test('a missing file fails every hunk with the file problem', async () => {
  const patch = await seedPatch();
  const out = checkFilePatch(fileOf(patch, 'sys/sys/proc.h'), null);
  assert.deepEqual(out.starts, [null]);
  assert.deepEqual(out.failures, [{ hunkIndex: 0, message: 'The file to patch does not exist.' }]);
  assert.equal(out.alreadyApplied, false);
});

test('the base checks: the seed patch\'s blob ids are not the workspace files\' (the README says four mismatches); a new file is not checked', async () => {
  const patch = await seedPatch();
  for (const path of Object.keys(gitApplyStarts)) {
    const out = checkFilePatch(fileOf(patch, path), { text: workspaceText(path) });
    assert.equal(out.baseBlobMatches, false, path);
    assert.equal(out.baseRevisionMatches, null, `${path}: not a cvs diff`);
  }
  const created = (await seedPatch('new-file.diff')).files.find((f) => f.status === 'added')!;
  const out = checkFilePatch(created, null);
  assert.equal(out.baseBlobMatches, null);
  assert.equal(out.patchedText, '/*\t$Reaperscope: kern_reaper.c fixture $\t*/\n\nint\treaper_fixture_count;\n');
});

test('the blob id is of the bytes given (a file that is not UTF-8 as read)', () => {
  // `git hash-object` of the one byte 0x0a: 8b137891791fe96927ad78e64b0aad7bded08bdc.
  const file = parseDiff('diff --git a/x b/x\nindex 8b13789..8b13789 100644\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-\n+\n').files[0]!;
  assert.equal(checkFilePatch(file, { text: '\n' }).baseBlobMatches, true);
  assert.equal(checkFilePatch(file, { text: '\n', bytes: new Uint8Array([0x0d, 0x0a]) }).baseBlobMatches, false);
});
