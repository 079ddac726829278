import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionChanges, functionFigures, functionTrace } from '../../../../src/core/annotations/function-numbers';
import { cFinder, workspaceText } from '../../seed';
import { btrace, EXIT, linux, sim } from './annotation-figures';

test('what each variant changes in a function against the baseline, in a kernel developer\'s words', () => {
  assert.equal(functionChanges(EXIT, 'exit2'), 'exit2 in the model vs baseline: patched removed by the patch · lockless removed by the patch');
  assert.equal(functionChanges(EXIT, 'reaper'), 'reaper in the model vs baseline: patched −deadproc_mutex, +KERNEL_LOCK around tsleep, +reaper pegged to its CPU · lockless −deadproc_mutex, +reaper pegged to its CPU');
  assert.equal(functionChanges(EXIT, 'proc_free'), null);
  // DESIGN.md: after the patch sched_exit wakes its CPU's reaper with wakeup_one; exit1 is the same in every variant.
  assert.equal(functionChanges('sys/kern/kern_sched.c', 'sched_exit'), 'sched_exit in the model vs baseline: patched +wakeup_one(spc_deadproc) · lockless +wakeup_one(spc_deadproc)');
  assert.equal(functionChanges(EXIT, 'exit1'), 'exit1 in the model vs baseline: patched unchanged · lockless unchanged');
});

test('the CodeLens figures of exit2 say "removed by the patch" for the variants that delete it', async () => {
  const figures = functionFigures(EXIT, 'exit2', sim);
  assert.ok(figures.includes('sim wait on deadproc_mutex (all its sites): baseline 12.3 µs [11.0 µs – 13.6 µs] · patched removed by the patch'), figures.join('\n'));
  assert.equal(functionTrace(EXIT, 'reaper', linux), null, 'no counts from a Linux trace');
  // reaper() sleeps (a trace's reaper sleeps map there); it wakes only the parent, which no trace count maps to.
  assert.equal(functionTrace(EXIT, 'reaper', btrace), 'trace (kbuild.btrace): 120 reaper sleeps');
  assert.equal(functionTrace(EXIT, 'exit2', btrace), 'trace (kbuild.btrace): 95 cross-CPU wakeups of a reaper');
  // The workspace's exit2 exists and reaper() is found by tree-sitter: the spans the extension uses.
  const spans = (await cFinder()).functionSpans(workspaceText(EXIT));
  assert.ok(spans.some((s) => s.name === 'exit2') && spans.some((s) => s.name === 'reaper'));
});

test('without a simulation there are no figures; a function without model steps has no trace line', () => {
  assert.deepEqual(functionFigures(EXIT, 'exit2', null), []);
  assert.deepEqual(functionFigures(EXIT, 'proc_free', sim), []);
  assert.equal(functionTrace(EXIT, 'proc_free', btrace), null);
  assert.equal(functionTrace(EXIT, 'exit2', null), null);
  // A view without the metric row of a figure leaves that figure out.
  assert.deepEqual(functionFigures(EXIT, 'exit2', { ...sim, metrics: [] }), []);
});
