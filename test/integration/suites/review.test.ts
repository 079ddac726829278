/**
 * Reviewing the seed patch against the kernel-tree fixture (test/fixtures/workspace): opening
 * it every way, the tree, the comment thread, CodeLens, hovers, decorations, the diff view and
 * the Problems view. Line facts come from `git apply -v` (test/fixtures/workspace/README.md).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PatchNode } from '../../../src/extension/review/patch-tree';
import type { ReviewSession } from '../../../src/extension/review/review-session';
import { api, fixture, lineOf, noAutoSave, resetWorkbench, textOf, until } from './api';

const gitApplyStarts: Record<string, number[]> = {
  'sys/kern/init_main.c': [23, 88],
  'sys/kern/kern_exit.c': [89, 102, 151],
  'sys/kern/kern_sched.c': [32, 73, 85, 118, 159, 182],
  'sys/sys/proc.h': [68],
};

async function openReview(name = 'one-reaper-per-cpu.review.eml'): Promise<ReviewSession> {
  const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', fixture(`patches/${name}`));
  assert.ok(session, `${name} did not open`);
  return session;
}

suite('patch review', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('openPatch reads the review mail and places every hunk where git apply does', async () => {
    const session = await openReview();
    assert.equal(session.label, 'one-reaper-per-cpu.review.eml');
    const starts = Object.fromEntries(session.files.map((f) => [f.path, f.placements.map((p) => p.startLine)]));
    assert.deepEqual(starts, gitApplyStarts, JSON.stringify(session.files.map((f) => [f.uri?.toString(), f.failures])));
    assert.ok(session.files.every((f) => f.failures.length === 0 && f.patchedText !== null));
    const { status } = await api();
    assert.equal(status.item.text, '$(git-pull-request) 12/12 hunks apply · 4 file(s) differ from the patch\'s base');
    assert.equal((await api()).review.session, session);
  });

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
    assert.deepEqual(Object.fromEntries(session.files.map((f) => [f.path, f.placements.map((p) => p.startLine)])), gitApplyStarts);
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

  test('the tree shows files, hunks with their C function, and the review comment', async () => {
    await openReview();
    const { tree } = await api();
    const files = tree.getChildren();
    assert.deepEqual(files.map((f) => (f.kind === 'file' ? f.review.path : '')), Object.keys(gitApplyStarts));
    const exit = files[1]!;
    const hunks = tree.getChildren(exit);
    assert.equal(hunks.length, 3);
    const labels = hunks.map((h) => tree.getTreeItem(h).label);
    assert.deepEqual(labels, ['exit1', 'exit2', 'reaper']);
    const comments = hunks.flatMap((h) => tree.getChildren(h));
    assert.equal(comments.length, 1);
    const comment = comments[0] as Extract<PatchNode, { kind: 'comment' }>;
    assert.equal(comment.hunkIndex, 2);
    assert.equal(tree.getTreeItem(comment).label, 'Mark Kettenis');
    assert.match(String(tree.getTreeItem(hunks[2]!).description), /line 151 \(offset -290\)/);
    // Functions found by tree-sitter in the workspace file: hunk 5 of kern_sched.c ends
    // sched_exit and turns sched_toidle into sched_toproc.
    const sched = tree.getChildren(files[2]!).map((h) => tree.getTreeItem(h).label);
    assert.deepEqual(tree.getChildren(files[0]!).map((h) => tree.getTreeItem(h).label), ['(file scope)', 'main']);
    assert.deepEqual(sched, ['(file scope)', 'sched_kthreads_create', 'sched_kthreads_create', 'sched_idle', 'sched_exit, sched_toidle, sched_toproc', 'sched_toidle, sched_toproc']);
  });

  test('revealHunk opens the workspace file at the line where the hunk applies now', async () => {
    await openReview();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | null>('reaperscope.revealHunk', 'sys/kern/kern_sched.c', 4);
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), fixture('sys/kern/kern_sched.c').toString());
    // Hunk 5 (@@ -230,14) applies at line 159 (offset -71).
    assert.equal(editor.selection.active.line + 1, 159);
  });

  test('the review comment is a thread on kern_exit.c under the old sleep loop', async () => {
    await openReview();
    const { comments } = await api();
    assert.equal(comments.reviewer.length, 1);
    const thread = comments.reviewer[0]!;
    const uri = fixture('sys/kern/kern_exit.c');
    assert.equal(thread.uri.toString(), uri.toString());
    assert.equal(thread.range!.start.line + 1, lineOf(await textOf(uri), 'INFSLP);'));
    assert.match(String(thread.comments[0]!.body), /the spc_deadproc list is only\never tocuhed/);
    assert.equal(thread.comments[0]!.author.name, 'Mark Kettenis');
  });

  test('user comments become a kernel-style reply mail in an untitled document', async () => {
    await openReview('one-reaper-per-cpu.patch');
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

  test('replying to the reviewer\'s thread and deleting a comment, through the comment commands', async () => {
    await openReview();
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
    await openReview();
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
    await openReview('one-reaper-per-cpu.patch');
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
    await openReview('one-reaper-per-cpu.patch');
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

  test('the reader\'s notes on a flattened archive page appear on that file in Problems', async () => {
    await openReview('one-reaper-per-cpu.marc.txt');
    const notes = vscode.languages.getDiagnostics(fixture('patches/one-reaper-per-cpu.marc.txt')).filter((d) => d.source === 'reaperscope');
    assert.ok(notes.length > 0);
  });

  test('CodeLens above each touched function of kern_sched.c', async () => {
    await openReview();
    const uri = fixture('sys/kern/kern_sched.c');
    const lenses = await until(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l.some((x) => x.command?.command === 'reaperscope.revealHunk') && l;
    }, 'CodeLenses');
    const titles = lenses.filter((l) => l.command?.command === 'reaperscope.revealHunk').map((l) => l.command!.title);
    assert.ok(titles.includes('sched_kthreads_create: +6 −0 in 2 hunks'), titles.join('; '));
    assert.ok(titles.includes('sched_idle: +0 −7 in 1 hunk'), titles.join('; '));
    const text = await textOf(uri);
    const idle = lenses.find((l) => l.command?.title.startsWith('sched_idle'))!;
    assert.equal(idle.range.start.line + 1, lineOf(text, 'sched_idle(void *v)') - 1);
  });

  test('hover on mtx_enter names the lock', async () => {
    const uri = fixture('sys/kern/kern_exit.c');
    const text = await textOf(uri);
    const line = lineOf(text, 'mtx_enter(&deadproc_mutex)');
    const column = text.split('\n')[line - 1]!.indexOf('mtx_enter') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line - 1, column));
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(markdown, /\*\*mtx_enter\*\* — mutex `deadproc_mutex`/);
  });

  test('decorations mark every line the patch removes or changes in kern_exit.c', async () => {
    await openReview();
    const { decorations } = await api();
    const editor = await vscode.window.showTextDocument(fixture('sys/kern/kern_exit.c'));
    const counts = await until(() => decorations.applied.get(editor.document.uri.toString()), 'decorations');
    // kern_exit.c: 43 lines removed (the mail's diffstat); the exit2() block goes with nothing in its place.
    assert.equal(counts.removed + counts.changed, 43);
    assert.ok(counts.removed >= 32);
  });

  test('the diff view shows patched vs unpatched as virtual documents', async () => {
    await openReview();
    // As the tree's inline action calls it: with the file's tree node.
    const { tree } = await api();
    const node = tree.getChildren().find((n) => n.kind === 'file' && n.review.path === 'sys/kern/kern_sched.c');
    const shown = await vscode.commands.executeCommand<boolean>('reaperscope.showDiff', node);
    assert.equal(shown, true);
    const tab = await until(() => vscode.window.tabGroups.activeTabGroup.activeTab, 'the diff tab');
    assert.ok(tab.input instanceof vscode.TabInputTextDiff);
    const input = tab.input;
    assert.equal(input.original.scheme, 'reaperscope-unpatched');
    assert.equal(input.modified.scheme, 'reaperscope-patched');
    const patched = await vscode.workspace.openTextDocument(input.modified);
    const unpatched = await vscode.workspace.openTextDocument(input.original);
    assert.match(patched.getText(), /"reaper%d", num\);/);
    assert.equal(unpatched.getText(), await textOf(fixture('sys/kern/kern_sched.c')));
    // Nothing was written.
    assert.doesNotMatch(await textOf(fixture('sys/kern/kern_sched.c')), /reaper%d/);
  });

  test('Problems: blob-id mismatches for the seed patch, a failed hunk for a stale one', async () => {
    await openReview();
    const sched = fixture('sys/kern/kern_sched.c');
    const blob = vscode.languages.getDiagnostics(sched).filter((d) => d.source === 'reaperscope');
    assert.deepEqual(blob.map((d) => d.code), ['blob-mismatch']);
    const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds).filter((d) => d.code === 'blob-mismatch');
    assert.equal(all.length, 4);

    await openReview('stale-sched.diff');
    const stale = vscode.languages.getDiagnostics(sched).filter((d) => d.source === 'reaperscope');
    // Its index line names made-up blobs (1111111), so the blob check fails too.
    assert.deepEqual(stale.map((d) => [d.code, d.severity]), [
      ['hunk-does-not-apply', vscode.DiagnosticSeverity.Error], ['blob-mismatch', vscode.DiagnosticSeverity.Warning]]);
    assert.match(stale[0]!.message, /^Hunk 2 of sys\/kern\/kern_sched.c \(@@ -200,7 \+201,7 @@ setrunqueue/);
  });

  test('Problems: a cvs diff made against another revision than the workspace file\'s RCS id', async () => {
    // cvs-proc.diff is labelled revision 1.364; the workspace proc.h says `$OpenBSD: proc.h,v 1.365 ...$`.
    const session = await openReview('cvs-proc.diff');
    assert.deepEqual(session.files.map((f) => [f.path, f.file.oldRevision, f.revisionMatches, f.failures.length]), [['sys/sys/proc.h', '1.364', false, 0]]);
    const proc = vscode.languages.getDiagnostics(fixture('sys/sys/proc.h')).filter((d) => d.source === 'reaperscope');
    assert.deepEqual(proc.map((d) => [d.code, d.severity, d.range.start.line]), [['revision-mismatch', vscode.DiagnosticSeverity.Warning, 0]]);
    assert.match(proc[0]!.message, /CVS revision 1\.364 of sys\/sys\/proc\.h/);
  });

  test('closePatch clears the tree, threads and problems', async () => {
    await openReview();
    const { tree, comments } = await api();
    await vscode.commands.executeCommand('reaperscope.closePatch');
    assert.deepEqual(tree.getChildren(), []);
    assert.equal(comments.reviewer.length, 0);
    assert.equal(vscode.languages.getDiagnostics(fixture('sys/kern/kern_sched.c')).filter((d) => d.source === 'reaperscope').length, 0);
  });
});
