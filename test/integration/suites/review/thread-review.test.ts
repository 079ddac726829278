/**
 * Reviewing a whole thread: the version under review, each reviewer's threads placed on its lines.
 * The thread fixture and its line facts: THREAD_MBOX in ../api.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, bodyText, chooseVersion, fixture, noAutoSave, openThread, resetWorkbench, reviewerThreads, THREAD_MBOX, until } from '../api';

suite('thread review', function () {
  // Each test opens the thread and runs dry runs in the real workbench: slow on a loaded machine.
  this.timeout(180_000);
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('v2 under review: each reviewer\'s threads by line and author, v1 threads marked changed or unchanged, the approximate one marked', async () => {
    const session = await openThread();
    assert.deepEqual(session.files.map((f) => [f.path, f.placements.map((p) => p.startLine)]), [['sys/kern/kern_sched.c', [65]], ['sys/sys/proc.h', [68]]]);
    assert.deepEqual(await reviewerThreads(), [
      ['Bob Reviewer · v1 · line changed in v2 (addressed?)', 'sys/kern/kern_sched.c', 68, ['Bob Reviewer', 'Alice Author']],
      ['Bob Reviewer · v1 · unchanged in v2', 'sys/kern/kern_sched.c', 68, ['Bob Reviewer']],
      ['Carol Checker · v1 · unchanged in v2 · ≈ approximate', 'sys/sys/proc.h', 69, ['Carol Checker']],
      ['Carol Checker · v2', 'sys/kern/kern_sched.c', 68, ['Carol Checker']],
    ]);
    const { comments } = await api();
    const approximate = comments.reviewer.find((t) => t.label?.includes('approximate'))!;
    assert.equal(approximate.comments[0]!.label, '≈ approximate');
    assert.match(bodyText(approximate.comments[0]!), /approximate line: a snip lies between the quoted line and the comment/);
  });

  test('choosing v1 re-places the threads for v1 and keeps newer comments out', async () => {
    await openThread();
    const session = await chooseVersion(0);
    assert.equal(session.patch.mail?.subject, 'v1: sched: count CPUs and reapers');
    assert.equal(session.source.version, 0);
    assert.deepEqual(await reviewerThreads(), [
      ['Bob Reviewer · v1', 'sys/kern/kern_sched.c', 68, ['Bob Reviewer']],
      ['Bob Reviewer · v1', 'sys/kern/kern_sched.c', 68, ['Bob Reviewer', 'Alice Author']],
      ['Carol Checker · v1 · ≈ approximate', 'sys/sys/proc.h', 69, ['Carol Checker']],
    ]);
    // The decorations follow the version: kern_sched.c's one removed line becomes an add-and-remove change at 68.
    const editor = await vscode.window.showTextDocument(fixture('sys/kern/kern_sched.c'));
    const { decorations, problems } = await api();
    await until(() => decorations.applied.get(editor.document.uri.toString()), 'decorations on kern_sched.c');
    // The reply mails' quoted diffs are not the version's patches: Problems lists nothing for the mbox.
    assert.deepEqual(problems.collection.get(fixture(THREAD_MBOX)) ?? [], []);
  });
});
