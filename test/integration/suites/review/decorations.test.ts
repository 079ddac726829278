/** Gutter marks on the lines the open patch removes or changes. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW, until } from '../api';

suite('decorations', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('decorations mark every line the patch removes or changes in kern_exit.c', async () => {
    await openPatch(SEED_REVIEW);
    const { decorations } = await api();
    const editor = await vscode.window.showTextDocument(fixture('sys/kern/kern_exit.c'));
    const counts = await until(() => decorations.applied.get(editor.document.uri.toString()), 'decorations');
    // kern_exit.c: 43 lines removed (the mail's diffstat); the exit2() block goes with nothing in its place.
    assert.equal(counts.removed + counts.changed, 43);
    assert.ok(counts.removed >= 32);
  });
});
