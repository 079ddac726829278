/** The models derived from the workspace tree: what the panel's simulation runs, and the simulated times they bring back to the lines. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../../src/core/analysis/activity-view-model';
import { api, fixture, hintText, noAutoSave, openSeedWithModels, resetWorkbench, setModelSteps, smallSimulation, stepHints, until } from '../api';

suite('derived models', () => {
  suiteSetup(noAutoSave);
  teardown(async () => {
    await setModelSteps(false);
    await resetWorkbench();
  });

  test('the panel simulates the models derived from the workspace (source code), and the built-in ones with a note when no patch is open', async () => {
    await setModelSteps(true);
    await openSeedWithModels();
    const derived = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', smallSimulation);
    assert.ok(derived);
    assert.match(derived.notes[0] ?? '', /^Models: derived from the workspace's C source \(.*sys\/kern\/kern_exit\.c.*\): baseline and patched\.$/);
    // The simulation's time per line reaches the hints: deadproc_mutex is taken in every reap of baseline.
    const uri = fixture('sys/kern/kern_exit.c');
    await until(async () => /simulated/.test(hintText((await stepHints(uri)).get(160))), 'simulated times on the hints');
    assert.match(hintText((await stepHints(uri)).get(160)), /^baseline: lock deadproc_mutex \(0\.03 µs; simulated [\d.]+ µs/);

    (await api()).review.set(null);
    await (await api()).models.ready();
    const builtIn = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', smallSimulation);
    assert.ok(builtIn);
    assert.equal(builtIn.notes[0], 'Models: built-in (no patch is open).');
  });
});
