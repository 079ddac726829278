import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble, Op } from '../../../../src/core/sim/program';
import { StepProfile, sumLineTimes } from '../../../../src/core/sim/step-profile';

const at = (line: number) => ({ file: 'sys/kern/kern_exit.c', func: 'reaper', text: 'x', line, side: 'old' as const });
const [lock, work, noLine] = assemble('p', [
  { op: Op.Lock, lock: 'deadproc_mutex', src: at(160) },
  { op: Op.Work, cost: 'uareaFree', src: at(176) },
  { op: Op.Peg, src: { file: 'sys/kern/kern_exit.c', func: 'reaper', text: 'y' } },
]).steps;

test('time is summed per program and line: 2 acquisitions of line 160 (30 + 30 ns, one waiting 500 ns), steps without a line are not counted', () => {
  const p = new StepProfile();
  p.add(lock!, 'reaper', 30, 0);
  p.add(lock!, 'reaper', 30, 500);
  p.add(work!, 'reaper', 2000, 0);
  p.add(lock!, 'idle', 30, 0);
  p.add(noLine!, 'reaper', 99, 0);
  const byKey = new Map(p.result().map((t) => [`${t.program}:${t.line}`, [t.count, t.costNs, t.waitNs]]));
  assert.deepEqual(Object.fromEntries(byKey), { 'reaper:160': [2, 60, 500], 'reaper:176': [1, 2000, 0], 'idle:160': [1, 30, 0] });
});

test('sumLineTimes adds the seeds up per program and line without changing its inputs', () => {
  const a = new StepProfile();
  a.add(lock!, 'reaper', 30, 10);
  const b = new StepProfile();
  b.add(lock!, 'reaper', 40, 0);
  b.add(work!, 'reaper', 2000, 0);
  const runs = [a.result(), b.result()];
  const sum = sumLineTimes(runs);
  assert.deepEqual(sum.map((t) => [t.line, t.count, t.costNs, t.waitNs]), [[160, 2, 70, 10], [176, 1, 2000, 0]]);
  assert.equal(runs[0]![0]!.count, 1);
});
