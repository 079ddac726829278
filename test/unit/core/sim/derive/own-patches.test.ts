import { test } from 'node:test';
import assert from 'node:assert/strict';
import { earlyHandovers } from '../../../../../src/core/sim/derive/handover-check';
import { derivePatchModels, type PatchModels } from '../../../../../src/core/sim/derive/patch-models';
import { simulate } from '../../../../../src/core/sim/simulate';
import { variant } from '../../../../../src/core/sim/variants';
import { cParser, diffFixture, treeBefore } from './exit-path-fixture';

// Patches of our own to the exit path (test/fixtures/c/exit-path-patches), each derived before
// and after, with what changed in the model and what the invariants say.

const models = async (name: string): Promise<PatchModels> => derivePatchModels(await cParser(), treeBefore(), diffFixture(name));
const changed = (m: PatchModels): string[] => m.changes.map((c) => `${c.program} ${c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '~'} ${c.op ?? ''} ${c.object ?? ''}`.trim());
const run = (m: PatchModels, cpus = 4) => simulate({ variant: 'patched', model: m.after.variant!, cpus, workload: 'fork-storm', seed: 3, durationNs: 20e6 }).invariants;

test('a v2 with a per-CPU mutex and msleep_nsec: the new lock is modelled per CPU, no code change needed', async () => {
  const m = await models('v2-percpu-mutex.diff');
  assert.deepEqual(m.after.problems, []);
  assert.deepEqual(m.after.notUnderstood, []);
  assert.equal(m.after.reapers, 'per-cpu');
  const c = changed(m);
  // sched_exit takes the new mutex around its insert; the reaper sleeps with it as interlock
  assert.ok(c.includes('exit + lock spc_deadproc_mtx') && c.includes('exit + unlock spc_deadproc_mtx'), c.join('\n'));
  assert.ok(c.includes('reaper + sleep spc_deadproc') && c.includes('reaper - sleep deadproc'), c.join('\n'));
  assert.ok(!c.some((x) => /kernel_lock/.test(x)), 'no kernel lock around the sleep any more');
  assert.ok(c.includes('reapers ~'));
  assert.deepEqual(earlyHandovers(m.after.variant!), []);
  const inv = run(m);
  assert.equal(inv.ok, true, inv.violations.join('\n'));
  assert.ok(inv.reaps > 0);
});

test('dropping the kernel lock from the reaper\'s teardown removes exactly those two steps', async () => {
  const m = await models('teardown-unlocked.diff');
  assert.deepEqual(changed(m), ['reaper - lock kernel_lock', 'reaper - unlock kernel_lock']);
  assert.deepEqual(m.changes.map((c) => c.text), ['KERNEL_LOCK();', 'KERNEL_UNLOCK();']);
  assert.equal(m.touchesExitPath, true);
  assert.equal(run(m).ok, true);
});

test('exit2() straight from sched_exit(): the thread is handed to the reaper before it has left its CPU, caught', async () => {
  const m = await models('exit2-from-sched-exit.diff');
  const c = changed(m);
  assert.ok(c.includes('exit - insert spc_deadproc') && c.includes('exit + insert deadproc') && c.includes('exit + wakeup-all deadproc'), c.join('\n'));
  // the built-in models and the model before this patch do not do it
  for (const v of [variant('baseline'), variant('patched'), variant('lockless'), m.before.variant!]) assert.deepEqual(earlyHandovers(v), []);
  const found = earlyHandovers(m.after.variant!);
  assert.equal(found.length, 1);
  // the steps that allow it: the insert on the global list, the wakeup of the reaper, then only the switch
  assert.deepEqual(found[0]!.steps.map((s) => `${s.op} ${s.object ?? ''}`.trim()), ['insert deadproc', 'wakeup-all deadproc', 'switch-idle']);
  assert.match(found[0]!.message, /before it has switched away \(sys\/kern\/kern_exit\.c:\d+\)/);
});

test('moving the time accounting from exit2 (idle thread) into sched_exit (the dying thread) moves its steps', async () => {
  const m = await models('accounting-in-sched-exit.diff');
  assert.deepEqual(changed(m), [
    'exit + lock ps_mtx', 'exit + work tuagg', 'exit + unlock ps_mtx',
    'idle - lock ps_mtx', 'idle - work tuagg', 'idle - unlock ps_mtx',
  ]);
  assert.equal(run(m).ok, true);
});

test('a patch outside the exit path says so and names what it touches', async () => {
  const m = await models('runqueue-statistic.diff');
  assert.equal(m.touchesExitPath, false);
  assert.deepEqual(m.changes, []);
  assert.deepEqual(m.touchedFunctions, [{ file: 'sys/kern/kern_sched.c', func: 'setrunqueue' }]);
});
