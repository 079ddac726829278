import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath, runCli } from '../run-cli';
import { withTree } from '../temp-tree';

const pre = readFileSync(fixturePath('c/kern_sched_like.c'), 'utf8');
const post = readFileSync(fixturePath('c/kern_sched_like.post.c'), 'utf8');
const diff = fixturePath('c/kern_sched_like.diff');
const target = 'sys/kern/kern_sched_like.c';

test('apply --dry-run --json: per-hunk outcome, functions from tree-sitter, blob ids; nothing written', async () => {
  await withTree({ [target]: pre }, async (tree) => {
    const run = await runCli(['apply', diff, '--tree', tree, '--dry-run', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual([report.written, report.dryRun, report.reverse], [false, true, false]);
    const [file] = report.files;
    assert.deepEqual([file.ok, file.oldBlobMatches, file.newBlobMatches], [true, true, true]);
    assert.deepEqual(file.hunks.map((h: { status: string; offset: number; fuzz: number; line: number }) => [h.status, h.offset, h.fuzz, h.line]),
      [['exact', 0, 0, 11], ['exact', 0, 0, 83], ['exact', 0, 0, 130], ['exact', 0, 0, 146]]);
    assert.deepEqual(file.hunks.map((h: { functions: string[] }) => h.functions),
      [[], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle', 'sched_toproc']]);
    assert.equal(readFileSync(join(tree, target), 'utf8'), pre);
  });
});

test('apply writes the post-image keeping the file mode; --reverse gives the pre-image back', async () => {
  await withTree({ [target]: pre }, async (tree) => {
    chmodSync(join(tree, target), 0o640);
    const run = await runCli(['apply', diff, '--tree', tree]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /hunk 3\s+@@ -130,14 \+124,17 @@\s+exact at line 130\s+sched_exit, sched_toidle, sched_toproc/);
    assert.equal(readFileSync(join(tree, target), 'utf8'), post);
    assert.equal(statSync(join(tree, target)).mode & 0o777, 0o640);
    const again = await runCli(['apply', diff, '--tree', tree]);
    assert.equal(again.status, 1, 'applying twice fails');
    // The tree's file now has the index line's new blob id: applied already, whatever fuzz would match forward.
    assert.match(again.stderr, /kern_sched_like\.diff:1: sys\/kern\/kern_sched_like\.c: already applied \(its git blob is the index line's new id\)/);
    assert.match(again.stdout, /does not apply: already applied \(its git blob is the index line's new id\)/);
    assert.equal((await runCli(['apply', diff, '--tree', tree, '--reverse'])).status, 0);
    assert.equal(readFileSync(join(tree, target), 'utf8'), pre);
  });
});

test('offset: the tree has 3 more lines on top; hunks apply at offset +3', async () => {
  await withTree({ [target]: `/* one */\n/* two */\n/* three */\n${pre}` }, async (tree) => {
    const report = JSON.parse((await runCli(['apply', diff, '--tree', tree, '--json'])).stdout);
    assert.deepEqual(report.files[0].hunks.map((h: { status: string; offset: number }) => [h.status, h.offset]),
      [['offset', 3], ['offset', 3], ['offset', 3], ['offset', 3]]);
    assert.deepEqual([report.files[0].oldBlobMatches, report.files[0].newBlobMatches], [false, false]);
    assert.equal(readFileSync(join(tree, target), 'utf8'), `/* one */\n/* two */\n/* three */\n${post}`);
  });
});

test('all or nothing: one failing file keeps every file of the tree as it was', async () => {
  const features = readFileSync(fixturePath('diffs/git-features.diff'), 'utf8');
  const section = features.slice(features.indexOf('diff --git a/dir/gets-nonl.txt'), features.indexOf('diff --git a/dir/nonl.txt'));
  await withTree({ [target]: pre, 'dir/gets-nonl.txt': 'line one\nline TWO\n' }, async (tree) => {
    const patch = join(tree, 'two-files.diff');
    writeFileSync(patch, readFileSync(diff, 'utf8') + section);
    const run = await runCli(['apply', patch, '--tree', tree, '--json']);
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.files.map((f: { ok: boolean }) => f.ok), [true, false]);
    assert.equal(report.written, false);
    // kern_sched_like.diff has 84 lines; the second file's @@ is the 5th line of its section.
    assert.match(run.stderr, /two-files\.diff:89: dir\/gets-nonl\.txt: hunk 1 does not apply/);
    assert.equal(readFileSync(join(tree, target), 'utf8'), pre);
  });
});

test('a binary patch is refused and nothing else is written either', async () => {
  await withTree({ 'dir/added.txt': '' }, async (tree) => {
    const run = await runCli(['apply', fixturePath('diffs/git-features.diff'), '--tree', tree, '--dry-run']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /git-features\.diff:9: dir\/blob\.bin: Binary patch/);
  });
});

test('renames move the file; new files are created', async () => {
  await withTree({ 'dir/renamed.txt': 'a\nb\nc\nD\ne\nf\ng\nh\n' }, async (tree) => {
    assert.equal((await runCli(['apply', fixturePath('diffs/pure-rename.diff'), '--tree', tree])).status, 0);
    assert.equal(existsSync(join(tree, 'dir/renamed.txt')), false);
    assert.equal(readFileSync(join(tree, 'dir/moved.txt'), 'utf8'), 'a\nb\nc\nD\ne\nf\ng\nh\n');
    const added = 'diff --git a/dir/added.txt b/dir/added.txt\nnew file mode 100755\nindex 0000000..07f33c4\n--- /dev/null\n+++ b/dir/added.txt\n@@ -0,0 +1,2 @@\n+new\n+file\n';
    const run = await runCli(['apply', '-', '--tree', tree, '--json'], added);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).files[0].newBlobMatches, true);
    assert.equal(readFileSync(join(tree, 'dir/added.txt'), 'utf8'), 'new\nfile\n');
    assert.equal(statSync(join(tree, 'dir/added.txt')).mode & 0o777, 0o755);
  });
});

test('usage and bad input: no --tree is a usage error; a path leaving the tree is bad input', async () => {
  assert.equal((await runCli(['apply', diff])).status, 2);
  await withTree({}, async (tree) => {
    const evil = '--- a/../outside.txt\n+++ b/../outside.txt\n@@ -1 +1 @@\n-a\n+b\n';
    const run = await runCli(['apply', '-', '--tree', tree], evil);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /<stdin>:1: the path "\.\.\/outside\.txt" leaves the tree/);
  });
});

test('a white-space damaged patch (archive text, line breaks lost) is checked ignoring white space, never written', async () => {
  // The diff quoted in a reply, then flattened as a web mail archive shows it: one line, `> ` markers, white space collapsed.
  const quoted = readFileSync(diff, 'utf8').trimEnd().split('\n').map((l) => `> ${l.replace(/\s+/g, ' ').trim()}`).join(' ');
  const archive = `From: Mark Kettenis Subject: Re: sched toproc To: Christian Ludwig Date: Wed, 10 Jul 2024 17:42:45 +0200 Hi, ${quoted} Looks fine to me.\n`;
  await withTree({ [target]: pre }, async (tree) => {
    const run = await runCli(['apply', '-', '--tree', tree, '--json'], archive);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.files[0].hunks.map((h: { status: string }) => h.status), ['exact', 'exact', 'exact', 'exact']);
    assert.deepEqual([report.written, report.files[0].oldBlobMatches, report.files[0].newBlobMatches], [false, true, false],
      'the result lacks the indentation, so its blob id differs from the one the patch names');
    assert.equal(readFileSync(join(tree, target), 'utf8'), pre);
  });
});

test('-p 1 strips the first path component of a `diff -ruN old new` patch', async () => {
  await withTree({ 'kern_sched.c': readFileSync(fixturePath('diffs/small-sched.c'), 'utf8') }, async (tree) => {
    const without = await runCli(['apply', fixturePath('diffs/diff-ru.diff'), '--tree', tree]);
    assert.equal(without.status, 1, 'old/kern_sched.c is not in the tree');
    assert.match(without.stderr, /diff-ru\.diff:2: new\/kern_sched\.c: The file to patch does not exist\./);
    const run = await runCli(['apply', fixturePath('diffs/diff-ru.diff'), '--tree', tree, '-p', '1']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(join(tree, 'kern_sched.c'), 'utf8'), readFileSync(fixturePath('diffs/small-sched.post.c'), 'utf8'));
    assert.equal((await runCli(['apply', fixturePath('diffs/diff-ru.diff'), '--tree', tree, '-p', '2'])).status, 1, 'nothing left to strip');
  });
});

test('a cvs diff is checked against the RCS id of the tree\'s file: the revision it was made against matches, another differs', async () => {
  // The fixture starts with its RCS id (`$OpenBSD: kern_sched_like.c,v 1.1 ...$`), as a
  // checkout has it; here at revision 1.99. The patch is the same change as cvs diff -up prints
  // it, labelled with revision 1.99.
  const checkedOut = pre.replace(',v 1.1 ', ',v 1.99 ');
  assert.notEqual(checkedOut, pre);
  const body = readFileSync(diff, 'utf8');
  const hunks = body.slice(body.indexOf('\n@@ ') + 1);
  const cvsDiff = [
    `Index: ${target}`,
    '===================================================================',
    `RCS file: /cvs/src/${target},v`,
    'diff -u -p -r1.99 kern_sched_like.c',
    `--- ${target}\t8 Jul 2024 14:46:47 -0000\t1.99`,
    `+++ ${target}\t10 Jul 2024 15:21:35 -0000`,
    hunks,
  ].join('\n');
  await withTree({ [target]: checkedOut, 'p.diff': cvsDiff }, async (tree) => {
    const run = await runCli(['apply', join(tree, 'p.diff'), '--tree', tree, '--dry-run', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const [file] = JSON.parse(run.stdout).files;
    assert.deepEqual([file.ok, file.oldRevision, file.revisionMatches, file.oldBlobMatches], [true, '1.99', true, null]);
    const text = await runCli(['apply', join(tree, 'p.diff'), '--tree', tree, '--dry-run']);
    assert.match(text.stdout, /applies; old blob not checked, new blob not checked, revision 1\.99 matches/);
  });
  await withTree({ [target]: checkedOut.replace('v 1.99', 'v 1.100'), 'p.diff': cvsDiff }, async (tree) => {
    const [file] = JSON.parse((await runCli(['apply', join(tree, 'p.diff'), '--tree', tree, '--dry-run', '--json'])).stdout).files;
    assert.deepEqual([file.ok, file.revisionMatches], [true, false], 'the hunks still apply; the revision says the tree moved on');
  });
});
