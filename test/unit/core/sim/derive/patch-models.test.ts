import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import { applyInMemory, deriveImageModels, derivePatchModels } from '../../../../../src/core/sim/derive/patch-models';
import { cParser, diffFixture, seedPatch, treeAfter, treeBefore } from './exit-path-fixture';

const NEW_FILE = [
  'diff --git a/sys/kern/kern_new.c b/sys/kern/kern_new.c',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/sys/kern/kern_new.c',
  '@@ -0,0 +1,2 @@',
  '+int',
  '+kern_new;',
  'diff --git a/sys/sys/proc.h b/sys/sys/proc.h',
  '--- a/sys/sys/proc.h',
  '+++ b/sys/sys/proc.h',
  '@@ -1,1 +1,1 @@',
  '-#define X 1',
  '+#define X 2',
  '',
].join('\n');

test('the seed patch applies in memory to all three files of the fixture tree, which stays as it was', () => {
  const before = treeBefore();
  const copy = before.map((f) => ({ ...f }));
  const r = applyInMemory(before, seedPatch());
  assert.deepEqual(r.notApplied, []);
  assert.deepEqual(r.files.map((f) => f.path), ['sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/kern/init_main.c']);
  assert.ok(r.files.every((f, i) => f.text !== before[i]!.text));
  assert.doesNotMatch(r.files[2]!.text, /kthread_create\(reaper, NULL, &reaperproc/);
  assert.deepEqual(before, copy);
});

test('a tree under another directory (src/sys/...) still takes the patch: paths match by suffix', () => {
  const prefixed = treeBefore().map((f) => ({ ...f, path: `src/${f.path}` }));
  const r = applyInMemory(prefixed, seedPatch());
  assert.deepEqual(r.notApplied, []);
  assert.equal(r.files.find((f) => f.path.endsWith('init_main.c'))!.text, treeAfter().find((f) => f.path.endsWith('init_main.c'))!.text);
});

test('what does not apply is listed with why; headers are skipped; a new C file is added', () => {
  const twice = applyInMemory(treeAfter(), seedPatch());
  // in the patch's order: init_main.c comes first in one-reaper-per-cpu.patch
  assert.deepEqual(twice.notApplied.map((n) => n.file), ['sys/kern/init_main.c', 'sys/kern/kern_exit.c', 'sys/kern/kern_sched.c']);
  const missing = applyInMemory(treeBefore().filter((f) => !f.path.endsWith('init_main.c')), seedPatch());
  assert.deepEqual(missing.notApplied, [{ file: 'sys/kern/init_main.c', why: 'not in the tree given' }]);
  const added = applyInMemory(treeBefore(), parseDiff(NEW_FILE));
  assert.deepEqual(added.notApplied, []);
  assert.equal(added.files.length, 4);
  assert.deepEqual(added.files[3], { path: 'sys/kern/kern_new.c', text: 'int\nkern_new;\n' });
});

test('derivePatchModels: before and after models under the names given; the files the patch produced', async () => {
  const m = derivePatchModels(await cParser(), treeBefore(), seedPatch());
  assert.equal(m.before.name, 'baseline');
  assert.equal(m.before.side, 'old');
  assert.equal(m.after.name, 'patched');
  assert.equal(m.after.side, 'new');
  assert.deepEqual(m.afterFiles, treeAfter());
  assert.equal(m.touchesExitPath, true);
  assert.ok(m.touchedFunctions.some((f) => f.func === 'reaper' && f.file === 'sys/kern/kern_exit.c'));
  const named = derivePatchModels(await cParser(), treeBefore(), diffFixture('teardown-unlocked.diff'), ['patched', 'lockless']);
  assert.deepEqual([named.before.name, named.after.name], ['patched', 'lockless']);
});

test('deriveImageModels: an unchanged model touches the exit path only when a function of it is touched', async () => {
  const parser = await cParser();
  const files = treeBefore();
  const none = deriveImageModels(parser, files, files, [{ file: 'sys/kern/kern_sched.c', func: 'setrunqueue' }]);
  assert.deepEqual(none.changes, []);
  assert.equal(none.touchesExitPath, false);
  // reaper() is one of the functions the model is read from; the path may carry a prefix
  const reaper = deriveImageModels(parser, files, files, [{ file: 'src/sys/kern/kern_exit.c', func: 'reaper' }]);
  assert.deepEqual(reaper.changes, []);
  assert.equal(reaper.touchesExitPath, true);
  // the same name in another file is not the model's function
  assert.equal(deriveImageModels(parser, files, files, [{ file: 'sys/kern/kern_sched.c', func: 'reaper' }]).touchesExitPath, false);
});
