/** Reveal Hunk: the workspace file at the line where a hunk applies now. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixture, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW } from '../api';

suite('reveal hunk', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('revealHunk opens the workspace file at the line where the hunk applies now', async () => {
    await openPatch(SEED_REVIEW);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | null>('reaperscope.revealHunk', 'sys/kern/kern_sched.c', 4);
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), fixture('sys/kern/kern_sched.c').toString());
    // Hunk 5 (@@ -230,14) applies at line 159 (offset -71).
    assert.equal(editor.selection.active.line + 1, 159);
  });
});
