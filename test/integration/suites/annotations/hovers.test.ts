/**
 * Hovers on lock and scheduler sites of the workspace's kern_exit.c: the lock a call takes, and
 * after a simulation the model's step at the line per variant and the figures of that site.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../../src/core/analysis/activity-view-model';
import { fixture, hoverText, lineOf, noAutoSave, resetWorkbench, smallSimulation, textOf } from '../api';

/** The hover at the first character of `call` on the first line holding `needle` in kern_exit.c. */
async function hoverAt(needle: string, call: string, offset = 1): Promise<string> {
  const uri = fixture('sys/kern/kern_exit.c');
  const text = await textOf(uri);
  const line = lineOf(text, needle);
  return hoverText(uri, line, text.split('\n')[line - 1]!.indexOf(call) + offset);
}

suite('hovers', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('hover on mtx_enter names the lock', async () => {
    await vscode.commands.executeCommand('reaperscope.clearAnalysis');
    const markdown = await hoverAt('mtx_enter(&deadproc_mutex)', 'mtx_enter', 2);
    assert.match(markdown, /\*\*mtx_enter\*\* — mutex `deadproc_mutex`/);
    assert.doesNotMatch(markdown, /Simulated/, 'no simulation loaded: no figures');
  });

  test('after a simulation: the model\'s step at the line per variant, and the figures of that site only', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', smallSimulation);
    assert.ok(view);
    const markdown = await hoverAt('mtx_enter(&deadproc_mutex)', 'mtx_enter');
    assert.match(markdown, /Exit-path model at this line:/);
    assert.match(markdown, /- baseline: takes deadproc_mutex/);
    assert.match(markdown, /- patched: removed by the patch/);
    assert.match(markdown, /Simulated wait on deadproc_mutex \(all its sites\), mean over the seeds \[95 % CI\] \(.*\): baseline .* · patched removed by the patch/);
    // On wakeup(&deadproc): the cross-CPU wakeups of a reaper (and sched_lock, which wakeup takes), not deadproc_mutex's wait.
    const wakeup = await hoverAt('wakeup(&deadproc);', 'wakeup');
    assert.match(wakeup, /Simulated cross-CPU wakeups of a reaper, mean over the seeds \[95 % CI\] \(.*\): baseline [\d,.]+/);
    assert.doesNotMatch(wakeup, /wait on deadproc_mutex/);
  });
});
