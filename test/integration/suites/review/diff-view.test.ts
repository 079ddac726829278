/** Show Patched vs Unpatched: VS Code's diff editor on the two virtual documents of a file. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW, textOf, until } from '../api';

suite('diff view', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the diff view shows patched vs unpatched as virtual documents', async () => {
    await openPatch(SEED_REVIEW);
    // As the tree's inline action calls it: with the file's tree node.
    const { tree } = await api();
    const node = tree.getChildren().find((n) => n.kind === 'file' && n.review.path === 'sys/kern/kern_sched.c');
    const shown = await vscode.commands.executeCommand<boolean>('reaperscope.showDiff', node);
    assert.equal(shown, true);
    const tab = await until(() => vscode.window.tabGroups.activeTabGroup.activeTab, 'the diff tab');
    assert.ok(tab.input instanceof vscode.TabInputTextDiff);
    const input = tab.input;
    assert.equal(input.original.scheme, 'reaperscope-unpatched');
    assert.equal(input.modified.scheme, 'reaperscope-patched');
    const patched = await vscode.workspace.openTextDocument(input.modified);
    const unpatched = await vscode.workspace.openTextDocument(input.original);
    assert.match(patched.getText(), /"reaper%d", num\);/);
    assert.equal(unpatched.getText(), await textOf(fixture('sys/kern/kern_sched.c')));
    // Nothing was written.
    assert.doesNotMatch(await textOf(fixture('sys/kern/kern_sched.c')), /reaper%d/);
  });
});
