/**
 * The indentation of C files opened from a review: the tree's .editorconfig, else KNF tabs of 8.
 * The thread fixture and its line facts: THREAD_MBOX in ../api.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, noAutoSave, openThread, resetWorkbench, until } from '../api';

suite('editorconfig indent', function () {
  // Each test opens the thread and runs dry runs in the real workbench: slow on a loaded machine.
  this.timeout(180_000);
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('C files opened from a review take the tree\'s .editorconfig, else tabs of 8', async () => {
    await openThread();
    const { decorations } = await api();
    const top = fixture('.editorconfig');
    const kern = fixture('sys/kern/.editorconfig');
    const write = (uri: vscode.Uri, text: string): Thenable<void> => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      let editor = await vscode.window.showTextDocument(fixture('sys/kern/kern_sched.c'));
      await until(async () => { await decorations.indentation; return editor.options.tabSize === 8; }, 'KNF tabs of 8');
      assert.equal(editor.options.insertSpaces, false);
      await write(top, 'root = true\n\n[*.h]\nindent_style = space\nindent_size = 4\n');
      await write(kern, '[*.c]\ntab_width = 4\n');
      decorations.refresh();
      editor = await vscode.window.showTextDocument(fixture('sys/sys/proc.h'));
      // [*.h]: spaces, 4 columns (tab_width defaults to indent_size).
      await until(async () => { decorations.refresh(); await decorations.indentation; return editor.options.tabSize === 4 && editor.options.insertSpaces === true; }, 'proc.h from .editorconfig');
      editor = await vscode.window.showTextDocument(fixture('sys/kern/kern_sched.c'));
      // sys/kern/.editorconfig (not root) adds tab_width 4 for C; the top one says nothing about *.c: tabs.
      await until(async () => { decorations.refresh(); await decorations.indentation; return editor.options.tabSize === 4 && editor.options.insertSpaces === false; }, 'kern_sched.c from sys/kern/.editorconfig');
    } finally {
      await vscode.workspace.fs.delete(top).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(kern).then(undefined, () => undefined);
    }
  });
});
