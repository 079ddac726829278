/** The reaperscope.* settings as the simulation reads them. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../../src/core/analysis/activity-view-model';
import { noAutoSave, resetWorkbench, smallSimulation } from '../api';

suite('settings', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('cost and duration settings reach the simulation', async () => {
    const config = vscode.workspace.getConfiguration('reaperscope');
    const p50 = (view: ActivityView | null): number => view!.metrics.find((m) => m.key === 'exitToReapNs.p50')!.values[0]!;
    const base = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', { ...smallSimulation, variants: ['baseline'] });
    await config.update('costs', { uvmExit: 5_000_000 }, vscode.ConfigurationTarget.Global);
    await config.update('simulation.durationMs', 400, vscode.ConfigurationTarget.Global);
    try {
      const slow = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', { ...smallSimulation, variants: ['baseline'] });
      // A 5 ms uvm_exit instead of 50 µs: the reaper takes longer to get to each dead thread.
      assert.ok(p50(slow) > p50(base), `p50 ${p50(slow)} ns with 5 ms uvm_exit, ${p50(base)} ns by default`);
      assert.equal(slow!.runs[0]!.spanNs, 400_000_000);
    } finally {
      await config.update('costs', undefined, vscode.ConfigurationTarget.Global);
      await config.update('simulation.durationMs', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
