import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesAgainstBaseline, lineFigures, modelStepsAt, stepAction } from '../../../../src/core/annotations/line-model';

import { EXIT } from './annotation-figures';

test('a line is the steps the variants have there, found by function and statement', () => {
  const mutex = modelStepsAt(EXIT, 'reaper', '\t\tmtx_enter(&deadproc_mutex);');
  // Only the baseline's reaper takes deadproc_mutex (variants.ts: the patch removes it).
  assert.deepEqual(mutex.map((s) => [s.variant, stepAction(s)]), [['baseline', 'takes deadproc_mutex']]);
  // The same statement in exit2 is exit2's step, not the reaper's.
  assert.deepEqual(modelStepsAt(EXIT, 'exit2', '\tmtx_enter(&deadproc_mutex);').map((s) => s.variant), ['baseline']);
  // wakeup(pr->ps_pptr) is modelled in reaper() (the zombie's parent); the same text elsewhere is not a model step.
  assert.deepEqual([...new Set(modelStepsAt(EXIT, 'reaper', '\t\t\twakeup(pr->ps_pptr);').map((s) => s.variant))], ['baseline', 'patched', 'lockless']);
  assert.deepEqual(modelStepsAt(EXIT, 'exit1', '\t\twakeup(pr->ps_pptr);'), []);
  assert.deepEqual(modelStepsAt('sys/kern/kern_sched.c', 'sched_idle', '\t\t\twakeup(spc);'), []);
  assert.deepEqual(modelStepsAt(EXIT, 'reaper', ''), []);
});

test('each site gets its own figure: the lock\'s wait, the reaper\'s wakeups, the parent\'s wakeups', () => {
  const figure = (func: string, line: string, path = EXIT) => lineFigures(modelStepsAt(path, func, line)).map((f) => [f.key, f.variants.join('+')]);
  assert.deepEqual(figure('reaper', 'mtx_enter(&deadproc_mutex);'), [['lockWaitNs.deadproc_mutex', 'baseline']]);
  assert.deepEqual(figure('exit2', 'wakeup(&deadproc);'), [['lockWaitNs.sched_lock', 'baseline'], ['crossCpuWakeups.reaper', 'baseline']]);
  assert.deepEqual(figure('reaper', 'wakeup(pr->ps_pptr);'), [['lockWaitNs.sched_lock', 'baseline+patched+lockless'], ['crossCpuWakeups.other', 'baseline+patched+lockless']]);
  assert.deepEqual(figure('sched_toidle', 'cpu_switchto(NULL, idle);', 'sys/kern/kern_sched.c'), [['idleHops', 'baseline']]);
});

test('what a variant changes is said in a kernel developer\'s words', () => {
  assert.deepEqual(changesAgainstBaseline('patched', null, null), [
    '−idle hop', '−ps_mtx', '−deadproc_mutex', '+KERNEL_LOCK around tsleep', '−wakeup(deadproc)', '+wakeup_one(spc_deadproc)', '+reaper pegged to its CPU',
  ]);
  // The reviewer's suggestion: the same without the kernel lock around the sleep.
  assert.ok(!changesAgainstBaseline('lockless', null, null).includes('+KERNEL_LOCK around tsleep'));
});

