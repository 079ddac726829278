import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeModelLine, modelLineIndex, modelLinesAt } from '../../../../src/core/annotations/model-lines';
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
