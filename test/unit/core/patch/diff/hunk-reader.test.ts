import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DiffCursor } from '../../../../../src/core/patch/diff/diff-cursor';
import { parseHunkHeaderAt } from '../../../../../src/core/patch/diff/hunk-header';
import { isFileHeaderPairAt, readHunk } from '../../../../../src/core/patch/diff/hunk-reader';
import type { FilePatch } from '../../../../../src/core/patch/model';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');

/** Reads the hunks that start `text` (its first line is a `@@` header) into one file, as parseDiff's loop does. */
function readHunks(text: string, options: { whitespaceDamaged?: boolean; sourceLine?: (i: number) => number } = {}) {
  const cursor = new DiffCursor(text, options.sourceLine ?? ((i) => i + 1), options.whitespaceDamaged ?? false);
  const file: FilePatch = { oldPath: 'f.c', newPath: 'f.c', status: 'modified', binary: false, hunks: [], added: 0, removed: 0, sourceLine: 1 };
  while (!cursor.done) {
    const range = parseHunkHeaderAt(text, cursor.pos, cursor.lineEnd);
    if (!range) break;
    readHunk(cursor, range, file);
  }
  const codes = cursor.diagnostics.map((d) => [d.line, d.severity, d.code]);
  return { file, cursor, codes };
}

/** The text of one file of a patch, from its first `@@` up to the next `diff --git` line. */
function hunksOf(patch: string, path: string): string {
  const start = patch.indexOf('@@', patch.indexOf(`diff --git a/${path} `));
  const end = patch.indexOf('\ndiff --git', start);
  return patch.slice(start, end < 0 ? patch.length : end + 1);
}

test('the seed\'s kern_sched.c and kern_exit.c: the README\'s hunks and counts, each line numbered in both files', () => {
  const patch = fixture('one-reaper-per-cpu.patch');
  const sched = readHunks(hunksOf(patch, 'sys/kern/kern_sched.c'));
  // README: kern_sched.c +28 -15 in 6 hunks; kern_exit.c +16 -43 in 3.
  assert.deepEqual([sched.file.hunks.length, sched.file.added, sched.file.removed], [6, 28, 15]);
  assert.deepEqual(sched.codes, []);
  const exit = readHunks(hunksOf(patch, 'sys/kern/kern_exit.c'));
  assert.deepEqual([exit.file.hunks.length, exit.file.added, exit.file.removed], [3, 16, 43]);
  for (const hunk of [...sched.file.hunks, ...exit.file.hunks]) {
    const old = hunk.lines.filter((l) => l.kind !== 'add');
    const now = hunk.lines.filter((l) => l.kind !== 'remove');
    assert.deepEqual([old.length, now.length], [hunk.oldLines, hunk.newLines]);
    // Old and new line numbers run on from the header's starts without a gap.
    assert.deepEqual(old.map((l) => l.oldLine), old.map((_, i) => hunk.oldStart + i));
    assert.deepEqual(now.map((l) => l.newLine), now.map((_, i) => hunk.newStart + i));
  }
});

test('each line keeps its kind, text and input line (through the caller\'s line map)', () => {
  const { file } = readHunks('@@ -3,2 +3,2 @@ sched_exit(struct proc *p)\n \tstruct cpu_info *ci;\n-\tint s;\n+\tint t;\n', { sourceLine: (i) => 100 + i });
  const hunk = file.hunks[0]!;
  assert.equal(hunk.sourceLine, 100);
  assert.equal(hunk.header, 'sched_exit(struct proc *p)');
  assert.deepEqual(hunk.lines.map((l) => [l.kind, l.text, l.oldLine, l.newLine, l.sourceLine]), [
    ['context', '\tstruct cpu_info *ci;', 3, 3, 101], ['remove', '\tint s;', 4, null, 102], ['add', '\tint t;', null, 4, 103]]);
  assert.deepEqual(hunk.functions, ['sched_exit']);
});

test('an empty side starts numbering after the header\'s line (`-0,0` of a new file, `-5,0` of an insertion after line 5)', () => {
  assert.deepEqual(readHunks('@@ -0,0 +1,2 @@\n+new\n+file\n').file.hunks[0]!.lines.map((l) => [l.oldLine, l.newLine]), [[null, 1], [null, 2]]);
  // A hunk that only adds after line 5 (`-5,0`): the added line is new line 6.
  assert.deepEqual(readHunks('@@ -5,0 +6 @@\n+x\n').file.hunks[0]!.lines.map((l) => [l.oldLine, l.newLine]), [[null, 6]]);
});

test('a hunk shorter than its counts is an error on the line where it ends', () => {
  // 1 @@, 2 ' a', 3 '-b', 4 '+B', 5 diff: one old and one new line short, found at line 5.
  const { file, codes } = readHunks('@@ -1,3 +1,3 @@\n a\n-b\n+B\ndiff --git a/g b/g\n');
  assert.equal(file.hunks[0]!.lines.length, 3);
  assert.deepEqual(codes, [[5, 'error', 'hunk-count-mismatch']]);
  // At the end of the text: on the last line.
  assert.deepEqual(readHunks('@@ -1,3 +1,3 @@\n a\n-b\n').codes, [[3, 'error', 'hunk-count-mismatch']]);
});

test('a hunk longer than its counts is a warning naming the extra line', () => {
  const { file, codes } = readHunks('@@ -1,2 +1,2 @@\n a\n-b\n+B\n+extra\n');
  assert.equal(file.added, 1);
  assert.deepEqual(codes, [[5, 'warning', 'hunk-count-mismatch']]);
});

test('the mail signature `-- ` after the last hunk is not a patch line', () => {
  const { cursor, codes } = readHunks('@@ -1,2 +1,2 @@\n a\n-b\n+B\n-- \n2.34.1\n');
  assert.deepEqual(codes, []);
  assert.equal(cursor.line(), '-- ');
});

test('an empty line inside a hunk with counts left is a stripped blank context line', () => {
  const { file, codes } = readHunks('@@ -1,3 +1,3 @@\n a\n\n-b\n+B\n');
  assert.deepEqual(file.hunks[0]!.lines.map((l) => [l.kind, l.text, l.oldLine, l.newLine]), [
    ['context', 'a', 1, 1], ['context', '', 2, 2], ['remove', 'b', 3, null], ['add', 'B', null, 3]]);
  assert.deepEqual(codes, [[3, 'info', 'stripped-blank-context']]);
});

test('white-space damaged input: a line without its marker is context while both sides have lines left', () => {
  const body = '@@ -10,3 +10,3 @@ foo(void)\n{\n-a = 1;\n+a = 2;\n}\n';
  assert.deepEqual(readHunks(body).codes, [[2, 'error', 'hunk-count-mismatch']]);
  const damaged = readHunks(body, { whitespaceDamaged: true });
  assert.deepEqual(damaged.file.hunks[0]!.lines.map((l) => [l.kind, l.text, l.oldLine, l.newLine]), [
    ['context', '{', 10, 10], ['remove', 'a = 1;', 11, null], ['add', 'a = 2;', null, 11], ['context', '}', 12, 12]]);
  assert.deepEqual(damaged.codes, []);
  // Not a `diff --git` line or the next `@@`: those end the hunk even then.
  assert.equal(readHunks('@@ -1,2 +1,2 @@\n a\ndiff --git a/g b/g\n', { whitespaceDamaged: true }).file.hunks[0]!.lines.length, 1);
});

test('`\\ No newline at end of file` marks the line before it and is not counted (git-features.diff)', () => {
  const { file, codes } = readHunks(hunksOf(fixture('diffs/git-features.diff'), 'dir/nonl.txt'));
  assert.deepEqual(codes, []);
  assert.deepEqual(file.hunks[0]!.lines.map((l) => [l.kind, l.text, l.noNewlineAtEnd ?? false]), [
    ['remove', 'no newline here', true], ['add', 'no newline here', false], ['add', 'now it has one', false]]);
  // After the last line of the hunk (counts used up) too.
  const last = readHunks(hunksOf(fixture('diffs/git-features.diff'), 'dir/gets-nonl.txt'));
  assert.deepEqual(last.file.hunks[0]!.lines.map((l) => l.noNewlineAtEnd ?? false), [false, false, true]);
  assert.ok(last.cursor.done);
});

test('CR LF line breaks are not part of the lines and are counted for the caller\'s diagnostic', () => {
  const { file, cursor } = readHunks('@@ -1,2 +1,2 @@\r\n a\r\n-b\n+B\r\n');
  assert.deepEqual(file.hunks[0]!.lines.map((l) => l.text), ['a', 'b', 'B']);
  // The header, ' a' and '+B' end with CR LF; the first is line index 0.
  assert.deepEqual([cursor.crLines, cursor.firstCrLine], [3, 0]);
});

test('a removed line starting with `--` is a patch line unless a `+++` line follows it (a new file\'s header)', () => {
  const sql = readHunks('@@ -1,2 +1,1 @@\n--- comment\n a\n');
  assert.deepEqual(sql.file.hunks[0]!.lines.map((l) => [l.kind, l.text]), [['remove', '-- comment'], ['context', 'a']]);
  const next = readHunks('@@ -1,2 +1,1 @@\n a\n--- a/g.c\n+++ b/g.c\n');
  assert.deepEqual(next.codes, [[3, 'error', 'hunk-count-mismatch']]);
  assert.equal(next.cursor.line(), '--- a/g.c');
});

test('a ---/+++ pair is found at an offset; a lone --- or one at the end is not', () => {
  const text = ' a\n--- a/g.c\n+++ b/g.c\n';
  assert.equal(isFileHeaderPairAt(text, 3), true);
  assert.equal(isFileHeaderPairAt(text, 0), false);
  assert.equal(isFileHeaderPairAt('--- a/g.c\n-b\n', 0), false);
  assert.equal(isFileHeaderPairAt('--- a/g.c\n', 0), false);
  assert.equal(isFileHeaderPairAt('--- a/g.c', 0), false);
});
