import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exitPathSteps } from '../../../../src/core/annotations/exit-path-steps';

test('the model\'s steps in reaper(): the baseline takes deadproc_mutex, only patched takes the kernel lock to sleep', () => {
  const steps = exitPathSteps('sys/kern/kern_exit.c', 'reaper');
  assert.deepEqual(steps.map((s) => s.variant), ['baseline', 'patched', 'lockless']);
  const byName = Object.fromEntries(steps.map((s) => [s.variant, s]));
  assert.ok(byName.baseline!.steps.some((s) => s.lock === 'deadproc_mutex'));
  assert.ok(!byName.patched!.steps.some((s) => s.lock === 'deadproc_mutex'));
  // Both take the kernel lock for the zombie part; patched also around tsleep_nsec.
  const kernelLocks = (v: string): number => byName[v]!.steps.filter((s) => s.op === 'Lock' && s.lock === 'kernel_lock').length;
  assert.equal(kernelLocks('patched'), kernelLocks('lockless') + 1);
  // exit2() is modelled in the baseline only.
  assert.deepEqual(exitPathSteps('sys/kern/kern_exit.c', 'exit2').map((s) => s.variant), ['baseline']);
  assert.deepEqual(exitPathSteps('sys/kern/kern_exit.c', 'no_such_function'), []);
});

test('a file is matched by its patch path from either end; each step has its op, its lock and the C statement it models', () => {
  const full = exitPathSteps('sys/kern/kern_sched.c', 'sched_toidle');
  // Only the baseline hops to the idle thread (DESIGN.md: the patch goes to sched_toproc).
  assert.deepEqual(full.map((s) => s.variant), ['baseline']);
  // A workspace's absolute path ends with the model's path; a shorter path is a suffix of it.
  assert.deepEqual(exitPathSteps('/home/me/src/sys/kern/kern_sched.c', 'sched_toidle'), full);
  assert.deepEqual(exitPathSteps('kern_sched.c', 'sched_toidle'), full);
  assert.deepEqual(exitPathSteps('sys/kern/kern_exit.c', 'sched_toidle'), []);
  const steps = full[0]!.steps;
  assert.ok(steps.some((s) => s.op === 'Lock' && s.lock === 'sched_lock' && s.text.includes('SCHED_LOCK')), JSON.stringify(steps));
  assert.ok(steps.some((s) => s.op === 'Switch' && s.text.includes('cpu_switchto')), JSON.stringify(steps));
  // A step without a lock has no `lock` key at all.
  assert.ok(steps.filter((s) => s.op === 'Switch').every((s) => !('lock' in s)));
});
