import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COST_NAMES } from '../../../../src/core/sim/costs';
import { assemble, Op, operands, wakeupDrafts, type Draft } from '../../../../src/core/sim/program';

const loop: Draft[] = [
  { op: Op.JumpIfEmpty, list: 'spc_deadproc', to_label: 'done', label: 'top' },
  { op: Op.Remove, list: 'spc_deadproc' },
  { op: Op.Work, cost: 'procFree', ofSubject: true },
  { op: Op.Jump, to_label: 'top' },
  { op: Op.IdleWait, label: 'done' },
];

test('assemble resolves labels to step indices and gives work its cost index; labels are dropped', () => {
  const p = assemble('drain', loop);
  assert.deepEqual(p.steps.map((s) => operands(s).target ?? null), [4, null, null, 0, null]);
  const work = p.steps[2]!;
  assert.equal(work.op, Op.Work);
  if (work.op === Op.Work) assert.equal(work.costIndex, COST_NAMES.indexOf('procFree'));
  assert.ok(p.steps.every((s) => !('label' in s) && !('to_label' in s)));
});

test('an unknown or duplicate label is a bug in a program: assemble throws naming it', () => {
  assert.throws(() => assemble('bad', [{ op: Op.Jump, to_label: 'nowhere' }]), /unknown label nowhere/);
  assert.throws(() => assemble('bad', [{ op: Op.Peg, label: 'a' }, { op: Op.Peg, label: 'a' }]), /duplicate label a/);
});

test('wakeup() is sched_lock, the wakeup cost, the wake and the release, in that order', () => {
  const steps = assemble('w', wakeupDrafts('deadproc', true)).steps.map(operands);
  assert.deepEqual(steps.map((s) => [s.op, s.lock ?? s.cost ?? s.chan, s.all ?? null]), [
    [Op.Lock, 'sched_lock', null], [Op.Work, 'wakeup', null], [Op.Wake, 'deadproc', true], [Op.Unlock, 'sched_lock', null],
  ]);
});
