/**
 * Reviewing a whole thread: patches/reaper-count.mbox holds v1 (cover + 2 patches) and v2
 * (cover + 1/3, 2/3; 3/3 never sent) of one series, replies from Bob Reviewer and Carol Checker,
 * and Alice Author's answer to Bob (a reply to a reply). Line facts are counted by hand from the
 * fixture (test/fixtures/workspace/README.md):
 *   kern_sched.c: the 1/x hunk `@@ -65,5 +65,6 @@` applies at line 65 of the workspace file; its
 *     lines are ctx 65, ctx 66, ctx 67, `-sched_fixture_ncpu++` 68, `+atomic_inc_int` (new 68),
 *     `+flags` (new 69: `|= 1` in v1, `atomic_setbits_int` in v2), ctx `}`. A comment after an
 *     added line sits on the old line above it: 68. On the patched side the adds are 68 and 69.
 *   proc.h: the 2/x hunk `@@ -68,3 +68,4 @@` applies at 68: ctx 68, ctx 69, `+int reaper_count`
 *     (new 70) → 69 in the workspace file, 70 patched.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PatchNode } from '../../../src/extension/review/patch-tree';
import type { ReviewSession } from '../../../src/extension/review/review-session';
import type { ReviewNote } from '../../../src/extension/review/review-comments';
import { api, fixture, noAutoSave, resetWorkbench, textOf, until } from './api';

const MBOX = 'patches/reaper-count.mbox';

async function openThread(): Promise<ReviewSession> {
  const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', fixture(MBOX));
  assert.ok(session?.thread, 'the mbox opened as a thread');
  return session;
}

async function chooseVersion(index: number): Promise<ReviewSession> {
  const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.chooseVersion', index);
  assert.ok(session?.thread);
  return session;
}

async function labels(nodes: readonly PatchNode[]): Promise<string[]> {
  const { tree } = await api();
  return nodes.map((n) => {
    const item = tree.getTreeItem(n);
    return `${String(item.label)}${item.description ? ` — ${String(item.description)}` : ''}`;
  });
}

/** The reviewer threads: label, file, 1-based line, authors of its comments. */
async function reviewerThreads(): Promise<[string, string, number, string[]][]> {
  const { comments } = await api();
  return comments.threads().filter((t) => comments.reviewer.includes(t.thread))
    .map((t): [string, string, number, string[]] => [t.thread.label ?? '', t.path, t.line, t.thread.comments.map((c) => c.author.name)])
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]) || a[3].length - b[3].length);
}

/** A comment's text as the reader sees it (MarkdownString.appendText escapes spaces and markup). */
const bodyText = (c: vscode.Comment): string => (typeof c.body === 'string' ? c.body : c.body.value).replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

suite('thread review', function () {
  // Each test opens the thread and runs dry runs in the real workbench: slow on a loaded machine.
  this.timeout(180_000);
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the tree shows series → versions → patches (the missing one named) → files, trailers with who gave them, replies, remarks', async () => {
    const session = await openThread();
    const { tree } = await api();
    assert.equal(session.thread!.chosen, 1, 'the newest version is under review');
    const roots = tree.getChildren();
    assert.deepEqual(await labels(roots), ['sched: count CPUs and reapers — 2 versions · Alice Author']);
    const versions = tree.getChildren(roots[0]);
    assert.deepEqual(await labels(versions), ['v1 — 2/2 patches', 'v2 — 2/3 patches, 1 missing · under review']);
    const v2 = tree.getChildren(versions[1]);
    assert.deepEqual(await labels(v2), [
      '[0/3] sched: count CPUs and reapers — cover letter · 1 reply',
      '[1/3] sched: count CPUs atomically — 2 trailers · 1 reply',
      '[2/3] proc: declare reaper_count — 1 trailer',
      '[3/3] missing — not in the thread',
    ]);
    // v2 1/3: its file (with its hunk where it applies now), Carol's review, Bob's ack sent to the cover letter.
    const first = tree.getChildren(v2[1]);
    assert.deepEqual(await labels(first), [
      'sys/kern/kern_sched.c — +2 −1 · applies',
      'Reviewed-by: Carol Checker — given by Carol Checker',
      'Acked-by: Bob Reviewer — given by Bob Reviewer (to the cover letter)',
      'Carol Checker — Wed, 10 Jul 2024 10:00:00 +0000',
    ]);
    assert.match((await labels(tree.getChildren(first[0])))[0]!, /· line 65/);
    // The cover letter carries Bob's remark about no line.
    assert.deepEqual((await labels(tree.getChildren(v2[0]))).slice(0, 1), ['Bob Reviewer on the cover letter — Where is 3/3?  It did not reach the list.']);
    // v1's patches show their trailers, replies and remarks but no files (v1 is not under review).
    const v1 = tree.getChildren(versions[0]);
    assert.deepEqual(await labels(tree.getChildren(v1[2])), [
      'Reviewed-by: Carol Checker — given by Carol Checker',
      'Carol Checker on the commit message — Say which patch will define it; a prototype alone is dead code.',
      'Carol Checker — Mon, 08 Jul 2024 15:00:00 +0000',
    ]);
    // Every node's parent chain leads back to the root (reveal needs it).
    assert.deepEqual(tree.getParent(first[0]!), v2[1]);
    assert.deepEqual(tree.getParent(v2[1]!), versions[1]);
  });

  test('a remark opens the mail it was made in, as a read-only document', async () => {
    await openThread();
    const { tree } = await api();
    const cover = tree.getChildren(tree.getChildren(tree.getChildren()[0])[1])[0]!;
    const remark = tree.getChildren(cover)[0]!;
    const command = tree.getTreeItem(remark).command!;
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(command.command, ...command.arguments!);
    assert.equal(doc.uri.scheme, 'reaperscope-mail');
    assert.match(doc.getText(), /^From: Bob Reviewer <bob@example.org>\n/);
    assert.match(doc.getText(), /Where is 3\/3\?/);
  });

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
    assert.deepEqual(problems.collection.get(fixture(MBOX)) ?? [], []);
  });

  test('the proposal is previewed applied to the patched file, and made in the file only when asked (undoable)', async () => {
    await openThread();
    await chooseVersion(0);
    const { comments, proposals } = await api();
    const thread = comments.reviewer.find((t) => t.comments.length === 2)!;
    const note = thread.comments[0]! as ReviewNote;
    assert.equal(note.contextValue, 'reviewer-proposal');
    const uri = fixture('sys/kern/kern_sched.c');
    const before = await textOf(uri);
    const shown = await proposals.preview((await api()).review, note);
    assert.ok(shown);
    assert.equal(shown.change.base, 'patched');
    assert.ok(shown.change.before.includes('\tsched_fixture_flags |= 1;\n'));
    assert.ok(shown.change.after.includes('\tatomic_inc_int(&sched_fixture_ncpu);\n\tatomic_setbits_int(&sched_fixture_flags, 1);\n}'));
    assert.equal((await vscode.workspace.openTextDocument(uri)).getText(), before, 'the preview writes nothing');
    // On the unpatched file the suggestion cannot be made; after Apply Patch it can, and Undo takes it back.
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyProposal', note), false);
    const editor = await vscode.window.showTextDocument(uri);
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'applied');
    await until(async () => (await api()).review.session?.files[0]?.applied, 'the dry run after Apply');
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyProposal', note), true);
    assert.ok(editor.document.getText().includes('\tatomic_setbits_int(&sched_fixture_flags, 1);\n}'));
    await vscode.commands.executeCommand('undo');
    assert.ok(editor.document.getText().includes('\tsched_fixture_flags |= 1;\n}'));
  });

  test('the diff view shows the reviewers\' threads on the patched side too', async () => {
    await openThread();
    assert.equal(await vscode.commands.executeCommand('reaperscope.showDiff', 'sys/kern/kern_sched.c'), true);
    const { comments } = await api();
    const sides = await until(() => {
      const docs = vscode.window.visibleTextEditors.map((e) => e.document.uri).filter((u) => u.scheme.startsWith('reaperscope-'));
      const patched = docs.find((u) => u.scheme === 'reaperscope-patched');
      const unpatched = docs.find((u) => u.scheme === 'reaperscope-unpatched');
      return patched && unpatched && comments.diffSides.threadsOn(patched).length > 0 ? { patched, unpatched } : undefined;
    }, 'the diff editor with threads', 30_000).catch((error: Error) => {
      const editors = vscode.window.visibleTextEditors.map((e) => `${e.document.uri.toString()}: ${comments.diffSides.threadsOn(e.document.uri).length}`);
      throw new Error(`${error.message}; editors shown: ${editors.join(', ')}`);
    });
    const on = (uri: vscode.Uri): [number, string][] => comments.diffSides.threadsOn(uri).map((t): [number, string] => [t.line, t.thread.label ?? '']).sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    // Patched side: v1's unchanged atomic_inc line is new 68, Carol's v2 comment on new 69; the changed v1 line has no patched place.
    assert.deepEqual(on(sides.patched), [[68, 'Bob Reviewer · v1 · unchanged in v2'], [69, 'Carol Checker · v2']]);
    assert.deepEqual(on(sides.unpatched).map(([line]) => line), [68, 68, 68]);
  });

  test('Compose Reply answers each patch mail commented on: its own Re: subject, In-Reply-To and References, quoting only that patch', async () => {
    await openThread();
    const { comments } = await api();
    // v2 under review: 1/3 changes kern_sched.c (old line 68 is `-sched_fixture_ncpu++`), 2/3 proc.h (`+int reaper_count` after line 69).
    const made: vscode.CommentThread[] = [];
    for (const [path, line, text] of [['sys/sys/proc.h', 69, 'Why not unsigned?'], ['sys/kern/kern_sched.c', 68, 'Is the flag needed?']] as const) {
      const thread = comments.controller.createCommentThread(fixture(path), new vscode.Range(line - 1, 0, line - 1, 0), []);
      made.push(thread);
      await vscode.commands.executeCommand('reaperscope.createComment', { thread, text });
    }
    const replyDocs = (): vscode.TextDocument[] => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && /reaperscope-reply-\d+\.eml$/.test(d.uri.path));
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

  test('a maildir of the same mails reads as the same thread', async () => {
    const text = await textOf(fixture(MBOX));
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

  test('C files opened from a review take the tree\'s .editorconfig, else tabs of 8', async () => {
    await openThread();
    const { decorations } = await api();
    const top = fixture('.editorconfig');
    const kern = fixture('sys/kern/.editorconfig');
    const write = (uri: vscode.Uri, text: string): Thenable<void> => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      let editor = await vscode.window.showTextDocument(fixture('sys/kern/kern_sched.c'));
      await until(async () => { await decorations.indentation; return editor.options.tabSize === 8; }, 'KNF tabs of 8');
      assert.equal(editor.options.insertSpaces, false);
      await write(top, 'root = true\n\n[*.h]\nindent_style = space\nindent_size = 4\n');
      await write(kern, '[*.c]\ntab_width = 4\n');
      decorations.refresh();
      editor = await vscode.window.showTextDocument(fixture('sys/sys/proc.h'));
      // [*.h]: spaces, 4 columns (tab_width defaults to indent_size).
      await until(async () => { decorations.refresh(); await decorations.indentation; return editor.options.tabSize === 4 && editor.options.insertSpaces === true; }, 'proc.h from .editorconfig');
      editor = await vscode.window.showTextDocument(fixture('sys/kern/kern_sched.c'));
      // sys/kern/.editorconfig (not root) adds tab_width 4 for C; the top one says nothing about *.c: tabs.
      await until(async () => { decorations.refresh(); await decorations.indentation; return editor.options.tabSize === 4 && editor.options.insertSpaces === false; }, 'kern_sched.c from sys/kern/.editorconfig');
    } finally {
      await vscode.workspace.fs.delete(top).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(kern).then(undefined, () => undefined);
    }
  });
});
