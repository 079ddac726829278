/**
 * A review session used as a reviewer does: comments that follow their line through Apply and
 * Undo and survive switching patches, the state after Apply, reply-all headers, and the .eml.
 * Line facts come from the fixtures (test/fixtures/workspace, the seed mails).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReviewSession } from '../../../src/extension/review/review-session';
import { api, fixture, lineOf, noAutoSave, resetWorkbench, textOf, until } from './api';

async function open(name: string): Promise<ReviewSession> {
  const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', fixture(`patches/${name}`));
  assert.ok(session, `${name} did not open`);
  return session;
}

/** 1-based line of the `}` closing the new reaper loop (after its KERNEL_UNLOCK) in the patched kern_exit.c. */
function closingBraceOfNewLoop(text: string): number {
  const lines = text.split('\n');
  const unlock = lines.findIndex((l, i) => l === '\t\t\tKERNEL_UNLOCK();' && lines[i + 1] === '\t\t}');
  assert.ok(unlock > 0, 'the new loop is in the text');
  return unlock + 2;
}

suite('review session', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the reviewer\'s thread and the user\'s reply follow their line to the new `}` after Apply, and back after Undo', async () => {
    await open('one-reaper-per-cpu.review.eml');
    const { comments, status } = await api();
    const thread = comments.reviewer[0]!;
    await vscode.commands.executeCommand('reaperscope.replyComment', { thread, text: 'Agreed, no kernel lock here.' });
    const uri = fixture('sys/kern/kern_exit.c');
    const before = await textOf(uri);
    const sleepLoop = lineOf(before, 'INFSLP);');
    assert.equal(thread.range!.start.line + 1, sleepLoop);

    const editor = await vscode.window.showTextDocument(uri);
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'applied');
    const brace = closingBraceOfNewLoop(editor.document.getText());
    await until(() => thread.range!.start.line + 1 === brace, `the thread to move to line ${brace}`);
    assert.deepEqual(comments.threads().map((t) => t.line), [brace], 'the tracked line and the thread\'s range agree');
    // The state after Apply: already applied, nothing offered again.
    await until(() => status.item.text === '$(check) already applied (12 hunks in 4 file(s))', `the status bar (${status.item.text})`);
    // On the kernel files (the reader's own notes on the mail, a repaired hunk, stay on the .eml).
    const problems = vscode.languages.getDiagnostics().filter(([u]) => u.path.includes('/sys/')).flatMap(([, ds]) => ds).filter((d) => d.source === 'reaperscope');
    assert.deepEqual(problems.map((d) => [d.code, d.severity]), Array(4).fill(['file-already-applied', vscode.DiagnosticSeverity.Information]));
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'already-applied');

    await vscode.window.showTextDocument(editor.document);
    const undone = vscode.commands.executeCommand('undo');
    await Promise.race([undone, new Promise((r) => setTimeout(r, 2000))]);
    assert.equal(editor.document.getText(), before);
    await until(() => thread.range!.start.line + 1 === sleepLoop, `the thread back on line ${sleepLoop}`);
    assert.deepEqual(comments.threads().map((t) => t.line), [sleepLoop]);
    assert.deepEqual(comments.userComments().map((c) => c.text), ['Agreed, no kernel lock here.']);
  });

  test('a comment outside every hunk follows its line as the user types above it', async () => {
    await open('one-reaper-per-cpu.patch');
    const { comments } = await api();
    const uri = fixture('sys/kern/kern_sched.c');
    const line = lineOf(await textOf(uri), 'sched_peg_curproc(struct cpu_info *ci)');
    const thread = comments.addUserComment({ uri, line }, 'Is pegging still needed?');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '/* 1 */\n/* 2 */\n/* 3 */\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until(() => thread.range!.start.line + 1 === line + 3, 'the thread three lines down');
    assert.equal(comments.userComments()[0]!.where, `sys/kern/kern_sched.c:${line + 3}`);
  });

  test('the user\'s comments are kept per patch: another patch does not show them, reopening brings them back', async () => {
    await open('one-reaper-per-cpu.review.eml');
    const { comments } = await api();
    const uri = fixture('sys/kern/kern_sched.c');
    const line = lineOf(await textOf(uri), 'sched_toidle();');
    comments.addUserComment({ uri, line }, 'Is sched_toidle still needed?');
    await vscode.commands.executeCommand('reaperscope.replyComment', { thread: comments.reviewer[0]!, text: 'Agreed.' });
    assert.equal(comments.unsent(), 2);

    await open('stale-sched.diff');
    assert.deepEqual(comments.userComments(), []);
    assert.equal(comments.threads().length, 0);

    await open('one-reaper-per-cpu.review.eml');
    assert.deepEqual(comments.userComments().map((c) => [c.text, c.where]).sort(),
      [['Agreed.', `sys/kern/kern_exit.c:${lineOf(await textOf(fixture('sys/kern/kern_exit.c')), 'INFSLP);')}`], ['Is sched_toidle still needed?', `sys/kern/kern_sched.c:${line}`]]);
    // The reply is back in Mark Kettenis's thread, not in a thread of its own.
    assert.equal(comments.reviewer[0]!.comments.length, 2);
  });

  test('Close Patch with unsent comments: keep brings them back later, discard drops them', async () => {
    await open('one-reaper-per-cpu.patch');
    const { comments, review } = await api();
    const uri = fixture('sys/kern/kern_sched.c');
    comments.addUserComment({ uri, line: lineOf(await textOf(uri), 'sched_toidle();') }, 'Keep me.');
    assert.equal(await vscode.commands.executeCommand('reaperscope.closePatch', 'keep'), 'kept');
    assert.equal(review.session, null);
    await open('one-reaper-per-cpu.patch');
    assert.deepEqual(comments.userComments().map((c) => c.text), ['Keep me.']);
    assert.equal(await vscode.commands.executeCommand('reaperscope.closePatch', 'discard'), 'discarded');
    await open('one-reaper-per-cpu.patch');
    assert.deepEqual(comments.userComments(), []);
    // Nothing unsent: closing does not ask.
    assert.equal(await vscode.commands.executeCommand('reaperscope.closePatch'), 'closed');
  });

  test('the reply to the review mail goes to all, threaded, and saves as an .eml that marks the comments sent', async () => {
    await open('one-reaper-per-cpu.review.eml');
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
