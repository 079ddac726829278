/**
 * A reviewer's proposal as a suggested change: previewed without writing, applied only when asked.
 * The thread fixture and its line facts: THREAD_MBOX in ../api.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReviewNote } from '../../../../src/extension/review/review-comments';
import { api, chooseVersion, fixture, noAutoSave, openThread, resetWorkbench, textOf, until } from '../api';

suite('suggested change', function () {
  // Each test opens the thread and runs dry runs in the real workbench: slow on a loaded machine.
  this.timeout(180_000);
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the proposal is previewed applied to the patched file, and made in the file only when asked (undoable)', async () => {
    await openThread();
    await chooseVersion(0);
    const { comments, proposals } = await api();
    const thread = comments.reviewer.find((t) => t.comments.length === 2)!;
    const note = thread.comments[0]! as ReviewNote;
    assert.equal(note.contextValue, 'reviewer-proposal');
    const uri = fixture('sys/kern/kern_sched.c');
    const before = await textOf(uri);
    const shown = await proposals.preview((await api()).review, note);
    assert.ok(shown);
    assert.equal(shown.change.base, 'patched');
    assert.ok(shown.change.before.includes('\tsched_fixture_flags |= 1;\n'));
    assert.ok(shown.change.after.includes('\tatomic_inc_int(&sched_fixture_ncpu);\n\tatomic_setbits_int(&sched_fixture_flags, 1);\n}'));
    assert.equal((await vscode.workspace.openTextDocument(uri)).getText(), before, 'the preview writes nothing');
    // On the unpatched file the suggestion cannot be made; after Apply Patch it can, and Undo takes it back.
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyProposal', note), false);
    const editor = await vscode.window.showTextDocument(uri);
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'applied');
    await until(async () => (await api()).review.session?.files[0]?.applied, 'the dry run after Apply');
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyProposal', note), true);
    assert.ok(editor.document.getText().includes('\tatomic_setbits_int(&sched_fixture_flags, 1);\n}'));
    await vscode.commands.executeCommand('undo');
    assert.ok(editor.document.getText().includes('\tsched_fixture_flags |= 1;\n}'));
  });
});
