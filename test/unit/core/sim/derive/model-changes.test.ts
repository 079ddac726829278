import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveModel, type DerivedModel } from '../../../../../src/core/sim/derive/derive-model';
import { modelChanges } from '../../../../../src/core/sim/derive/model-changes';
import { Op } from '../../../../../src/core/sim/program';
import type { CSourceFile } from '../../../../../src/core/sim/derive/c-functions-index';
import { cParser, treeAfter, treeBefore, treeLockless } from './exit-path-fixture';

const derive = async (files: CSourceFile[], name: 'baseline' | 'patched' | 'lockless', side: 'old' | 'new'): Promise<DerivedModel> =>
  deriveModel(await cParser(), files, name, side);

/** 1-based lines of kern_exit.c matching `re` in `files`. */
const linesOf = (files: CSourceFile[], re: RegExp): number[] =>
  files.find((f) => f.path === 'sys/kern/kern_exit.c')!.text.split('\n').flatMap((l, i) => (re.test(l) ? [i + 1] : []));

test('patched → lockless: the reaper loses the kernel lock around its sleep, nothing else', async () => {
  const files = treeAfter();
  const changes = modelChanges(await derive(files, 'patched', 'old'), await derive(treeLockless(), 'lockless', 'new'));
  // the KERNEL_LOCK()/KERNEL_UNLOCK() just before and after tsleep_nsec in the post-image of the seed patch
  const sleep = linesOf(files, /tsleep_nsec\(&spc->spc_deadproc/)[0]!;
  assert.deepEqual(changes.map((c) => [c.program, c.kind, c.op, c.object, c.line, c.side, c.text]), [
    ['reaper', 'removed', 'lock', 'kernel_lock', sleep - 1, 'old', 'KERNEL_LOCK();'],
    ['reaper', 'removed', 'unlock', 'kernel_lock', sleep + 1, 'old', 'KERNEL_UNLOCK();'],
  ]);
  assert.equal(changes[0]!.summary, `reaper: - lock kernel_lock at sys/kern/kern_exit.c:${sleep - 1} (before) KERNEL_LOCK();`);
});

test('the other way round the same steps are added, on the new side', async () => {
  const changes = modelChanges(await derive(treeLockless(), 'lockless', 'old'), await derive(treeAfter(), 'patched', 'new'));
  assert.deepEqual(changes.map((c) => `${c.kind} ${c.op} ${c.object} ${c.side}`), ['added lock kernel_lock new', 'added unlock kernel_lock new']);
  assert.match(changes[0]!.summary, /^reaper: \+ lock kernel_lock at sys\/kern\/kern_exit\.c:\d+ \(after\) KERNEL_LOCK\(\);$/);
});

test('the same model twice changes nothing', async () => {
  const m = await derive(treeBefore(), 'baseline', 'old');
  assert.deepEqual(modelChanges(m, m), []);
});

test('the seed patch: the number of reapers changes where sched_kthreads_create() makes them; jumps are never listed', async () => {
  const after = treeAfter();
  const changes = modelChanges(await derive(treeBefore(), 'baseline', 'old'), await derive(after, 'patched', 'new'));
  assert.ok(changes.length > 3);
  assert.ok(!changes.some((c) => c.op === 'jump'));
  const reapers = changes.filter((c) => c.program === 'reapers');
  const line = after.find((f) => f.path === 'sys/kern/kern_sched.c')!.text.split('\n').findIndex((l) => /kthread_create\(reaper, ci/.test(l)) + 1;
  assert.deepEqual(reapers.map((c) => [c.kind, c.file, c.line, c.side]), [['changed', 'sys/kern/kern_sched.c', line, 'new']]);
  assert.equal(reapers[0]!.summary, `reapers: one → per-cpu at sys/kern/kern_sched.c:${line} (sched_kthreads_create) kthread_create(reaper, ci, NULL, comm)`);
  // the idle thread no longer frees (exit2's steps go) and the dying thread wakes one reaper itself
  assert.ok(changes.some((c) => c.program === 'idle' && c.kind === 'removed' && c.op === 'insert' && c.object === 'deadproc'));
  assert.ok(changes.some((c) => c.program === 'exit' && c.kind === 'added' && c.op === 'wakeup-one' && c.object === 'spc_deadproc'));
});

test('a program whose steps do not assemble is left out, the others are still compared', async () => {
  const before = await derive(treeAfter(), 'patched', 'old');
  const after = await derive(treeLockless(), 'lockless', 'new');
  const broken: DerivedModel = { ...after, programs: after.programs.map((p) => (p.kind === 'reaper' ? { ...p, drafts: [{ op: Op.Jump, to_label: 'nowhere' }] } : p)) };
  assert.deepEqual(modelChanges(before, broken), []);
  const exitBroken: DerivedModel = { ...after, programs: after.programs.map((p) => (p.kind === 'exit' ? { ...p, drafts: [{ op: Op.Jump, to_label: 'nowhere' }] } : p)) };
  assert.equal(modelChanges(before, exitBroken).length, 2);
});
