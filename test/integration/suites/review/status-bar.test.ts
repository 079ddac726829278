/** The patch's status bar item: hunks that apply, files at another version, or already applied; a dry run on click. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { statusText } from '../../../../src/extension/review/status-bar';
import { api, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW, until } from '../api';

suite('status bar', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the seed review: 12/12 hunks apply, 4 files differ from the base; a click runs the dry run', async () => {
    const session = await openPatch(SEED_REVIEW);
    // 2 + 3 + 6 + 1 hunks in the four files (GIT_APPLY_STARTS), every blob id another than the workspace's.
    assert.equal(statusText(session), '12/12 hunks apply · 4 file(s) differ from the patch\'s base');
    const { status } = await api();
    assert.equal(status.item.text, '$(git-pull-request) 12/12 hunks apply · 4 file(s) differ from the patch\'s base');
    assert.equal(status.item.command, 'reaperscope.dryRun');
    assert.equal(status.item.backgroundColor, undefined);
  });

  test('a stale patch: its failed hunk is not counted and the item warns', async () => {
    // stale-sched.diff: two hunks of kern_sched.c, the second (@@ -200,7) does not apply; made-up blob ids.
    const session = await openPatch('stale-sched.diff');
    assert.equal(statusText(session), '1/2 hunks apply · 1 file(s) differ from the patch\'s base');
    const { status } = await api();
    assert.match(status.item.text, /^\$\(warning\) 1\/2 hunks apply/);
    assert.ok(status.item.backgroundColor instanceof vscode.ThemeColor);
  });

  test('after Apply: already applied, with a check', async () => {
    await openPatch('one-reaper-per-cpu.patch');
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'applied');
    const { status } = await api();
    await until(() => status.item.text === '$(check) already applied (12 hunks in 4 file(s))', `the status bar (${status.item.text})`);
  });
});
