import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeModelLine, modelLineIndex, modelLinesAt, withSimulatedTimes } from '../../../../src/core/annotations/model-lines';
import { simulate } from '../../../../src/core/sim/simulate';
import { deriveModel } from '../../../../src/core/sim/derive/derive-model';
import { cParser, treeAfter, treeBefore } from '../sim/derive/exit-path-fixture';

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('each exit-path line maps to its steps per variant, with the cost table\'s cost', async () => {
  const parser = await cParser();
  const before = treeBefore();
  const after = treeAfter();
  const index = modelLineIndex([deriveModel(parser, before, 'baseline', 'old'), deriveModel(parser, after, 'patched', 'new')]);
  const exitOld = before.find((f) => f.path === 'sys/kern/kern_exit.c')!.text;
  const wake = modelLinesAt(index, '/home/me/src/sys/kern/kern_exit.c', lineOf(exitOld, 'wakeup(&deadproc);'), 'old');
  assert.equal(wake.length, 1);
  assert.equal(wake[0]!.variant, 'baseline');
  assert.equal(wake[0]!.program, 'idle'); // exit2 runs in the idle thread before the patch
  assert.deepEqual(wake[0]!.steps.map((s) => `${s.op} ${s.object ?? ''}`.trim()), ['lock sched_lock', 'work wakeup', 'wakeup-all deadproc', 'unlock sched_lock']);
  // mutex 30 ns (the sched_lock enter) + wakeup 1000 ns, from the cost table defaults
  assert.equal(wake[0]!.costNs, 1030);
  assert.equal(describeModelLine(wake[0]!), 'lock sched_lock · work wakeup · wakeup-all deadproc · unlock sched_lock (1.03 µs)');

  const exitNew = after.find((f) => f.path === 'sys/kern/kern_exit.c')!.text;
  const sleep = modelLinesAt(index, 'sys/kern/kern_exit.c', lineOf(exitNew, 'tsleep_nsec(&spc->spc_deadproc'), 'new');
  assert.deepEqual(sleep.map((e) => [e.variant, e.program, e.steps.map((s) => s.op).join(',')]), [['patched', 'reaper', 'lock,sleep']]);

  // a line that is no step says why
  const assertLine = modelLinesAt(index, 'sys/kern/kern_sched.c', lineOf(before.find((f) => f.path === 'sys/kern/kern_sched.c')!.text, 'KERNEL_ASSERT_LOCKED();'), 'old');
  assert.equal(assertLine[0]!.kind, 'quiet');
  assert.match(assertLine[0]!.why!, /assertion/);
});

test('a simulation attaches each line\'s simulated cost and lock wait to the index', async () => {
  const files = treeBefore();
  const model = deriveModel(await cParser(), files, 'baseline', 'old');
  const run = simulate({ variant: 'baseline', model: model.variant!, cpus: 8, workload: 'fork-storm', seed: 1, durationNs: 20e6, profileSteps: true });
  const index = withSimulatedTimes(modelLineIndex([model]), 'baseline', run.lineTimes!);
  const exitText = files.find((f) => f.path === 'sys/kern/kern_exit.c')!.text;
  const at = (needle: string) => modelLinesAt(index, 'sys/kern/kern_exit.c', lineOf(exitText, needle))[0]!;
  // uvm_uarea_free is one Work step at the fixed uareaFree cost, 2000 ns, every time
  const free = at('uvm_uarea_free(p);');
  assert.ok(free.simulated!.count > 10);
  assert.equal(free.simulated!.meanCostNs, 2000);
  assert.equal(free.simulated!.meanWaitNs, 0);
  // the reaper's KERNEL_LOCK() waits: fork-storm on 8 CPUs keeps the kernel lock busy with forks and exits
  const klock = at('KERNEL_LOCK();');
  assert.ok(klock.simulated!.meanWaitNs > 0, JSON.stringify(klock.simulated));
  assert.match(describeModelLine(klock), /^lock kernel_lock \(0\.03 µs; simulated \d+\.\d\d µs \+ wait \d+\.\d\d µs\)$/);
  // and the counts are the run's: every reap ran uvm_uarea_free once, and the one reaper may be
  // between uvm_uarea_free and the end of its teardown when the run ends
  const extra = free.simulated!.count - run.invariants.reaps;
  assert.ok(extra === 0 || extra === 1, `${free.simulated!.count} frees, ${run.invariants.reaps} reaps`);
});
