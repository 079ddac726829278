/** Applying a patch: only after a dry run, as one undoable edit, all or nothing; nothing saved. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FilePatch } from '../../../../src/core/patch/model';
import type { ReviewSession } from '../../../../src/extension/review/review-session';
import { fixture, lineOf, noAutoSave, openPatch, resetWorkbench, textOf, until } from '../api';

/**
 * The current-file lines [start, end) (0-based) of each change block of a file's hunks (a run
 * of removed and added lines between context lines), where the dry run placed the hunks.
 */
function changeBlocks(file: FilePatch, starts: readonly (number | null)[]): [number, number][] {
  const blocks: [number, number][] = [];
  file.hunks.forEach((hunk, h) => {
    let line = (starts[h] ?? 1) - 1;
    let block: [number, number] | null = null;
    for (const l of hunk.lines) {
      if (l.kind === 'context') block = null;
      else if (!block) blocks.push((block = [line, line]));
      if (l.kind !== 'add') line++;
      if (block && l.kind === 'remove') block[1] = line;
    }
  });
  return blocks;
}

suite('apply command', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('applies all four files as one edit, unsaved, and the files revert', async () => {
    await openPatch('one-reaper-per-cpu.patch');
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

  test('edits only the changed lines: selections above and below the hunks stay on their text; undo restores the file exactly', async () => {
    const session = await openPatch('one-reaper-per-cpu.patch');
    const uri = fixture('sys/kern/kern_sched.c');
    const review = session.files.find((f) => f.path === 'sys/kern/kern_sched.c');
    const patched = review?.patchedText;
    assert.ok(review && patched);
    const editor = await vscode.window.showTextDocument(uri);
    const before = editor.document.getText();
    // The first hunk starts at line 32 and the last ends at line 198 (test/fixtures/workspace/README.md).
    const above = lineOf(before, '#include <sys/systm.h>') - 1;
    const below = lineOf(before, 'sched_peg_curproc(struct cpu_info *ci)') - 1;
    assert.ok(above < 31 && below > 198, `${above} ${below}`);
    editor.selections = [new vscode.Selection(above, 1, above, 9), new vscode.Selection(below, 18, below, 18)];
    const changes: vscode.TextDocumentContentChangeEvent[] = [];
    const listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === editor.document) changes.push(...e.contentChanges);
    });
    try {
      assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'applied');
    } finally {
      listener.dispose();
    }
    assert.equal(editor.document.getText(), patched);
    // VS Code (1.139) narrows every edit to the characters that differ, even a whole-text
    // replace, so the selection checks below hold either way. What tells the two apart: each
    // change must stay inside one change block of the patch (its removed lines, or the point
    // where it inserts), never on a context line or a line no hunk touches. Replacing the whole
    // text failed this (an insertion at the end of a context line, 192:30).
    const blocks = changeBlocks(review.file, review.placements.map((p) => p.startLine));
    assert.equal(blocks.length, 11);
    for (const c of changes) {
      const inside = blocks.some(([s, e]) => c.range.start.isAfterOrEqual(new vscode.Position(s, 0)) && c.range.end.isBeforeOrEqual(new vscode.Position(e, 0)));
      assert.ok(inside, `change at ${c.range.start.line}:${c.range.start.character}-${c.range.end.line}:${c.range.end.character} is outside the patch's change blocks`);
    }
    // +28 −15 lines above `below`: its cursor moves down 13 lines and keeps its column.
    const moved = below + patched.split('\n').length - before.split('\n').length;
    assert.equal(moved, below + 13);
    assert.deepEqual(editor.selections.map((x) => [x.anchor.line, x.anchor.character, x.active.line, x.active.character]), [[above, 1, above, 9], [moved, 18, moved, 18]]);
    assert.equal(editor.document.lineAt(moved).text, 'sched_peg_curproc(struct cpu_info *ci)');
    await vscode.window.showTextDocument(editor.document);
    // A multi-file edit asks whether to undo in every file; "this file" is enough to check it undoes.
    // The undo command's promise can wait on the multi-file question: poll the text instead (slow on a loaded machine).
    void vscode.commands.executeCommand('undo');
    await until(() => editor.document.getText() === before, 'one undo to restore the text', 20_000).catch(() => undefined);
    assert.equal(editor.document.getText(), before, 'one undo restores the text exactly');
  });

  test('a patch with a hunk that does not apply changes nothing', async () => {
    await openPatch('stale-sched.diff');
    const outcome = await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false });
    assert.equal(outcome, 'refused');
    assert.ok(vscode.workspace.textDocuments.every((d) => !d.isDirty));
  });

  test('a patch that lost its white space is not applied', async () => {
    await openPatch('one-reaper-per-cpu.marc.txt');
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'refused');
    assert.ok(vscode.workspace.textDocuments.every((d) => !d.isDirty));
  });

  test('a patch that creates a file creates it next to the tree it patches, in the same edit', async () => {
    await openPatch('new-file.diff');
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

  test('a patch that copies a file creates the copy with the change, and leaves the original as it is', async () => {
    // `git diff -C --find-copies-harder` of sys/sys/proc.h copied to proc_reaper.h with one prototype added.
    await openPatch('copy-file.diff');
    const original = fixture('sys/sys/proc.h');
    const copy = fixture('sys/sys/proc_reaper.h');
    const before = await textOf(original);
    try {
      assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'applied');
      const copied = (await vscode.workspace.openTextDocument(copy)).getText();
      assert.equal(copied, before.replace('void\treaper(void *);\n', 'void\treaper(void *);\nvoid\treaper_percpu(void *);\n'));
      assert.equal((await vscode.workspace.openTextDocument(original)).getText(), before, 'the original is not touched');
    } finally {
      await vscode.workspace.fs.delete(copy).then(undefined, () => undefined);
    }
  });
});
