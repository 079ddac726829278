/** The simulation and the trace loaded last: kept until replaced or cleared, each change announced once. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../../src/core/analysis/activity-view-model';
import { AnalysisStore } from '../../../../src/extension/activity/analysis-store';
import { api, fixture, resetWorkbench } from '../api';

suite('analysis store', () => {
  teardown(resetWorkbench);

  test('a simulation and a trace are kept side by side; each set fires one change', async () => {
    // A real view: the btrace sample read by the extension.
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.openTrace', fixture('traces/btrace-baseline.txt'));
    assert.ok(view);
    const store = new AnalysisStore();
    let changes = 0;
    store.onDidChange(() => changes++);
    assert.deepEqual([store.simulation, store.trace], [null, null], 'nothing loaded at first');
    store.setSimulation(view);
    const counts = (await api()).analysis.trace?.counts;
    assert.ok(counts);
    store.setTrace({ counts, view });
    assert.equal(changes, 2);
    assert.equal(store.simulation, view);
    assert.equal(store.trace?.counts, counts);
    store.setSimulation(null);
    assert.deepEqual([store.simulation, store.trace?.view], [null, view], 'clearing the simulation keeps the trace');
    assert.equal(changes, 3);
    store.dispose();
  });
});
