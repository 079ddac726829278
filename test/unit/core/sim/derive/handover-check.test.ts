import { test } from 'node:test';
import assert from 'node:assert/strict';
import { earlyHandovers } from '../../../../../src/core/sim/derive/handover-check';
import { Op, type Draft, type Step } from '../../../../../src/core/sim/program';
import { variant, type Variant } from '../../../../../src/core/sim/variants';

const at = (text: string): NonNullable<Draft['src']> => ({ file: 'sys/kern/kern_sched.c', func: 'sched_exit', text, line: 155 });

/** patched with its reaper's Peg replaced by a jump to the next step (same indices, no pegging). */
function unpegged(): Variant {
  const v = variant('patched');
  return { ...v, reaper: { ...v.reaper, steps: v.reaper.steps.map((s): Step => (s.op === Op.Peg ? { op: Op.Jump, target: 1 } : s)) } };
}

test('none of the built-in variants hands the dying thread over before its switch', () => {
  for (const name of ['baseline', 'patched', 'lockless'] as const) assert.deepEqual(earlyHandovers(variant(name)), []);
});

test('a per-CPU list is safe only when the reapers are per CPU and pegged', () => {
  // patched puts itself on its CPU's spc_deadproc before switching; its CPU's pegged reaper takes it only after
  const one: Variant = { ...variant('patched'), reapers: 'one' };
  const found = earlyHandovers(one);
  assert.equal(found.length, 1);
  // the exit path of patched: insert (3), unlock, wakeup_one (lock, work, wake 7, unlock), lock, switch (10)
  assert.deepEqual(found[0]!.steps.map((s) => s.op), ['insert', 'wakeup-one', 'switch-next']);
  assert.match(found[0]!.message, /^patched: the dying thread is put on spc_deadproc, where a thread on another CPU can take it/);
  assert.equal(earlyHandovers(unpegged()).length, 1);
});

test('a global list taken by another thread is a hand-over; the message carries the insert\'s file and line', () => {
  const v = variant('patched');
  const exitPath = v.exitPath.map((d): Draft => (d.op === Op.Insert ? { op: Op.Insert, list: 'deadproc', self: true, src: at('LIST_INSERT_HEAD(&deadproc, p, p_hash);') } : d));
  const found = earlyHandovers({ ...v, exitPath });
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /\(sys\/kern\/kern_sched\.c:155\)$/);
  assert.deepEqual(found[0]!.steps.map((s) => `${s.op} ${s.object ?? ''}`.trim()), ['insert deadproc', 'wakeup-one spc_deadproc', 'switch-next']);
});

test('only the dying thread itself counts, and only before the switch', () => {
  const v: Variant = { ...variant('patched'), reapers: 'one' };
  const notSelf = v.exitPath.map((d): Draft => (d.op === Op.Insert ? { ...d, self: false } : d));
  assert.deepEqual(earlyHandovers({ ...v, exitPath: notSelf }), []);
  // the insert moved after the switch: nothing to report
  const ins = v.exitPath.find((d) => d.op === Op.Insert)!;
  const after = [...v.exitPath.filter((d) => d !== ins), ins];
  assert.deepEqual(earlyHandovers({ ...v, exitPath: after }), []);
});
