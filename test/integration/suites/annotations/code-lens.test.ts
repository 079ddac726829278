/**
 * CodeLenses above the functions the open patch touches: lines added and removed and hunks, and
 * with a simulation loaded what the patch changes in the function's model and its sites' figures.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../../src/core/analysis/activity-view-model';
import { fixture, lensesWhen, lineOf, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW, smallSimulation, textOf } from '../api';

suite('code lens', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('CodeLens above each touched function of kern_sched.c', async () => {
    await openPatch(SEED_REVIEW);
    const uri = fixture('sys/kern/kern_sched.c');
    const lenses = await lensesWhen(uri, (l) => l.command?.command === 'reaperscope.revealHunk', 'CodeLenses');
    const titles = lenses.filter((l) => l.command?.command === 'reaperscope.revealHunk').map((l) => l.command!.title);
    assert.ok(titles.includes('sched_kthreads_create: +6 −0 in 2 hunks'), titles.join('; '));
    assert.ok(titles.includes('sched_idle: +0 −7 in 1 hunk'), titles.join('; '));
    const text = await textOf(uri);
    const idle = lenses.find((l) => l.command?.title.startsWith('sched_idle'))!;
    assert.equal(idle.range.start.line + 1, lineOf(text, 'sched_idle(void *v)') - 1);
  });

  test('after a simulation: what the patch changes in reaper()\'s model, and the figures of its sites', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', smallSimulation);
    assert.ok(view);
    await openPatch('one-reaper-per-cpu.patch');
    const uri = fixture('sys/kern/kern_exit.c');
    const text = await textOf(uri);
    const lenses = await lensesWhen(uri, (l) => l.command?.title.startsWith('sim ') ?? false, 'simulation CodeLenses');
    const reaper = lenses.filter((l) => l.range.start.line + 1 === lineOf(text, 'reaper(void *arg)') - 1).map((l) => l.command!.title);
    assert.ok(reaper.some((t) => /^reaper in the model vs baseline: patched .*−deadproc_mutex/.test(t)), reaper.join('; '));
    assert.ok(reaper.some((t) => /^sim wait on deadproc_mutex \(all its sites\): baseline .* · patched removed by the patch$/.test(t)), reaper.join('; '));
  });
});
