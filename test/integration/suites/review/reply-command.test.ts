/** Compose Reply Mail: the user's comments as a kernel-style reply to all, threaded, in an untitled document, and saved as an .eml. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReviewComments } from '../../../../src/extension/review/review-comments';
import { api, fixture, lineOf, noAutoSave, openPatch, openThread, resetWorkbench, textOf } from '../api';

/** A composed reply document: untitled, named reaperscope-reply-N.eml. */
const isReply = (d: vscode.TextDocument): boolean => d.uri.scheme === 'untitled' && /reaperscope-reply-\d+\.eml$/.test(d.uri.path);

/**
 * Opens the thread fixture (v2 under review: 1/3 changes kern_sched.c, old line 68 is
 * `-sched_fixture_ncpu++`; 2/3 proc.h, `+int reaper_count` after line 69) and writes a user
 * comment on each of those two lines.
 */
async function commentOnTwoPatches(): Promise<{ comments: ReviewComments; made: vscode.CommentThread[] }> {
  await openThread();
  const { comments } = await api();
    const made: vscode.CommentThread[] = [];
    for (const [path, line, text] of [['sys/sys/proc.h', 69, 'Why not unsigned?'], ['sys/kern/kern_sched.c', 68, 'Is the flag needed?']] as const) {
      const thread = comments.controller.createCommentThread(fixture(path), new vscode.Range(line - 1, 0, line - 1, 0), []);
      made.push(thread);
      await vscode.commands.executeCommand('reaperscope.createComment', { thread, text });
    }
  return { comments, made };
}

suite('reply command', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('user comments become a kernel-style reply mail in an untitled document', async () => {
    await openPatch('one-reaper-per-cpu.patch');
    const { comments } = await api();
    const uri = fixture('sys/kern/kern_exit.c');
    const text = await textOf(uri);
    comments.addUserComment({ uri, line: lineOf(text, 'msleep_nsec(&deadproc') }, 'Why the kernel lock around tsleep_nsec?');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | null>('reaperscope.composeReply');
    assert.ok(doc);
    assert.equal(doc.isUntitled, true);
    const lines = doc.getText().split('\n');
    assert.equal(lines[0], 'Subject: Re: One reaper per CPU');
    const at = lines.indexOf('Why the kernel lock around tsleep_nsec?');
    assert.equal(lines[at - 2], '> +\t\t}');
    assert.ok(!doc.getText().includes('init_main.c'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the reply to the review mail goes to all, threaded, and saves as an .eml that marks the comments sent', async () => {
    await openPatch('one-reaper-per-cpu.review.eml');
    const { comments } = await api();
    await vscode.commands.executeCommand('reaperscope.replyComment', { thread: comments.reviewer[0]!, text: 'Agreed.' });
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | null>('reaperscope.composeReply', { offer: false });
    assert.ok(doc);
    // Fixture facts: From Mark Kettenis, To Christian Ludwig (the patch author), Cc tech@openbsd.org.
    assert.deepEqual(doc.getText().split('\n').slice(0, 4), ['Subject: Re: One reaper per CPU', 'To: Mark Kettenis', 'Cc: Christian Ludwig, tech@openbsd.org', '']);
    const target = fixture('reply-test.eml');
    try {
      const saved = await vscode.commands.executeCommand<vscode.Uri | null>('reaperscope.saveReplyEml', target);
      assert.equal(saved?.toString(), target.toString());
      const eml = await textOf(target);
      assert.match(eml, /^Subject: Re: One reaper per CPU\nTo: Mark Kettenis\nCc: Christian Ludwig, tech@openbsd\.org\nMIME-Version: 1\.0\nContent-Type: text\/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\nOn Wed, 10 Jul 2024 17:42:45 \+0200, Mark Kettenis wrote:\n/);
      assert.equal(comments.unsent(), 0, 'saved: nothing unsent, Close Patch does not ask');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });

  test('Compose Reply answers each patch mail commented on: its own Re: subject, In-Reply-To and References, quoting only that patch', async () => {
    const { made } = await commentOnTwoPatches();
    const replyDocs = (): vscode.TextDocument[] => vscode.workspace.textDocuments.filter(isReply);
    const before = new Set(replyDocs());
    try {
      const first = await vscode.commands.executeCommand<vscode.TextDocument | null>('reaperscope.composeReply', { offer: false });
      const made2 = replyDocs().filter((d) => !before.has(d));
      assert.equal(made2.length, 2, 'one reply per patch commented on');
      const second = made2.find((d) => d !== first)!;
      // The lowest patch first: 1/3, the mail <v2-1@example.org> of the cover's thread (fixture headers).
      assert.deepEqual(first!.getText().split('\n').slice(0, 5), [
        'Subject: Re: [PATCH v2 1/3] sched: count CPUs atomically',
        'To: Alice Author <alice@example.org>',
        'In-Reply-To: <v2-1@example.org>',
        'References: <v2-0@example.org> <v2-1@example.org>',
        '',
      ]);
      assert.match(first!.getText(), /^On Wed, 10 Jul 2024 09:01:00 \+0000, Alice Author <alice@example.org> wrote:\n> diff --git a\/sys\/kern\/kern_sched\.c/m);
      assert.match(first!.getText(), /> -\tsched_fixture_ncpu\+\+;\n(> .*\n)*\nIs the flag needed\?/);
      assert.doesNotMatch(first!.getText(), /proc\.h|Why not unsigned/);
      assert.deepEqual(second.getText().split('\n').slice(0, 5), [
        'Subject: Re: [PATCH v2 2/3] proc: declare reaper_count',
        'To: Alice Author <alice@example.org>',
        'In-Reply-To: <v2-2@example.org>',
        'References: <v2-0@example.org> <v2-2@example.org>',
        '',
      ]);
      // Line 69 of proc.h is the hunk's second context line (`reaper`): the comment follows it, the quote ends there.
      assert.match(second.getText(), /> @@ -68,3 \+68,4 @@ void\tsetrunnable\(struct proc \*\);\n> {2}void\tunsleep\(struct proc \*\);\n> {2}void\treaper\(void \*\);\n\nWhy not unsigned\?\n$/);
      assert.doesNotMatch(second.getText(), /kern_sched\.c|Is the flag needed/);
    } finally {
      for (const doc of replyDocs().filter((d) => !before.has(d))) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      for (const thread of made) thread.dispose();
    }
  });

  test('in a thread, saving one patch\'s reply marks only the comments it carries as sent', async () => {
    const { comments, made } = await commentOnTwoPatches();
    const before = new Set(vscode.workspace.textDocuments.filter(isReply));
    const targets = [fixture('reply-1-test.eml'), fixture('reply-2-test.eml')];
    try {
      const first = await vscode.commands.executeCommand<vscode.TextDocument | null>('reaperscope.composeReply', { offer: false });
      const second = vscode.workspace.textDocuments.filter((d) => isReply(d) && !before.has(d) && d !== first)[0];
      assert.ok(first && second, 'two replies');
      assert.equal(comments.unsent(), 2);
      // The 2/3 reply (proc.h) saved: its comment is sent, the kern_sched.c one is not.
      await vscode.window.showTextDocument(second);
      await vscode.commands.executeCommand('reaperscope.saveReplyEml', targets[1]);
      assert.match(await textOf(targets[1]!), /Why not unsigned\?/);
      assert.equal(comments.unsent(), 1, 'the 1/3 reply is not sent yet');
      await vscode.window.showTextDocument(first);
      await vscode.commands.executeCommand('reaperscope.saveReplyEml', targets[0]);
      assert.equal(comments.unsent(), 0);
    } finally {
      for (const doc of vscode.workspace.textDocuments.filter((d) => isReply(d) && !before.has(d))) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      for (const thread of made) thread.dispose();
      for (const target of targets) await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });
});
