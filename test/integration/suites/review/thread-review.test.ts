/**
 * Reviewing a whole thread: the version under review, each reviewer's threads placed on its lines.
 * The thread fixture and its line facts: THREAD_MBOX in ../api.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReviewSession } from '../../../../src/extension/review/review-session';
import { api, bodyText, chooseVersion, fixture, labels, noAutoSave, openThread, resetWorkbench, reviewerThreads, THREAD_MBOX, until } from '../api';

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

  test('two patches of one version that change the same file: each patch shows its own hunk, both are decorated and take comments', async () => {
    // Fixture facts (workspace README): 1/2 at line 65 (`@@ -65,5 +65,6 @@`), 2/2 written on 1/2's
    // result at 159, which is line 158 of the file before the series (1/2 adds one line above).
    const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', fixture('patches/same-file.mbox'));
    assert.ok(session?.thread);
    assert.deepEqual(session.files.map((f) => [f.path, f.file.hunks.map((h) => [h.oldStart, h.newStart]), f.placements.map((p) => p.startLine)]),
      [['sys/kern/kern_sched.c', [[65, 65], [158, 159]], [65, 158]]]);
    const { tree, decorations, comments } = await api();
    const version = tree.getChildren(tree.getChildren()[0])[0]!;
    const patches = tree.getChildren(version);
    assert.deepEqual(await labels(patches), [
      '[0/2] sched: count CPUs, drop a lock assertion — cover letter',
      '[1/2] sched: count CPUs atomically',
      '[2/2] sched: sched_exit does not need the kernel lock asserted — 1 reply',
    ]);
    const files = [tree.getChildren(patches[1]), tree.getChildren(patches[2])].map((children) => children.filter((n) => n.kind === 'file'));
    assert.deepEqual(await labels(files.flat()), ['sys/kern/kern_sched.c — +2 −1 of +2 −2 · applies', 'sys/kern/kern_sched.c — +0 −1 of +2 −2 · applies']);
    const hunks = files.map((f) => tree.getChildren(f[0]));
    assert.deepEqual(hunks.map((h) => h.map((n) => (n.kind === 'hunk' ? n.hunkIndex : -1))), [[0], [1]]);
    assert.deepEqual(tree.getParent(hunks[1]![0]!), files[1]![0]);
    assert.deepEqual(tree.getParent(files[1]![0]!), patches[2]);
    // Erin's comment on 2/2's removed line: on line 161 of the file (158 + 3 lines of context).
    assert.deepEqual(await reviewerThreads(), [['Erin Examiner · v1', 'sys/kern/kern_sched.c', 161, ['Erin Examiner']]]);
    const editor = await vscode.window.showTextDocument(fixture('sys/kern/kern_sched.c'));
    // 1/2 changes line 68 (one removed, two added: a changed line); 2/2 removes line 161.
    const counts = await until(() => decorations.applied.get(editor.document.uri.toString()), 'decorations on kern_sched.c');
    assert.deepEqual(counts, { removed: 1, changed: 1, added: 0 });
    // A comment of the user's on 2/2's line answers 2/2.
    const thread = comments.controller.createCommentThread(fixture('sys/kern/kern_sched.c'), new vscode.Range(160, 0, 160, 0), []);
    try {
      await vscode.commands.executeCommand('reaperscope.createComment', { thread, text: 'Agreed with Erin.' });
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | null>('reaperscope.composeReply', { offer: false });
      assert.equal(doc!.getText().split('\n')[0], 'Subject: Re: [PATCH 2/2] sched: sched_exit does not need the kernel lock asserted');
      // Quoted as sent (2/2's own numbers), the blank context line as a bare `>`.
      assert.match(doc!.getText(), /> @@ -159,7 \+159,6 @@ sched_exit\(struct proc \*p\)\n(>( .*)?\n)*> -\tKERNEL_ASSERT_LOCKED\(\);\n\nAgreed with Erin\.\n$/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      thread.dispose();
    }
  });
});
