import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subjectProblem } from '../../../../../src/core/sim/derive/subject-check';
import { Op, type Step } from '../../../../../src/core/sim/program';
import { variant } from '../../../../../src/core/sim/variants';

const src = { file: 'sys/kern/kern_exit.c', func: 'reaper', text: 'uvm_exit(pr);', line: 212 };

test('the built-in programs all take a dead thread before working on it', () => {
  for (const name of ['baseline', 'patched', 'lockless'] as const) {
    const v = variant(name);
    assert.equal(subjectProblem('idle', v.idle.steps), null);
    assert.equal(subjectProblem('reaper', v.reaper.steps), null);
  }
});

test('work of the subject without a list removal is reported with its statement', () => {
  const steps: Step[] = [{ op: Op.Lock, lock: 'kernel_lock' }, { op: Op.Work, cost: 'uvmExit', costIndex: 0, ofSubject: true, src }];
  assert.equal(subjectProblem('reaper', steps), 'the reaper program works on a dead thread (sys/kern/kern_exit.c:212 uvm_exit(pr);) but never takes one off a list');
  const noLine = [{ op: Op.ReapMark, src: { file: 'x.c', func: 'f', text: 'proc_free(p);' } }] as Step[];
  assert.equal(subjectProblem('idle', noLine), 'the idle program works on a dead thread (x.c:? proc_free(p);) but never takes one off a list');
  assert.equal(subjectProblem('idle', [{ op: Op.Zombie }]), 'the idle program works on a dead thread but never takes one off a list');
});

test('each use of the subject counts: P_THREAD test, reaped, zombie, insert of another thread; the thread itself does not', () => {
  assert.notEqual(subjectProblem('r', [{ op: Op.JumpIfThread, target: 0 }]), null);
  assert.notEqual(subjectProblem('r', [{ op: Op.Insert, list: 'deadproc' }]), null);
  assert.equal(subjectProblem('exit', [{ op: Op.Insert, list: 'spc_deadproc', self: true }]), null);
  assert.equal(subjectProblem('r', [{ op: Op.Work, cost: 'wakeup', costIndex: 0 }]), null);
  // a Remove anywhere (also after) makes a subject possible
  assert.equal(subjectProblem('r', [{ op: Op.ReapMark }, { op: Op.Remove, list: 'deadproc' }]), null);
});
