import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Op, type Step } from '../../../../src/core/sim/program';
import { variant, VARIANT_NAMES } from '../../../../src/core/sim/variants';
import { assemble, operands } from '../../../../src/core/sim/program';

const opName = (op: number): string => Object.entries(Op).find(([, v]) => v === op)![0];
/** The lock-relevant steps of a program as `Op name`, e.g. `Lock deadproc_mutex`. */
const trace = (steps: Step[]): string[] =>
  steps.filter((s) => s.op === Op.Lock || s.op === Op.Unlock || s.op === Op.Wake || s.op === Op.Sleep || s.op === Op.Switch || s.op === Op.Insert || s.op === Op.Remove)
    .map(operands).map((s) => `${opName(s.op)} ${s.lock ?? s.list ?? (s.op === Op.Switch ? s.to : `${s.chan}${s.op === Op.Wake ? (s.all ? ' all' : ' one') : ''}`)}`);

test('baseline exit path: exit1 under the kernel lock, then the idle hop', () => {
  const v = variant('baseline');
  assert.deepEqual(trace(assemble('x', v.exitPath).steps), [
    'Lock kernel_lock', 'Insert spc_deadproc', 'Unlock kernel_lock', 'Lock sched_lock', 'Switch idle',
  ]);
  assert.equal(v.reapers, 'one');
});

test('baseline idle thread runs exit2: ps_mtx, deadproc_mutex, global list, wakeup(&deadproc)', () => {
  const steps = variant('baseline').idle.steps;
  assert.deepEqual(trace(steps), [
    'Remove spc_deadproc', 'Lock ps_mtx', 'Unlock ps_mtx', 'Lock deadproc_mutex', 'Insert deadproc', 'Unlock deadproc_mutex',
    'Lock sched_lock', 'Wake deadproc all', 'Unlock sched_lock', 'Lock sched_lock', 'Switch next',
  ]);
  const enter = steps.find((s) => s.op === Op.Lock && s.lock === 'deadproc_mutex')!;
  assert.deepEqual(enter.src, { file: 'sys/kern/kern_exit.c', func: 'exit2', text: 'mtx_enter(&deadproc_mutex);' });
});

test('baseline reaper sleeps in msleep with deadproc_mutex as interlock', () => {
  assert.deepEqual(trace(variant('baseline').reaper.steps).slice(0, 8), [
    'Lock deadproc_mutex', 'Lock sched_lock', 'Unlock deadproc_mutex', 'Sleep deadproc', 'Lock deadproc_mutex',
    'Remove deadproc', 'Unlock deadproc_mutex', 'Lock kernel_lock',
  ]);
});

test('patched: wakeup_one on spc_deadproc, no idle hop, kernel lock around tsleep_nsec', () => {
  const v = variant('patched');
  assert.deepEqual(trace(assemble('x', v.exitPath).steps), [
    'Lock kernel_lock', 'Insert spc_deadproc', 'Unlock kernel_lock', 'Lock sched_lock', 'Wake spc_deadproc one', 'Unlock sched_lock',
    'Lock sched_lock', 'Switch next',
  ]);
  assert.deepEqual(trace(v.reaper.steps).slice(0, 5), ['Lock kernel_lock', 'Lock sched_lock', 'Sleep spc_deadproc', 'Unlock kernel_lock', 'Remove spc_deadproc']);
  assert.equal(v.reaper.steps[0]!.op, Op.Peg);
  assert.equal(v.reapers, 'per-cpu');
  const sleep = v.reaper.steps.find((s) => s.op === Op.Sleep)!;
  assert.equal(sleep.src?.text, 'tsleep_nsec(&spc->spc_deadproc, PVM, "reaper", INFSLP);');
});

test('lockless: the patched reaper without the kernel lock around its sleep', () => {
  const patched = trace(variant('patched').reaper.steps);
  const lockless = trace(variant('lockless').reaper.steps);
  assert.deepEqual(lockless.slice(0, 3), ['Lock sched_lock', 'Sleep spc_deadproc', 'Remove spc_deadproc']);
  assert.deepEqual(patched.filter((s) => !s.endsWith('kernel_lock')).slice(0, 3), lockless.slice(0, 3));
});

test('every kernel step names its C source; no variant touches deadproc_mutex after the patch', () => {
  for (const name of VARIANT_NAMES) {
    const v = variant(name);
    for (const s of [...assemble('x', v.exitPath).steps, ...v.idle.steps, ...v.reaper.steps]) {
      assert.ok(s.src && s.src.file.startsWith('sys/') && s.src.func && s.src.text, `${name}: ${opName(s.op)} has a source`);
    }
    if (name !== 'baseline') {
      assert.ok(![...v.idle.steps, ...v.reaper.steps].map(operands).some((s) => s.lock === 'deadproc_mutex' || s.list === 'deadproc'));
    }
  }
});

test('sourceSteps lists the modelled statements for the editor, in program order', async () => {
  const { sourceSteps } = await import('../../../../src/core/sim/variants');
  const steps = sourceSteps(variant('lockless'));
  const sleep = steps.find((s) => s.action === 'sleep on spc_deadproc')!;
  assert.equal(sleep.program, 'reaper');
  assert.equal(sleep.src.func, 'reaper');
  assert.ok(!steps.some((s) => s.program === 'reaper' && s.action === 'lock kernel_lock' && s.src.text === 'KERNEL_LOCK();' && s.index < sleep.index));
  const baselineActions = sourceSteps(variant('baseline')).filter((s) => s.src.func === 'exit2').map((s) => s.action);
  assert.deepEqual(baselineActions.slice(0, 5), ['lock ps_mtx', 'work tuagg', 'unlock ps_mtx', 'lock deadproc_mutex', 'insert on deadproc']);
});
