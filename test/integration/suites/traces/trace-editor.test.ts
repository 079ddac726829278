/** The read-only trace custom editor: a panel inside the editor for the trace. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, noAutoSave, resetWorkbench, until } from '../api';

suite('trace editor', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the trace custom editor opens a panel for the trace and says ready', async () => {
    const uri = fixture('traces/btrace-baseline.txt');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'reaperscope.traceText');
    const { panels } = await api();
    const panel = await until(() => panels.traceEditors.panels.get(uri.toString()), 'the trace editor panel');
    await until(() => panel.isReady, 'the trace editor webview to say ready', 20_000);
    assert.match(panel.panel.title, /btrace-baseline\.txt/);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom);
    assert.equal(tab.input.viewType, 'reaperscope.traceText');
  });
});
