/**
 * Review comments as comment threads on the workspace's files: the reviewer's thread placed under
 * the line it is about, the user's comments (new threads, replies, deletes) kept per patch, and
 * every thread following its line through typing, Apply and Undo. Line facts come from the
 * fixtures (test/fixtures/workspace, the seed mails).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, lineOf, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW, textOf, until } from '../api';

/** 1-based line of the `}` closing the new reaper loop (after its KERNEL_UNLOCK) in the patched kern_exit.c. */
function closingBraceOfNewLoop(text: string): number {
  const lines = text.split('\n');
  const unlock = lines.findIndex((l, i) => l === '\t\t\tKERNEL_UNLOCK();' && lines[i + 1] === '\t\t}');
  assert.ok(unlock > 0, 'the new loop is in the text');
  return unlock + 2;
}

suite('review comments', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the review comment is a thread on kern_exit.c under the old sleep loop', async () => {
    await openPatch(SEED_REVIEW);
    const { comments } = await api();
    assert.equal(comments.reviewer.length, 1);
    const thread = comments.reviewer[0]!;
    const uri = fixture('sys/kern/kern_exit.c');
    assert.equal(thread.uri.toString(), uri.toString());
    assert.equal(thread.range!.start.line + 1, lineOf(await textOf(uri), 'INFSLP);'));
    assert.match(String(thread.comments[0]!.body), /the spc_deadproc list is only\never tocuhed/);
    assert.equal(thread.comments[0]!.author.name, 'Mark Kettenis');
  });

  test('replying to the reviewer\'s thread and deleting a comment, through the comment commands', async () => {
    await openPatch(SEED_REVIEW);
    const { comments } = await api();
    const thread = comments.reviewer[0]!;
    await vscode.commands.executeCommand('reaperscope.replyComment', { thread, text: 'Agreed, drop the kernel lock.' });
    assert.equal(thread.comments.length, 2);
    const mine = comments.userComments();
    assert.equal(mine.length, 1);
    assert.ok(mine[0]!.at, 'the reply is placed in the patch');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | null>('reaperscope.composeReply');
    const lines = doc!.getText().split('\n');
    // Under the new loop's closing brace, where Mark Kettenis commented: the patch line quoted
    // twice, his comment quoted once, then ours.
    const ours = lines.indexOf('Agreed, drop the kernel lock.');
    const brace = lines.lastIndexOf('> > +\t\t}', ours);
    assert.ok(brace > 0, 'the closing brace, quoted twice, above our reply');
    assert.equal(lines[brace + 2], "> I don't think going back to taking the kernel lock here makes sense.");
    assert.equal(lines[ours - 2], '>');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('reaperscope.deleteComment', thread.comments[1]);
    assert.equal(thread.comments.length, 1);
    assert.equal(comments.userComments().length, 0);
    // The reviewer's own comment cannot be deleted.
    await vscode.commands.executeCommand('reaperscope.deleteComment', thread.comments[0]);
    assert.equal(thread.comments.length, 1);
  });

  test('edits above a hunk move the reviewer\'s thread and keep the user\'s comments', async () => {
    await openPatch(SEED_REVIEW);
    const { comments } = await api();
    const thread = comments.reviewer[0]!;
    await vscode.commands.executeCommand('reaperscope.replyComment', { thread, text: 'Keep this.' });
    const uri = fixture('sys/kern/kern_exit.c');
    const before = thread.range!.start.line;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '/* one */\n/* two */\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until(() => thread.range!.start.line === before + 2, 'the thread to move down two lines');
    assert.equal(comments.reviewer[0], thread);
    assert.deepEqual(comments.userComments().map((c) => c.text), ['Keep this.']);
  });

  test('a comment on the patched side of the diff view goes under the added lines in the reply', async () => {
    await openPatch('one-reaper-per-cpu.patch');
    const { comments } = await api();
    await vscode.commands.executeCommand('reaperscope.showDiff', 'sys/kern/kern_exit.c');
    const tab = await until(() => vscode.window.tabGroups.activeTabGroup.activeTab, 'the diff tab');
    const patched = await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified);
    const line = lineOf(patched.getText(), 'tsleep_nsec(&spc->spc_deadproc');
    comments.addUserComment({ uri: patched.uri, line }, 'tsleep_nsec under the kernel lock?');
    const [mine] = comments.userComments();
    assert.ok(mine?.at, 'the comment is placed in the patch');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | null>('reaperscope.composeReply');
    const lines = doc!.getText().split('\n');
    const at = lines.indexOf('tsleep_nsec under the kernel lock?');
    // After the whole change block: the new loop through its closing brace.
    assert.equal(lines[at - 2], '> +\t\t}', `${JSON.stringify(comments.userComments())}\n${doc!.getText()}`);
    assert.ok(lines.slice(0, at).some((l) => l.startsWith('> +\t\t\ttsleep_nsec(&spc->spc_deadproc')));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('createComment starts a new thread in a hunk of kern_sched.c', async () => {
    await openPatch('one-reaper-per-cpu.patch');
    const { comments } = await api();
    const uri = fixture('sys/kern/kern_sched.c');
    const line = lineOf(await textOf(uri), 'sched_toidle();');
    const thread = comments.controller.createCommentThread(uri, new vscode.Range(line - 1, 0, line - 1, 0), []);
    await vscode.commands.executeCommand('reaperscope.createComment', { thread, text: 'Is sched_toidle still needed?' });
    const mine = comments.userComments();
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.where, `sys/kern/kern_sched.c:${line}`);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | null>('reaperscope.composeReply');
    assert.match(doc!.getText(), /> -\tsched_toidle\(\);\n(> .*\n)*\nIs sched_toidle still needed\?/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    thread.dispose();
  });

  test('the reviewer\'s thread and the user\'s reply follow their line to the new `}` after Apply, and back after Undo', async () => {
    await openPatch('one-reaper-per-cpu.review.eml');
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
    // The undo command's promise can wait on the multi-file question: poll the text instead (slow on a loaded machine).
    void vscode.commands.executeCommand('undo');
    await until(() => editor.document.getText() === before, 'the undo of Apply', 20_000).catch(() => undefined);
    assert.equal(editor.document.getText(), before);
    await until(() => thread.range!.start.line + 1 === sleepLoop, `the thread back on line ${sleepLoop}`);
    assert.deepEqual(comments.threads().map((t) => t.line), [sleepLoop]);
    assert.deepEqual(comments.userComments().map((c) => c.text), ['Agreed, no kernel lock here.']);
  });

  test('a comment outside every hunk follows its line as the user types above it', async () => {
    await openPatch('one-reaper-per-cpu.patch');
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
    await openPatch('one-reaper-per-cpu.review.eml');
    const { comments } = await api();
    const uri = fixture('sys/kern/kern_sched.c');
    const line = lineOf(await textOf(uri), 'sched_toidle();');
    comments.addUserComment({ uri, line }, 'Is sched_toidle still needed?');
    await vscode.commands.executeCommand('reaperscope.replyComment', { thread: comments.reviewer[0]!, text: 'Agreed.' });
    assert.equal(comments.unsent(), 2);

    await openPatch('stale-sched.diff');
    assert.deepEqual(comments.userComments(), []);
    assert.equal(comments.threads().length, 0);

    await openPatch('one-reaper-per-cpu.review.eml');
    assert.deepEqual(comments.userComments().map((c) => [c.text, c.where]).sort(),
      [['Agreed.', `sys/kern/kern_exit.c:${lineOf(await textOf(fixture('sys/kern/kern_exit.c')), 'INFSLP);')}`], ['Is sched_toidle still needed?', `sys/kern/kern_sched.c:${line}`]]);
    // The reply is back in Mark Kettenis's thread, not in a thread of its own.
    assert.equal(comments.reviewer[0]!.comments.length, 2);
  });
});
