/** Applying a patch: only after a dry run, as one undoable edit, all or nothing; nothing saved. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReviewSession } from '../../../src/extension/review-session';
import { fixture, noAutoSave, resetWorkbench, textOf } from './api';

async function open(name: string): Promise<ReviewSession> {
  const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', fixture(`patches/${name}`));
  assert.ok(session);
  return session;
}

suite('apply', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('dryRun reports without changing anything', async () => {
    await open('one-reaper-per-cpu.patch');
    const before = await textOf(fixture('sys/kern/kern_sched.c'));
    const session = await vscode.commands.executeCommand<ReviewSession>('reaperscope.dryRun');
    assert.equal(session.files.reduce((n, f) => n + f.failures.length, 0), 0);
    assert.equal(await textOf(fixture('sys/kern/kern_sched.c')), before);
    assert.ok(vscode.workspace.textDocuments.every((d) => !d.isDirty));
  });

  test('applies all four files as one edit, unsaved, and the files revert', async () => {
    await open('one-reaper-per-cpu.patch');
    const onDisk = await textOf(fixture('sys/kern/kern_sched.c'));
    const outcome = await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false });
    assert.equal(outcome, 'applied');
    const paths = ['sys/kern/init_main.c', 'sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/sys/proc.h'];
    const docs = await Promise.all(paths.map((p) => vscode.workspace.openTextDocument(fixture(p))));
    assert.ok(docs.every((d) => d.isDirty), 'every file is changed and none saved');
    assert.match(docs[2]!.getText(), /"reaper%d", num\);/);
    assert.doesNotMatch(docs[1]!.getText(), /^exit2\(struct proc \*p\)/m);
    assert.doesNotMatch(docs[3]!.getText(), /void\texit2\(struct proc \*\);/);
    assert.equal(await textOf(fixture('sys/kern/kern_sched.c')), onDisk, 'the file on disk is untouched');
    // The session now sees the patch as already applied.
    const again = await vscode.commands.executeCommand<ReviewSession>('reaperscope.dryRun');
    assert.ok(again.files.every((f) => f.failures.every((x) => x.message.startsWith('already applied'))));
  });

  test('undo reverts an applied patch', async () => {
    await open('one-reaper-per-cpu.patch');
    const uri = fixture('sys/kern/kern_sched.c');
    const editor = await vscode.window.showTextDocument(uri);
    const before = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'applied');
    assert.notEqual(editor.document.getText(), before);
    await vscode.window.showTextDocument(editor.document);
    // A multi-file edit asks whether to undo in every file; "this file" is enough to check it undoes.
    const undone = vscode.commands.executeCommand('undo');
    await Promise.race([undone, new Promise((r) => setTimeout(r, 2000))]);
    assert.equal(editor.document.getText(), before);
  });

  test('a patch with a hunk that does not apply changes nothing', async () => {
    await open('stale-sched.diff');
    const outcome = await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false });
    assert.equal(outcome, 'refused');
    assert.ok(vscode.workspace.textDocuments.every((d) => !d.isDirty));
  });

  test('a patch that lost its white space is not applied', async () => {
    await open('one-reaper-per-cpu.marc.txt');
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'refused');
    assert.ok(vscode.workspace.textDocuments.every((d) => !d.isDirty));
  });

  test('a patch that creates a file creates it next to the tree it patches, in the same edit', async () => {
    await open('new-file.diff');
    const created = fixture('sys/kern/kern_reaper.c');
    try {
      assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'applied');
      const doc = await vscode.workspace.openTextDocument(created);
      assert.equal(doc.getText(), '/*\t$Reaperscope: kern_reaper.c fixture $\t*/\n\nint\treaper_fixture_count;\n');
      const proc = await vscode.workspace.openTextDocument(fixture('sys/sys/proc.h'));
      assert.match(proc.getText(), /void\treaper\(void \*\);\nvoid\treaper_fixture\(void\);\n/);
    } finally {
      await vscode.workspace.fs.delete(created).then(undefined, () => undefined);
    }
  });
});
