/**
 * The host side of a "Reaper activity" panel, on a panel of its own with recording actions: the
 * webview's `ready` before anything else, every message from it validated (malformed ones dropped
 * and counted), and the valid ones handed to the actions.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../../src/core/analysis/activity-view-model';
import type { SimulationControls } from '../../../../src/protocol/messages';
import { ActivityPanel, PANEL_VIEW_TYPE, type PanelActions } from '../../../../src/extension/activity/activity-panel';
import { extensionId, fixture, resetWorkbench, until } from '../api';

/** The actions a panel asks for, recorded instead of run. */
function recordingActions(): PanelActions & { runs: SimulationControls[]; cancels: number } {
  const actions = {
    runs: [] as SimulationControls[], cancels: 0,
    runSimulation: async (controls: SimulationControls, panel: ActivityPanel) => {
      assert.ok(panel instanceof ActivityPanel);
      actions.runs.push(controls);
    },
    cancel: () => { actions.cancels++; },
  };
  return actions;
}

suite('activity panel', () => {
  let panel: ActivityPanel;
  let actions: ReturnType<typeof recordingActions>;
  // One panel for the file: its webview loads once, and each test reads what it recorded.
  suiteSetup(async function () {
    // The webview's first load takes long on a loaded machine.
    this.timeout(120_000);
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    actions = recordingActions();
    panel = ActivityPanel.create(extension.extensionUri, actions, 'Reaper activity: test');
    await until(() => panel.isReady, 'the webview to say ready', 100_000);
  });
  suiteTeardown(async () => {
    panel.dispose();
    await resetWorkbench();
  });

  test('the webview says ready first; its page is the panel view type with the extension icon', async () => {
    assert.equal(panel.received[0]?.type, 'ready');
    assert.deepEqual(panel.rejected, []);
    assert.equal(panel.panel.viewType, PANEL_VIEW_TYPE);
    assert.match(panel.panel.webview.html, /<div id="reaperscope-root"><\/div>/);
    await panel.whenReady();
  });

  test('malformed messages are dropped and recorded; none reaches the actions', () => {
    const controls = { variants: ['baseline', 'patched'], workload: 'poisson', cpus: 2, seeds: 1 };
    const rejected = panel.rejected.length;
    const received = panel.received.length;
    // 100,000 CPUs is over the limit of 256 (core/sim/limits.ts); a type nobody sends; a bare string.
    panel.handle({ type: 'run-simulation', controls: { ...controls, cpus: 100_000 } });
    panel.handle({ type: 'no-such-message' });
    panel.handle('ready');
    assert.equal(panel.rejected.length, rejected + 3);
    assert.equal(panel.received.length, received);
    assert.deepEqual(actions.runs, []);
  });

  test('a valid run-simulation runs the actions with its controls, and cancel cancels', async () => {
    const controls = { variants: ['lockless'], workload: 'thread-churn', cpus: 3, seeds: 2 };
    panel.handle({ type: 'run-simulation', controls });
    panel.handle({ type: 'cancel' });
    await until(() => actions.runs.length === 1, 'the run-simulation action');
    assert.deepEqual(actions.runs, [controls]);
    assert.equal(actions.cancels, 1);
    assert.deepEqual(panel.received.slice(-2).map((m) => m.type), ['run-simulation', 'cancel']);
  });

  test('show titles the panel after the view; an error is kept as the last error', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.openTrace', fixture('traces/btrace-baseline.txt'));
    assert.ok(view);
    panel.show(view, null);
    assert.equal(panel.panel.title, 'Reaper activity: btrace-baseline.txt');
    panel.error('Simulation failed: no CPUs');
    assert.equal(panel.lastError, 'Simulation failed: no CPUs');
  });

  test('disposing the panel fires onDidDispose once', () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const other = ActivityPanel.create(extension.extensionUri, recordingActions());
    let fired = 0;
    other.onDidDispose(() => fired++);
    other.dispose();
    assert.equal(fired, 1);
  });
});
