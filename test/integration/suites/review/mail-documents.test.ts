/**
 * The thread's mails as read-only documents.
 * The thread fixture and its line facts: THREAD_MBOX in ../api.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, noAutoSave, openThread, resetWorkbench } from '../api';

suite('mail documents', function () {
  // Each test opens the thread and runs dry runs in the real workbench: slow on a loaded machine.
  this.timeout(180_000);
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('a remark opens the mail it was made in, as a read-only document', async () => {
    await openThread();
    const { tree } = await api();
    const cover = tree.getChildren(tree.getChildren(tree.getChildren()[0])[1])[0]!;
    const remark = tree.getChildren(cover)[0]!;
    const command = tree.getTreeItem(remark).command!;
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(command.command, ...command.arguments!);
    assert.equal(doc.uri.scheme, 'reaperscope-mail');
    assert.match(doc.getText(), /^From: Bob Reviewer <bob@example.org>\n/);
    assert.match(doc.getText(), /Where is 3\/3\?/);
  });
});
