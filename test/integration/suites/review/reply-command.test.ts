/** Compose Reply Mail: the user's comments as a kernel-style reply to all, threaded, in an untitled document, and saved as an .eml. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, lineOf, noAutoSave, openPatch, resetWorkbench, textOf } from '../api';

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
});
