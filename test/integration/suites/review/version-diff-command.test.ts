/** Compare Versions of a Series: two versions of a thread side by side in the diff editor, patch facing patch. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixture, resetWorkbench, THREAD_MBOX, until } from '../api';

suite('version diff command', () => {
  teardown(resetWorkbench);

  test('the thread fixture\'s v1 and v2 face each other, 1/2 against 1/3', async () => {
    assert.equal(await vscode.commands.executeCommand('reaperscope.compareVersions', fixture(THREAD_MBOX)), true);
    const tab = await until(() => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    }, 'the diff tab');
    assert.equal(tab.label, 'reaper-count.mbox: v1 ↔ v2');
    const input = tab.input as vscode.TabInputTextDiff;
    const older = (await vscode.workspace.openTextDocument(input.original)).getText();
    const newer = (await vscode.workspace.openTextDocument(input.modified)).getText();
    // v1 was a series of 2, v2 of 3 (its 3/3 never sent); the one line v2 changed in 1/x is on each side.
    assert.match(older, /^# 1\/2 /m);
    assert.match(newer, /^# 1\/3 /m);
    assert.ok(older.includes('+\tsched_fixture_flags |= 1;'));
    assert.ok(newer.includes('+\tatomic_setbits_int(&sched_fixture_flags, 1);'));
    assert.ok(!newer.includes('sched_fixture_flags |= 1'));
  });

  test('a file with one version has nothing to compare', async () => {
    assert.equal(await vscode.commands.executeCommand('reaperscope.compareVersions', fixture('patches/one-reaper-per-cpu.patch')), false);
    assert.ok(!(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff));
  });
});
