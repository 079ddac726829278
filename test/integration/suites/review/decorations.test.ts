/**
 * Gutter marks on the lines the open patch removes or changes, and the message on a line after
 * which the patch only adds lines: it is a hover on the whole line, so the mouse reaches it anywhere
 * on the line, not only the keyboard at its first column. Line facts come from
 * test/fixtures/workspace/README.md.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, hoverText, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW, until } from '../api';

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

  test('"adds N lines" is a hover on the whole line after which the patch only adds lines', async () => {
    const session = await vscode.commands.executeCommand('reaperscope.openPatch', fixture('patches/one-reaper-per-cpu.patch'));
    assert.ok(session, 'the seed patch did not open');
    const uri = fixture('sys/kern/kern_sched.c');
    const editor = await vscode.window.showTextDocument(uri);
    const { decorations } = await api();
    await until(() => decorations.applied.get(editor.document.uri.toString()), 'decorations');
    // Hunk 2 starts at line 73 with three context lines, then adds `char comm[_MAXCOMLEN];`:
    // after line 75, `\tstruct schedstate_percpu *spc = &ci->ci_schedstate;`, 1 line.
    const line75 = editor.document.lineAt(74).text;
    for (const column of [0, line75.indexOf('schedstate'), line75.length - 1]) {
      assert.match(await hoverText(uri, 75, column), /The patch adds 1 line after this line\./, `line 75, column ${column}`);
    }
    // Hunk 3 starts at line 85 with three context lines, then adds 5 (the reaper's kthread_create): after line 87.
    assert.match(await hoverText(uri, 87, 0), /The patch adds 5 lines after this line\./);
    // Line 76 (`static int num;`) is context: nothing is added after it.
    assert.doesNotMatch(await hoverText(uri, 76, 3), /The patch adds/);
  });
});
