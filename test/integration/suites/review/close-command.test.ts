/** Close Patch: clears the review, and asks what to do with unsent comments. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, lineOf, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW, textOf } from '../api';

suite('close command', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('closePatch clears the tree, threads and problems', async () => {
    await openPatch(SEED_REVIEW);
    const { tree, comments } = await api();
    await vscode.commands.executeCommand('reaperscope.closePatch');
    assert.deepEqual(tree.getChildren(), []);
    assert.equal(comments.reviewer.length, 0);
    assert.equal(vscode.languages.getDiagnostics(fixture('sys/kern/kern_sched.c')).filter((d) => d.source === 'reaperscope').length, 0);
  });

  test('Close Patch with unsent comments: keep brings them back later, discard drops them', async () => {
    await openPatch('one-reaper-per-cpu.patch');
    const { comments, review } = await api();
    const uri = fixture('sys/kern/kern_sched.c');
    comments.addUserComment({ uri, line: lineOf(await textOf(uri), 'sched_toidle();') }, 'Keep me.');
    assert.equal(await vscode.commands.executeCommand('reaperscope.closePatch', 'keep'), 'kept');
    assert.equal(review.session, null);
    await openPatch('one-reaper-per-cpu.patch');
    assert.deepEqual(comments.userComments().map((c) => c.text), ['Keep me.']);
    assert.equal(await vscode.commands.executeCommand('reaperscope.closePatch', 'discard'), 'discarded');
    await openPatch('one-reaper-per-cpu.patch');
    assert.deepEqual(comments.userComments(), []);
    // Nothing unsent: closing does not ask.
    assert.equal(await vscode.commands.executeCommand('reaperscope.closePatch'), 'closed');
  });
});
