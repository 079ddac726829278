import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembledSteps, deriveModel } from '../../../../../src/core/sim/derive/derive-model';
import type { CSourceFile } from '../../../../../src/core/sim/derive/c-functions-index';
import { variantDifferences } from '../../../../../src/core/sim/derive/model-steps';
import { variant } from '../../../../../src/core/sim/variants';
import { cParser, treeAfter, treeBefore } from './exit-path-fixture';

/** `files` with `from` replaced by `to` in the file at `path` (throws when `from` is absent: a broken fixture). */
function edited(files: CSourceFile[], path: string, from: string | RegExp, to: string): CSourceFile[] {
  return files.map((f) => {
    if (f.path !== path) return f;
    const text = f.text.replace(from, to);
    if (text === f.text) throw new Error(`fixture: ${String(from)} not in ${path}`);
    return { ...f, text };
  });
}

/** 1-based line of the first line of `path` matching `re`. */
const lineOf = (files: CSourceFile[], path: string, re: RegExp): number =>
  files.find((f) => f.path === path)!.text.split('\n').findIndex((l) => re.test(l)) + 1;

test('the tree before the seed patch creates one reaper, in main(), at init_main.c:92', async () => {
  const m = deriveModel(await cParser(), treeBefore(), 'baseline', 'old');
  assert.equal(m.reapers, 'one');
  // test/fixtures/c/exit-path/sys/kern/init_main.c line 92: `if (kthread_create(reaper, NULL, &reaperproc, "reaper"))`
  assert.deepEqual(m.reaperSites, [{ file: 'sys/kern/init_main.c', func: 'main', line: 92, text: 'kthread_create(reaper, NULL, &reaperproc, "reaper")' }]);
  assert.deepEqual(m.programs.map((p) => [p.kind, p.file, p.func]), [
    ['exit', 'sys/kern/kern_exit.c', 'exit1'],
    ['idle', 'sys/kern/kern_sched.c', 'sched_idle'],
    ['reaper', 'sys/kern/kern_exit.c', 'reaper'],
  ]);
  assert.equal(m.side, 'old');
  assert.equal(m.variant?.reapers, 'one');
});

test('the tree after the seed patch creates the reapers per CPU in sched_kthreads_create()', async () => {
  const files = treeAfter();
  const m = deriveModel(await cParser(), files, 'patched', 'new');
  assert.equal(m.reapers, 'per-cpu');
  const line = lineOf(files, 'sys/kern/kern_sched.c', /kthread_create\(reaper, ci/);
  assert.ok(line > 0);
  assert.deepEqual(m.reaperSites, [{ file: 'sys/kern/kern_sched.c', func: 'sched_kthreads_create', line, text: 'kthread_create(reaper, ci, NULL, comm)' }]);
});

test('the exit path is read from exit1 through sched_exit and sched_toidle; the reaper calls exit2', async () => {
  const m = deriveModel(await cParser(), treeBefore(), 'baseline', 'old');
  const byName = new Map(m.functions.map((f) => [f.func, f.file]));
  assert.deepEqual([...byName.keys()].sort(), ['exit1', 'exit2', 'reaper', 'sched_exit', 'sched_idle', 'sched_toidle']);
  assert.equal(byName.get('sched_exit'), 'sys/kern/kern_sched.c');
  assert.equal(byName.get('exit2'), 'sys/kern/kern_exit.c');
  // proc_free is in kern_exit.c but not on the exit path of the fixture
  assert.equal(byName.has('proc_free'), false);
  assert.ok(m.statements > 0);
});

test('what sched_idle() does before its while (1) loop runs once: 15 statements, lines 98-117', async () => {
  const m = deriveModel(await cParser(), treeBefore(), 'baseline', 'old');
  const once = m.quiet.filter((q) => q.why.startsWith('runs once when the idle thread starts'));
  // kern_sched.c 96-117 by hand: 3 declarations (98-100), KERNEL_UNLOCK (102), spc = (104),
  // SCHED_LOCK .. SCHED_UNLOCK (107-114, 8 statements), 2 KASSERTs (116-117) = 15
  assert.deepEqual(once.map((q) => q.line), [98, 99, 100, 102, 104, 107, 108, 109, 110, 111, 112, 113, 114, 116, 117]);
  assert.ok(once.every((q) => q.file === 'sys/kern/kern_sched.c'));
});

test('assembledSteps gives the steps of the built-in programs (labels resolved)', async () => {
  const m = deriveModel(await cParser(), treeBefore(), 'baseline', 'old');
  const builtIn = variant('baseline');
  const idle = m.programs.find((p) => p.kind === 'idle')!;
  const reaper = m.programs.find((p) => p.kind === 'reaper')!;
  assert.equal(assembledSteps(idle).length, builtIn.idle.steps.length);
  assert.equal(assembledSteps(reaper).length, builtIn.reaper.steps.length);
  assert.deepEqual(assembledSteps(idle).map((s) => s.op), builtIn.idle.steps.map((s) => s.op));
});

test('a tree without exit1() has no runnable variant and says why', async () => {
  const files = edited(treeBefore(), 'sys/kern/kern_exit.c', /^exit1\(/m, 'exit1_renamed(');
  const m = deriveModel(await cParser(), files, 'baseline', 'old');
  assert.equal(m.variant, null);
  assert.ok(m.problems.includes('exit1() is not defined in the tree'), m.problems.join('\n'));
});

test('exit1() that never calls cpu_exit() is reported', async () => {
  const files = edited(treeBefore(), 'sys/kern/kern_exit.c', /\tcpu_exit\(p\);/, '\tcpu_exit_renamed(p);');
  const m = deriveModel(await cParser(), files, 'baseline', 'old');
  assert.equal(m.variant, null);
  assert.ok(m.problems.includes('exit1() does not call cpu_exit()'), m.problems.join('\n'));
});

test('a tree that never starts a reaper thread has no runnable variant', async () => {
  const files = edited(treeBefore(), 'sys/kern/init_main.c', 'kthread_create(reaper, NULL,', 'kthread_create(other_daemon, NULL,');
  const m = deriveModel(await cParser(), files, 'baseline', 'old');
  assert.equal(m.variant, null);
  assert.equal(m.reapers, null);
  assert.deepEqual(m.reaperSites, []);
  assert.ok(m.problems.includes('no kthread_create(reaper, ...) in the tree: where the reapers start is unknown'), m.problems.join('\n'));
});

test('an idle loop the model does not know is reported, not guessed', async () => {
  const files = edited(treeBefore(), 'sys/kern/kern_sched.c', 'while (!cpu_is_idle(curcpu()))', 'while (spc->spc_whichqs != 0)');
  const m = deriveModel(await cParser(), files, 'baseline', 'old');
  assert.equal(m.variant, null);
  assert.ok(m.problems.some((p) => p.startsWith('sched_idle(): no `while (1)` loop')), m.problems.join('\n'));
});

test('reapers created both once and per CPU: the per-CPU ones are taken and both sites noted', async () => {
  const once = '\tif (kthread_create(reaper, NULL, &reaperproc, "reaper"))\n\t\tpanic("fork reaper");\n';
  const files = edited(treeAfter(), 'sys/kern/init_main.c', /\tif \(kthread_create\(buf_daemon/, `${once}\tif (kthread_create(buf_daemon`);
  const m = deriveModel(await cParser(), files, 'patched', 'new');
  assert.equal(m.reapers, 'per-cpu');
  assert.equal(m.reaperSites.length, 2);
  const notes = m.notUnderstood.filter((n) => n.why.startsWith('reapers are created both once and per CPU'));
  assert.deepEqual(notes.map((n) => n.file).sort(), ['sys/kern/init_main.c', 'sys/kern/kern_sched.c']);
});

test('exit1 and sched_exit written as old-style definitions derive the same baseline (their parameters are bound)', async () => {
  let files = edited(treeBefore(), 'sys/kern/kern_exit.c', 'exit1(struct proc *p, int xexit, int xsig, int flags)\n',
    'exit1(p, xexit, xsig, flags)\n\tstruct proc *p;\n\tint xexit, xsig, flags;\n');
  files = edited(files, 'sys/kern/kern_sched.c', 'sched_exit(struct proc *p)\n', 'sched_exit(p)\n\tstruct proc *p;\n');
  const m = deriveModel(await cParser(), files, 'baseline', 'old');
  // sched_exit's LIST_INSERT_HEAD(&spc->spc_deadproc, p, p_hash) inserts the dying thread only when p is bound to exit1's p
  assert.deepEqual(m.notUnderstood, []);
  assert.deepEqual(variantDifferences(m.variant!, variant('baseline')), []);
});
