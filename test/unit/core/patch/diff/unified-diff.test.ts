import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import type { FilePatch } from '../../../../../src/core/patch/model';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');
const byPath = (files: FilePatch[], path: string): FilePatch => {
  const file = files.find((f) => (f.newPath ?? f.oldPath) === path);
  assert.ok(file, `no file ${path} in ${files.map((f) => f.newPath ?? f.oldPath).join(', ')}`);
  return file;
};

test('the seed patch gives the README table: 4 files, +44 -64, 12 hunks, blob ids', () => {
  const { files, diagnostics, firstDiffLine } = parseDiff(fixture('one-reaper-per-cpu.patch'));
  assert.deepEqual(diagnostics, []);
  assert.equal(firstDiffLine, 30, 'the first `diff --git` is on line 31');
  const table = files.map((f) => [f.oldPath, f.newPath, f.added, f.removed, f.hunks.length, f.oldBlob, f.newBlob, f.status]);
  assert.deepEqual(table, [
    ['sys/kern/init_main.c', 'sys/kern/init_main.c', 0, 5, 2, 'd571b0855cff', '83a03a14a042', 'modified'],
    ['sys/kern/kern_exit.c', 'sys/kern/kern_exit.c', 16, 43, 3, 'ba87dcd42cd0', 'a5cc37ac0f74', 'modified'],
    ['sys/kern/kern_sched.c', 'sys/kern/kern_sched.c', 28, 15, 6, '0ee965183323', 'c3e3d4a1c14b', 'modified'],
    ['sys/sys/proc.h', 'sys/sys/proc.h', 0, 1, 1, '50b708954bff', '6139f25c3640', 'modified'],
  ]);
  assert.equal(files.reduce((n, f) => n + f.added, 0), 44);
  assert.equal(files.reduce((n, f) => n + f.removed, 0), 64);
  assert.ok(files.every((f) => f.oldMode === '100644' && f.newMode === '100644'));
});

test('every seed hunk line has its old/new line numbers and its input line', () => {
  const text = fixture('one-reaper-per-cpu.patch');
  const inputLines = text.split('\n');
  const { files } = parseDiff(text);
  const exit = byPath(files, 'sys/kern/kern_exit.c');
  const reaperHunk = exit.hunks[2]!;
  assert.deepEqual([reaperHunk.oldStart, reaperHunk.oldLines, reaperHunk.newStart, reaperHunk.newLines, reaperHunk.header], [441, 20, 408, 26, 'void']);
  // The `+		}` closing the new sleep loop (the line the review comment is about).
  const closing = reaperHunk.lines.find((l) => l.kind === 'add' && l.text === '\t\t}');
  assert.ok(closing);
  assert.equal(closing.newLine, 427);
  assert.equal(closing.oldLine, null);
  assert.equal(inputLines[closing.sourceLine - 1], '+\t\t}');
  for (const file of files) {
    for (const hunk of file.hunks) {
      assert.equal(inputLines[hunk.sourceLine - 1]!.startsWith(`@@ -${hunk.oldStart},`), true);
      const oldNumbers = hunk.lines.filter((l) => l.kind !== 'add').map((l) => l.oldLine);
      const newNumbers = hunk.lines.filter((l) => l.kind !== 'remove').map((l) => l.newLine);
      assert.deepEqual(oldNumbers, Array.from({ length: hunk.oldLines }, (_, k) => hunk.oldStart + k));
      assert.deepEqual(newNumbers, Array.from({ length: hunk.newLines }, (_, k) => hunk.newStart + k));
      for (const line of hunk.lines) {
        const prefix = { context: ' ', add: '+', remove: '-' }[line.kind];
        assert.equal(inputLines[line.sourceLine - 1], prefix + line.text);
      }
    }
  }
});

test('git features: new, deleted, copied, renamed, mode change, binary patch, quoted paths, no newline', () => {
  const { files, diagnostics } = parseDiff(fixture('diffs/git-features.diff'));
  assert.deepEqual(diagnostics, []);
  assert.equal(files.length, 11);
  const added = byPath(files, 'dir/added.txt');
  assert.deepEqual([added.status, added.oldPath, added.newMode, added.oldBlob, added.added], ['added', null, '100644', '0000000', 2]);
  assert.equal(added.hunks[0]!.lines[0]!.newLine, 1);
  const deleted = byPath(files, 'dir/deleted.txt');
  assert.deepEqual([deleted.status, deleted.newPath, deleted.oldMode, deleted.removed], ['deleted', null, '100644', 1]);
  const copy = byPath(files, 'dir/copy-dst.txt');
  assert.deepEqual([copy.status, copy.oldPath, copy.similarity, copy.added, copy.removed], ['copied', 'dir/copy-src.txt', 93, 1, 1]);
  const rename = byPath(files, 'dir/renamed.txt');
  assert.deepEqual([rename.status, rename.oldPath, rename.similarity], ['renamed', 'dir/to-rename.txt', 87]);
  const script = byPath(files, 'dir/script.sh');
  assert.deepEqual([script.status, script.oldMode, script.newMode, script.hunks.length], ['modified', '100644', '100755', 0]);
  const blob = byPath(files, 'dir/blob.bin');
  assert.deepEqual([blob.binary, blob.hunks.length, blob.oldBlob], [true, 0, 'b43761b27df02a0c6c305120d37445368d1ac5e1']);
  assert.equal(byPath(files, 'dir/café.txt').added, 1, 'octal-escaped UTF-8 path is decoded');
  assert.equal(byPath(files, 'dir/tab\tname.txt').removed, 1, '\\t-escaped path is decoded');
  const nonl = byPath(files, 'dir/nonl.txt').hunks[0]!.lines;
  assert.deepEqual(nonl.map((l) => [l.kind, l.noNewlineAtEnd ?? false]), [['remove', true], ['add', false], ['add', false]]);
  const getsNonl = byPath(files, 'dir/gets-nonl.txt').hunks[0]!.lines;
  assert.equal(getsNonl[2]!.noNewlineAtEnd, true);
  assert.equal(getsNonl[2]!.text, 'line 2');
  const sched = byPath(files, 'sys/kern/kern_sched.c');
  assert.deepEqual(sched.hunks.map((h) => h.functions), [['sched_init_cpu'], ['sched_toidle']]);
});

test('`Binary files ... differ` marks the file binary, with no hunks', () => {
  const { files } = parseDiff(fixture('diffs/git-binary-differ.diff'));
  const blob = byPath(files, 'dir/blob.bin');
  assert.deepEqual([blob.binary, blob.hunks.length, blob.added, blob.removed], [true, 0, 0, 0]);
  assert.equal(files.length, 11);
});

test('a 100% rename has no hunks', () => {
  const { files } = parseDiff(fixture('diffs/pure-rename.diff'));
  assert.equal(files.length, 1);
  assert.deepEqual([files[0]!.status, files[0]!.oldPath, files[0]!.newPath, files[0]!.similarity, files[0]!.hunks.length],
    ['renamed', 'dir/renamed.txt', 'dir/moved.txt', 100, 0]);
});

test('paths without a/ b/ prefixes (--no-prefix, diff -ruN with timestamps)', () => {
  const noPrefix = parseDiff(fixture('diffs/no-prefix.diff')).files;
  assert.deepEqual(noPrefix.map((f) => [f.oldPath, f.newPath, f.added, f.removed]), [['sys/kern/kern_sched.c', 'sys/kern/kern_sched.c', 2, 1]]);
  const plain = parseDiff(fixture('diffs/diff-ru.diff'));
  assert.deepEqual(plain.files.map((f) => [f.oldPath, f.newPath, f.hunks.length, f.added, f.removed]), [['old/kern_sched.c', 'new/kern_sched.c', 2, 2, 1]]);
  assert.equal(plain.firstDiffLine, 1, '`---` on line 2 starts the diff');
});

test('CRLF input: the CR is removed, one info diagnostic, counts unchanged', () => {
  const { files, diagnostics } = parseDiff(fixture('diffs/crlf.diff'));
  assert.equal(files.length, 1);
  assert.deepEqual(files[0]!.hunks[0]!.lines.map((l) => l.text), ['first', 'second', '2nd', 'third']);
  assert.deepEqual(diagnostics.map((d) => [d.line, d.severity, d.code]), [[1, 'info', 'crlf-line-breaks']]);
});

const hunkOf = (body: string): string => `--- a/f.c\n+++ b/f.c\n${body}`;

test('white-space damaged: a context line without its leading space is read as context', () => {
  const body = '@@ -10,3 +10,3 @@ foo(void)\n{\n-a = 1;\n+a = 2;\n}\n';
  const strict = parseDiff(hunkOf(body));
  assert.equal(strict.diagnostics.some((d) => d.code === 'hunk-count-mismatch'), true);
  const damaged = parseDiff(hunkOf(body), { whitespaceDamaged: true });
  assert.deepEqual(damaged.files[0]!.hunks[0]!.lines.map((l) => [l.kind, l.text, l.oldLine, l.newLine]), [
    ['context', '{', 10, 10], ['remove', 'a = 1;', 11, null], ['add', 'a = 2;', null, 11], ['context', '}', 12, 12]]);
  assert.deepEqual(damaged.diagnostics.map((d) => d.code), ['whitespace-damaged']);
});

test('sourceLineOf maps line indexes to the caller\'s input lines', () => {
  const { files, diagnostics } = parseDiff(hunkOf('@@ -1,3 +1,3 @@\n a\n\n-b\n+B\n'), { sourceLineOf: (i) => 100 + i * 2 });
  assert.equal(files[0]!.sourceLine, 100);
  assert.equal(files[0]!.hunks[0]!.sourceLine, 104);
  assert.equal(files[0]!.hunks[0]!.lines[3]!.sourceLine, 112);
  assert.equal(diagnostics[0]!.line, 108);
});

test('junk, prose and lone hunk headers never throw', () => {
  assert.deepEqual(parseDiff('').files, []);
  assert.equal(parseDiff('hello\nworld\n').firstDiffLine, -1);
  const lone = parseDiff('@@ -1 +1 @@\n-a\n+b\n');
  assert.deepEqual([lone.files.length, lone.diagnostics[0]?.code], [0, 'hunk-without-file']);
  const badGit = parseDiff('diff --git\n');
  assert.equal(badGit.files.length, 0);
  const noPaths = parseDiff('diff --git nonsense\n');
  assert.equal(noPaths.diagnostics[0]?.code, 'bad-diff-git-line');
});

test('`index` lines: blob ids and mode read as git writes them, anything else ends the header', () => {
  // The reference: the regular expression the hand-written reader must agree with.
  const reference = /^index ([0-9a-fA-F]+)\.\.([0-9a-fA-F]+)(?: ([0-7]{6}))?\s*$/;
  const piece = fc.constantFrom('0', '7', 'a', 'F', 'g', '.', '..', ' ', '\t', '100644', '1006449', '  ');
  fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map((p) => `index ${p.join('')}`), (line) => {
    const file = parseDiff(`diff --git a/x.c b/x.c\n${line}\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-a\n+b\n`).files[0]!;
    const match = reference.exec(line);
    assert.equal(file.oldBlob, match?.[1]!.toLowerCase(), line);
    assert.equal(file.newBlob, match?.[2]!.toLowerCase(), line);
    assert.equal(file.oldMode, match?.[3], line);
  }), { numRuns: 5000 });
});

test('a combined diff of a merge (`git show` of a merge commit) is skipped with a warning, the next file is read', () => {
  // git-diff(1), "COMBINED DIFF FORMAT": `diff --cc`, an index line with one blob per parent, `@@@` hunks with two marker columns.
  const text = [
    'diff --cc sys/kern/kern_sched.c',
    'index 1111111,2222222..3333333',
    '--- a/sys/kern/kern_sched.c',
    '+++ b/sys/kern/kern_sched.c',
    '@@@ -10,3 -10,3 +10,4 @@@ sched_init_cpu(struct cpu_info *ci',
    '  a',
    ' -b',
    ' +c',
    '++d',
    'diff --git a/sys/kern/kern_exit.c b/sys/kern/kern_exit.c',
    '--- a/sys/kern/kern_exit.c',
    '+++ b/sys/kern/kern_exit.c',
    '@@ -1 +1 @@',
    '-x',
    '+y',
    '',
  ].join('\n');
  const parsed = parseDiff(text);
  assert.deepEqual(parsed.files.map((f) => [f.newPath, f.hunks.length, f.added, f.removed]), [['sys/kern/kern_exit.c', 1, 1, 1]]);
  assert.deepEqual(parsed.diagnostics.map((d) => [d.line, d.severity, d.code]), [[1, 'warning', 'combined-diff']]);
});

test('got(1) diffs: the `blob -`/`blob +` ids above a file\'s ---/+++ lines are its blob ids', () => {
  // As `got diff` prints them (got's lib/diff.c: "blob - %s", "blob + %s", "file + %s" for a
  // work-tree file, which has no id, each with " (mode %o)" after it when the mode changes); the
  // ids are git blob ids.
  const text = [
    'diff 5f3c0a1d2e4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0',
    'commit - 5f3c0a1d2e4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d',
    'commit + c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0',
    'blob - DAA834D0D2B0C4AFB4A33C1A1CD1B8F9F5D1F0E1',
    'blob + 25456be2f6c7e7a1f2b0d3e4c5a6b7c8d9e0f1a2',
    '--- sys/kern/kern_sched.c',
    '+++ sys/kern/kern_sched.c',
    '@@ -1 +1 @@',
    '-a',
    '+b',
    'blob - 0123456789abcdef0123456789abcdef01234567 (mode 644)',
    'file + sys/kern/kern_exit.c (mode 755)',
    '--- sys/kern/kern_exit.c',
    '+++ sys/kern/kern_exit.c',
    '@@ -1 +1 @@',
    '-c',
    '+d',
    '--- sys/kern/init_main.c',
    '+++ sys/kern/init_main.c',
    '@@ -1 +1 @@',
    '-e',
    '+f',
    '',
  ].join('\n');
  const { files, diagnostics } = parseDiff(text);
  assert.deepEqual(files.map((f) => [f.newPath, f.oldBlob, f.newBlob]), [
    ['sys/kern/kern_sched.c', 'daa834d0d2b0c4afb4a33c1a1cd1b8f9f5d1f0e1', '25456be2f6c7e7a1f2b0d3e4c5a6b7c8d9e0f1a2'],
    ['sys/kern/kern_exit.c', '0123456789abcdef0123456789abcdef01234567', undefined],
    ['sys/kern/init_main.c', undefined, undefined],
  ]);
  assert.deepEqual(diagnostics, []);
});

test('cvs diff -up (how many OpenBSD patches are sent): paths from ---/+++ without the date and revision', () => {
  // Index, RCS file and `diff -u -p -r1.99` lines, then labels with the date and (old side) the revision after tabs.
  const text = fixture('diffs/cvs-diff-up.diff');
  const { files, diagnostics } = parseDiff(text);
  assert.deepEqual(files.map((f) => [f.oldPath, f.newPath, f.status, f.added, f.removed, f.sourceLine]), [['sys/kern/kern_sched.c', 'sys/kern/kern_sched.c', 'modified', 2, 1, 5]]);
  assert.deepEqual(files[0]!.hunks[0]!.functions, ['sched_init_cpu']);
  assert.equal(files[0]!.oldRevision, '1.99', 'the revision of the --- label');
  assert.deepEqual(diagnostics, []);
});
