import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Op, type Step } from '../../../../../src/core/sim/program';
import {
  modelSteps, programDifference, programSteps, STEP_OP_NAMES, stepObject, stepOpName, variantDifferences, variantPrograms,
} from '../../../../../src/core/sim/derive/model-steps';
import { variant } from '../../../../../src/core/sim/variants';

test('the built-in baseline as data: 7 exit, 17 idle and 25 reaper steps, exit path first', () => {
  const steps = modelSteps(variant('baseline'));
  // variants.ts by hand: exit = 4 (exit1) + 3 (sched_toidle); idle = 2 + 3 (ps_mtx) + 3 (deadproc) + 4 (wakeup) + 1 + 4 (idle wait);
  // reaper = 9 (sleep loop) + 16 (teardown: 2 + uvm_exit + lock + zombie work + zombie + 4 wakeup + unlock + reaped + jump + 3)
  const count = (p: string): number => steps.filter((s) => s.program === p).length;
  assert.deepEqual([count('exit'), count('idle'), count('reaper')], [7, 17, 25]);
  assert.deepEqual(steps.slice(0, 7).map((s) => s.op), ['lock', 'work', 'exit', 'insert', 'unlock', 'lock', 'switch-idle']);
  assert.deepEqual(steps.slice(0, 7).map((s) => s.object), ['kernel_lock', 'exit1', undefined, 'spc_deadproc', 'kernel_lock', 'sched_lock', undefined]);
  assert.equal(steps[3]!.self, true);
  assert.equal('self' in steps[0]!, false);
  assert.equal(steps[2]!.file, 'sys/kern/kern_exit.c');
  assert.equal(steps[2]!.text, 'cpu_exit(p);');
  // built-in steps carry no line: 0
  assert.equal(steps[2]!.line, 0);
});

test('jump targets, sleep priorities and subject costs of the baseline reaper', () => {
  const reaper = programSteps('reaper', variantPrograms(variant('baseline')).reaper);
  // index 1: while ((p = LIST_FIRST(&deadproc)) == NULL) jumps to `got`, the LIST_REMOVE at index 7
  assert.deepEqual(reaper[1], { program: 'reaper', op: 'if-not-empty', object: 'deadproc', target: 7, file: 'sys/kern/kern_exit.c', line: 0, text: 'while ((p = LIST_FIRST(&deadproc)) == NULL)' });
  assert.equal(reaper[4]!.op, 'sleep');
  assert.equal(reaper[4]!.prio, 4); // PVM
  assert.equal(reaper[6]!.target, 1); // back to `check`
  assert.equal(reaper[7]!.op, 'remove');
  assert.deepEqual(reaper.filter((s) => s.ofSubject).map((s) => s.object), ['uareaFree', 'uvmExit', 'zombie', 'procFree']);
});

test('the patched exit path wakes one reaper and switches to the next thread', () => {
  const exit = programSteps('exit', variantPrograms(variant('patched')).exit);
  assert.deepEqual(exit.map((s) => s.op), ['lock', 'work', 'exit', 'insert', 'unlock', 'lock', 'work', 'wakeup-one', 'unlock', 'lock', 'switch-next']);
  assert.equal(exit[7]!.object, 'spc_deadproc');
});

test('op names: every step op of the simulator maps into STEP_OP_NAMES; workload ops have none', () => {
  assert.equal(STEP_OP_NAMES.length, 19);
  const all = ['baseline', 'patched', 'lockless'] as const;
  for (const name of all) for (const s of modelSteps(variant(name))) assert.ok(STEP_OP_NAMES.includes(s.op));
  assert.equal(stepOpName({ op: Op.Fork }), null);
  assert.equal(stepOpName({ op: Op.Wake, chan: 'c', all: true }), 'wakeup-all');
  assert.equal(stepOpName({ op: Op.Switch, to: 'idle' }), 'switch-idle');
  assert.equal(stepObject({ op: Op.Sleep, chan: 'deadproc', prio: 4 }), 'deadproc');
  assert.equal(stepObject({ op: Op.Peg }), undefined);
  // a workload op is shown as work, with no source
  assert.deepEqual(programSteps('exit', [{ op: Op.Fork }]), [{ program: 'exit', op: 'work', file: '', line: 0, text: '' }]);
});

const lock = (l: string): Step => ({ op: Op.Lock, lock: l });
const unlock = (l: string): Step => ({ op: Op.Unlock, lock: l });
const jump = (target: number): Step => ({ op: Op.Jump, target });

test('programDifference ignores jumps to the next step and compares targets after renumbering', () => {
  assert.equal(programDifference([lock('a'), unlock('a')], [jump(1), lock('a'), unlock('a')]), null);
  // [jump→1, lock, jump→1] is [lock, jump→0] once the no-op jump is gone
  assert.equal(programDifference([jump(1), lock('a'), jump(1)], [lock('a'), jump(0)]), null);
  assert.match(programDifference([lock('a'), jump(0)], [lock('a'), jump(1)]) ?? '', /^step 1: /);
  assert.match(programDifference([lock('a'), unlock('a')], [lock('a'), unlock('b')]) ?? '', /^step 1: \["unlock","a"/);
  assert.match(programDifference([lock('a')], [lock('a'), unlock('a')]) ?? '', /^step 1: none vs \["unlock","a"/);
  // the source text is not part of a step's meaning
  assert.equal(programDifference([{ ...lock('a'), src: { file: 'x.c', func: 'f', text: 'one' } }], [{ ...lock('a'), src: { file: 'y.c', func: 'g', text: 'two' } }]), null);
});

test('variantDifferences: patched and lockless differ only around the reaper\'s sleep; baseline also in its reapers', () => {
  assert.deepEqual(variantDifferences(variant('patched'), variant('patched')), []);
  const d = variantDifferences(variant('patched'), variant('lockless'));
  // the first difference is the target of the sleep loop's test: `got` (LIST_REMOVE) is step 7 in patched
  // (peg, if-not-empty, KERNEL_LOCK, SCHED_LOCK, sleep, KERNEL_UNLOCK, jump) and step 5 without the two kernel-lock steps
  assert.equal(d.length, 1);
  assert.match(d[0]!, /^reaper: step 1: \["if-not-empty","spc_deadproc",7,.* vs \["if-not-empty","spc_deadproc",5,/);
  const b = variantDifferences(variant('baseline'), variant('patched'));
  assert.deepEqual(b.map((s) => s.split(':')[0]), ['exit', 'idle', 'reaper', 'reapers']);
  assert.equal(b[3], 'reapers: one vs per-cpu');
});
