import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, runCli } from '../run-cli';
import { withTree } from '../temp-tree';
import { mail, mbox, seriesMails } from '../../core/patch/mail/thread-mails';
import { twoVersions } from '../review-threads';

test('patch --json on the seed patch prints exactly the documented shape with the README facts', async () => {
  const run = await runCli(['patch', fixturePath('one-reaper-per-cpu.patch'), '--json']);
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(run.stdout);
  assert.deepEqual(Object.keys(json), ['files', 'totals', 'diffstat', 'comments', 'mail', 'whitespaceDamaged', 'diagnostics']);
  assert.deepEqual(json.totals, { files: 4, added: 44, removed: 64, hunks: 12 });
  assert.deepEqual(Object.keys(json.files[0]), ['oldPath', 'newPath', 'added', 'removed', 'oldBlob', 'newBlob', 'hunks']);
  assert.deepEqual(Object.keys(json.files[0].hunks[0]), ['oldStart', 'oldLines', 'newStart', 'newLines', 'header', 'functions']);
  assert.deepEqual(json.files.map((f: { newPath: string; added: number; removed: number; hunks: unknown[]; oldBlob: string; newBlob: string }) =>
    [f.newPath, f.added, f.removed, f.hunks.length, f.oldBlob, f.newBlob]), [
    ['sys/kern/init_main.c', 0, 5, 2, 'd571b0855cff', '83a03a14a042'],
    ['sys/kern/kern_exit.c', 16, 43, 3, 'ba87dcd42cd0', 'a5cc37ac0f74'],
    ['sys/kern/kern_sched.c', 28, 15, 6, '0ee965183323', 'c3e3d4a1c14b'],
    ['sys/sys/proc.h', 0, 1, 1, '50b708954bff', '6139f25c3640'],
  ]);
  assert.deepEqual(json.files[1].hunks[0], {
    oldStart: 378, oldLines: 11, newStart: 378, newLines: 10,
    header: 'exit1(struct proc *p, int xexit, int xsig, int flags)', functions: ['exit1'],
  });
  assert.deepEqual(json.files[0].hunks[0].functions, [], '`struct plimit limit0;` is not a function');
  assert.equal(json.diffstat.matches, true);
  assert.deepEqual(json.diffstat.claimed.totals, { files: 4, added: 44, removed: 64 });
  assert.deepEqual(json.mail, { from: 'Christian Ludwig', date: 'Wed, 10 Jul 2024 17:21:35 +0200', subject: 'One reaper per CPU' });
  assert.deepEqual([json.comments, json.whitespaceDamaged], [[], false]);
});

test('patch on the review reply: the comment is on the `+\t\t}` closing the sleep loop (kern_exit.c new line 427)', async () => {
  const json = JSON.parse((await runCli(['patch', fixturePath('one-reaper-per-cpu.review.eml'), '--json'])).stdout);
  assert.equal(json.comments.length, 1);
  const [comment] = json.comments;
  assert.deepEqual([comment.author, comment.file, comment.side, comment.line], ['Mark Kettenis', 'sys/kern/kern_exit.c', 'new', 427]);
  assert.match(comment.text, /spc_deadproc list is only\s+ever tocuhed by the CPU that owns it/);
  assert.deepEqual(json.totals, { files: 4, added: 44, removed: 64, hunks: 12 });
});

test('patch reads standard input and prints a readable summary', async () => {
  const run = await runCli(['patch', '-'], readFileSync(fixturePath('one-reaper-per-cpu.patch')));
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^One reaper per CPU$/m);
  assert.match(run.stdout, /^sys\/kern\/kern_exit\.c\s+\+\s+16 -\s+43\s+3 hunks\s+ba87dcd42cd0\.\.a5cc37ac0f74$/m);
  assert.match(run.stdout, /^4 files, \+44 -64, 12 hunks; the mail's diffstat \(4 files, \+44 -64\) matches$/m);
  assert.match(run.stdout, /@@ -230,14 \+230,17 @@\s+sched_exit, sched_toidle, sched_toproc$/m);
});

test('patch --tree takes functions from the C sources with tree-sitter', async () => {
  const diff = fixturePath('c/kern_sched_like.diff');
  const tree = mkdtempSync(join(tmpdir(), 'reaperscope-tree-'));
  try {
    mkdirSync(join(tree, 'sys/kern'), { recursive: true });
    copyFileSync(fixturePath('c/kern_sched_like.c'), join(tree, 'sys/kern/kern_sched_like.c'));
    const functions = async (args: string[]) => JSON.parse((await runCli(['patch', diff, '--json', ...args])).stdout)
      .files[0].hunks.map((h: { functions: string[] }) => h.functions);
    // From the @@ headers and hunk text, the renamed function's new name shows up in hunk 3.
    assert.deepEqual(await functions([]), [[], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle']]);
    // From the tree: removed lines by the file's functions, added lines by the patched file's
    // (where sched_toidle's lines now belong to sched_toproc), as apply names them.
    const expected = [[], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle', 'sched_toproc']];
    assert.deepEqual(await functions(['--tree', tree]), expected);
    // A tree that is not the patch's base: 40 more lines on top, so every hunk applies 40 lines
    // further down; the functions are found there, not at the header's line numbers.
    const source = readFileSync(fixturePath('c/kern_sched_like.c'), 'utf8');
    const padding = Array.from({ length: 40 }, (_, i) => `int\tpadding_${i};`).join('\n');
    writeFileSync(join(tree, 'sys/kern/kern_sched_like.c'), source.replace('\n', `\n${padding}\n`));
    assert.deepEqual(await functions(['--tree', tree]), expected);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

test('bad input exits 1 naming the file and line; usage mistakes exit 2', async () => {
  const none = await runCli(['patch', fixturePath('c/kern_sched_like.c')]);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /kern_sched_like\.c:1: no diff found/);
  const short = await runCli(['patch', '-'], '--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n');
  assert.equal(short.status, 1);
  assert.match(short.stderr, /<stdin>:6: error: Hunk @@ -1,3 \+1,3 @@ \(line 3\)/);
  const missing = await runCli(['patch', '/nonexistent/x.patch']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /\/nonexistent\/x\.patch: cannot read the file \(ENOENT\)/);
  assert.equal((await runCli(['patch'])).status, 2);
  // Several inputs are a thread (mails of one review); each must be readable.
  const two = await runCli(['patch', '/nonexistent/a.eml', '/nonexistent/b.eml']);
  assert.equal(two.status, 1);
  assert.match(two.stderr, /\/nonexistent\/a\.eml: cannot read the file \(ENOENT\)/);
  assert.equal((await runCli(['patch', '--bogus', 'a'])).status, 2);
});

test('the summary names renames, copies, binaries, mode changes and quotes a path with a tab', async () => {
  const run = await runCli(['patch', fixturePath('diffs/git-features.diff')]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^dir\/copy-src\.txt → dir\/copy-dst\.txt\s+\+\s+1 -\s+1\s+1 hunk\s+1c99002\.\.742bd57\s+\(copied 93%\)$/m);
  assert.match(run.stdout, /^dir\/to-rename\.txt → dir\/renamed\.txt .*\(renamed 87%\)$/m);
  assert.match(run.stdout, /^dir\/blob\.bin .*\(binary\)$/m);
  assert.match(run.stdout, /^dir\/script\.sh .*\(mode 100644 → 100755\)$/m);
  assert.match(run.stdout, /^"dir\/tab\\tname\.txt" /m);
  assert.match(run.stdout, /^11 files, \+11 -8, 10 hunks; no diffstat in the mail$/m);
});

test('patch on a cvs diff names the revision each file was diffed against', async () => {
  const run = await runCli(['patch', fixturePath('diffs/cvs-diff-up.diff')]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^sys\/kern\/kern_sched\.c\s+\+\s+2 -\s+1\s+1 hunk\s+revision 1\.99$/m);
});

test('several messages are a thread: an mbox, a folder of mails, a maildir; a file that is not mail is named', async () => {
  const mails = twoVersions();
  const files: Record<string, string> = { 'mails/notes.txt': 'remember to test on arm64\n' };
  mails.forEach((m, i) => (files[`mails/${String(i).padStart(2, '0')}.eml`] = m));
  await withTree(files, async (dir) => {
    const run = await runCli(['patch', join(dir, 'mails')]);
    assert.equal(run.status, 0, run.stderr);
    // 8 mails (twoVersions) and a note that is not mail.
    assert.match(run.stdout, /^8 messages: 2 series, 5 patches, 1 reply$/m);
    assert.match(run.stdout, /notes\.txt:1: warning: .* \[not-mail\]$/m);
    const fromMbox = JSON.parse((await runCli(['patch', '-', '--json'], mbox(mails))).stdout);
    assert.deepEqual(fromMbox.series.map((s: { patches: unknown[] }) => s.patches.length), [3, 2]);
  });
});

test('patch on one mail keeps the one-patch shape; a thread without any diff is bad input', async () => {
  const one = seriesMails({ version: 1, total: 1, cover: false, threading: 'none', minute: 0 }).map(mail);
  const json = JSON.parse((await runCli(['patch', '-', '--json'], one[0])).stdout);
  assert.deepEqual(Object.keys(json), ['files', 'totals', 'diffstat', 'comments', 'mail', 'whitespaceDamaged', 'diagnostics']);
  const talk = mbox([mail({ id: 'a@x', subject: 'scheduler meeting', body: 'Tuesday?\n' }), mail({ id: 'b@x', subject: 'Re: scheduler meeting', inReplyTo: 'a@x', body: 'Yes.\n' })]);
  const run = await runCli(['patch', '-'], talk);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /no diff found in 2 message/);
});

test('patch --tree on a thread takes each patch\'s functions from the tree where its hunk applies', async () => {
  // Every generated patch adds a line after ` {` and ` \tint s;` (@@ -10,3 +10,4 @@ stepN(void)); in
  // this tree those lines are 6-7 of reaper_loop (lines 4-9): the hunk applies at offset -4.
  const source = ['/*', ' * A scheduler file.', ' */', 'void', 'reaper_loop(void)', '{', '\tint s;', '', '}', ''].join('\n');
  await withTree({ 'sys/kern/kern_sched.c': source }, async (tree) => {
    const functions = async (args: string[]) => JSON.parse((await runCli(['patch', '-', '--json', ...args], mbox(twoVersions()))).stdout)
      .series.flatMap((s: { patches: { files: { hunks: { functions: string[] }[] }[] }[] }) => s.patches.map((p) => p.files[0]!.hunks[0]!.functions));
    assert.deepEqual(await functions([]), [['step1'], ['step2'], ['step3'], ['step1'], ['step3']]);
    assert.deepEqual(await functions(['--tree', tree]), [['reaper_loop'], ['reaper_loop'], ['reaper_loop'], ['reaper_loop'], ['reaper_loop']]);
  });
});
