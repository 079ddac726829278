/**
 * "Compare Trace with Simulation": a trace and baseline and patched simulated on the trace's
 * machine (its CPU count, its span) in one panel view, read and simulated in the worker.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../src/core/analysis/activity-view-model';
import { api, fixture, noAutoSave, resetWorkbench, until } from './api';

// The workspace's btrace sample: 2 CPUs, events from 500 ns to 60 µs, no BEGIN/END lines.
const TRACE = 'traces/btrace-baseline.txt';
const SPAN_NS = 59_500;

suite('trace vs simulation', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the trace and baseline and patched on its 2 CPUs for its span, in one panel view', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.compareTraceWithSimulation', fixture(TRACE));
    assert.ok(view, 'the command produced no view');
    assert.deepEqual(view.runs.map((r) => [r.label, r.origin]), [['btrace-baseline.txt', 'traced'], ['baseline', 'simulated'], ['patched', 'simulated']]);
    assert.deepEqual(view.runs.map((r) => r.cpus), [2, 2, 2], "the trace's CPU count");
    assert.deepEqual(view.runs.map((r) => r.spanNs), [SPAN_NS, SPAN_NS, SPAN_NS], "the trace's span");
    // Shared bins: the same number of bins per run, and one metrics table with a column per run.
    assert.equal(new Set(view.runs.map((r) => r.backlog.length)).size, 1);
    assert.ok(view.metrics.length > 0 && view.metrics.every((m) => m.values.length === 3));
    assert.ok(view.notes.some((n) => /Simulated baseline and patched on the trace's 2 CPU\(s\) for 59\.5 µs \(kernel-build, seed 1\)/.test(n)), view.notes.join('\n'));
    const { panels } = await api();
    const panel = panels.panel();
    assert.ok(panel);
    assert.equal(panel.panel.title, 'Reaper activity: btrace-baseline.txt vs simulation');
    await until(() => panel.isReady, 'the panel to say ready', 20_000);
    assert.equal(panels.work.kind, 'worker');
  });

  test('without an argument it takes the trace open in the trace editor, and the workload setting', async () => {
    const config = vscode.workspace.getConfiguration('reaperscope');
    await config.update('simulation.workload', 'thread-churn', vscode.ConfigurationTarget.Global);
    try {
      const uri = fixture(TRACE);
      await vscode.commands.executeCommand('vscode.openWith', uri, 'reaperscope.traceText');
      await until(() => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom && input.uri.toString() === uri.toString();
      }, 'the trace editor tab');
      const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.compareTraceWithSimulation');
      assert.ok(view);
      assert.equal(view.runs[0]?.label, 'btrace-baseline.txt');
      assert.deepEqual(view.runs.map((r) => r.origin), ['traced', 'simulated', 'simulated']);
      assert.ok(view.notes.some((n) => n.includes('(thread-churn, seed 1)')), view.notes.join('\n'));
    } finally {
      await config.update('simulation.workload', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
