/** The diff view's virtual documents: a patch file as it is now and as the patch leaves it, by patch path; nothing written. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PATCHED_SCHEME, reviewForVirtual, UNPATCHED_SCHEME, virtualUri } from '../../../../src/extension/review/virtual-documents';
import { api, fixture, noAutoSave, openPatch, resetWorkbench, textOf } from '../api';

/** Far above the number of diffs the suites open. */
const UNUSED_VERSION = 1_000_000;

suite('virtual documents', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('a virtual URI carries the patch path (for the language) and the version', () => {
    const uri = virtualUri(PATCHED_SCHEME, 'sys/kern/kern_sched.c', 3);
    assert.equal(uri.scheme, 'reaperscope-patched');
    assert.equal(uri.path, '/sys/kern/kern_sched.c');
    assert.equal(uri.query, 'v=3');
  });

  test('unpatched is the file now, patched the dry run\'s text; a path outside the patch is empty', async () => {
    const session = await openPatch('one-reaper-per-cpu.patch');
    const { review } = await api();
    const sched = session.files.find((f) => f.path === 'sys/kern/kern_sched.c');
    assert.ok(sched?.patchedText);
    // A version Show Diff has not used in this run (it counts from 1): VS Code keeps the documents
    // of earlier tests' diffs open under their URIs, with those sessions' texts.
    const unpatched = await vscode.workspace.openTextDocument(virtualUri(UNPATCHED_SCHEME, 'sys/kern/kern_sched.c', UNUSED_VERSION));
    const patched = await vscode.workspace.openTextDocument(virtualUri(PATCHED_SCHEME, 'sys/kern/kern_sched.c', UNUSED_VERSION));
    assert.equal(unpatched.getText(), await textOf(fixture('sys/kern/kern_sched.c')));
    assert.equal(patched.getText(), sched.patchedText);
    // The path ends in .c: the editor reads it as C.
    assert.equal(patched.languageId, 'c');
    assert.equal(reviewForVirtual(review, patched.uri), sched);
    const other = virtualUri(PATCHED_SCHEME, 'sys/kern/kern_fork.c', UNUSED_VERSION);
    assert.equal(reviewForVirtual(review, other), null);
    assert.equal((await vscode.workspace.openTextDocument(other)).getText(), '');
  });
});
