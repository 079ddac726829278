/**
 * Opening a patch for review every way: a file (a mail, a flattened web-archive page, one patch
 * of an mbox series, a maildir), the active editor, the clipboard, the bundled example.
 * Line facts come from `git apply -v` (test/fixtures/workspace/README.md).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReviewSession } from '../../../../src/extension/review/review-session';
import { fixture, GIT_APPLY_STARTS, noAutoSave, resetWorkbench, textOf, THREAD_MBOX } from '../api';

suite('patch input', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('openPatchFromEditor reads the patch in the active editor', async () => {
    await vscode.window.showTextDocument(fixture('patches/one-reaper-per-cpu.patch'));
    const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatchFromEditor');
    assert.ok(session);
    assert.equal(session.label, 'one-reaper-per-cpu.patch');
    assert.equal(session.patch.files.length, 4);
    assert.equal(session.patch.comments.length, 0);
  });

  test('openPatchFromClipboard reads the flattened web-archive page', async () => {
    await vscode.env.clipboard.writeText(await textOf(fixture('patches/one-reaper-per-cpu.marc.txt')));
    const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatchFromClipboard');
    assert.ok(session);
    assert.equal(session.label, 'clipboard');
    assert.equal(session.patch.whitespaceDamaged, true);
    assert.equal(session.patch.comments[0]?.author, 'Mark Kettenis');
    assert.deepEqual(Object.fromEntries(session.files.map((f) => [f.path, f.placements.map((p) => p.startLine)])), GIT_APPLY_STARTS);
  });

  test('openPatch on an mbox series opens the patch asked for, in series order', async () => {
    const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', fixture('patches/series-out-of-order.mbox'), { seriesIndex: 0 });
    assert.ok(session);
    assert.equal(session.label, 'series-out-of-order.mbox [1/3]');
    assert.deepEqual(session.files.map((f) => f.path), ['sys/sys/proc.h']);
    assert.deepEqual(session.files[0]!.placements.map((p) => p.startLine), [68]);
  });

  test('openExample opens the bundled patch', async () => {
    const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openExample');
    assert.ok(session);
    assert.equal(session.patch.mail?.subject, 'One reaper per CPU');
  });

  test('a maildir of the same mails reads as the same thread', async () => {
    const text = await textOf(fixture(THREAD_MBOX));
    const mails = text.split(/^From mboxrd@z .*\n/m).filter((m) => m.trim() !== '');
    const dir = fixture('maildir-reaper-count');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'cur'));
    try {
      await Promise.all(mails.map((m, i) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'cur', `17206${i}.M1P1.host:2,S`), new TextEncoder().encode(m))));
      const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', dir);
      assert.equal(mails.length, 11);
      assert.equal(session?.thread?.thread.messages.length, 11);
      assert.deepEqual(session.thread.grouped.series.map((s) => [s.version, s.patches.length, s.missing]), [[1, 2, []], [2, 2, [3]]]);
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true });
    }
  });
});
