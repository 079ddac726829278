import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gitDiffPaths, headerPath, plainPath, readQuoted, stripAbPrefixes } from '../../../../../src/core/patch/diff/diff-paths';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');
/** The argument (the text after `prefix`) of the first line of `text` that starts with `prefix` + `then`. */
const argumentOf = (text: string, prefix: string, then = ''): string => text.split('\n').find((l) => l.startsWith(prefix + then))!.slice(prefix.length);

test('a C-quoted path: octal escapes are the bytes of a UTF-8 name, simple escapes their character', () => {
  // git-features.diff: `diff --git "a/dir/caf\303\251.txt" ...`, \303\251 being é in UTF-8.
  const quoted = argumentOf(fixture('diffs/git-features.diff'), '--- ', '"');
  assert.deepEqual(readQuoted(quoted, 0), { value: 'a/dir/café.txt', end: quoted.length });
  assert.deepEqual(readQuoted('"a/tab\\there \\"q\\" \\\\"', 0), { value: 'a/tab\there "q" \\', end: 22 });
  // From the middle of a text: `end` is the index after the closing quote.
  assert.deepEqual(readQuoted('x "b/y" z', 2), { value: 'b/y', end: 7 });
  // Characters above ASCII written as they are are kept (encoded, then decoded again).
  assert.equal(readQuoted('"a/π.c"', 0)?.value, 'a/π.c');
  assert.equal(readQuoted('"a/never closed', 0), null);
});

test('the path of a ---/+++ line: quotes removed, the diff -u timestamp and cvs revision cut at the tab, /dev/null is none', () => {
  assert.equal(headerPath(argumentOf(fixture('diffs/diff-ru.diff'), '--- ')), 'old/kern_sched.c');
  assert.equal(headerPath(argumentOf(fixture('diffs/cvs-diff-up.diff'), '--- ')), 'sys/kern/kern_sched.c');
  assert.equal(headerPath(argumentOf(fixture('diffs/git-features.diff'), '+++ ', '"')), 'b/dir/caf\u00e9.txt');
  assert.equal(headerPath('a/sys/kern/kern_exit.c  \r'), 'a/sys/kern/kern_exit.c');
  assert.equal(headerPath('/dev/null'), null);
  assert.equal(headerPath('/dev/null\t1970-01-01 00:00:00 +0000'), null);
  // A space in a path without a timestamp is part of it.
  assert.equal(headerPath('a/dir with space/x.c'), 'a/dir with space/x.c');
});

test('a/ and b/ are removed only when both sides carry them (or one side is /dev/null)', () => {
  assert.deepEqual(stripAbPrefixes('a/sys/kern/kern_exit.c', 'b/sys/kern/kern_exit.c'), { oldPath: 'sys/kern/kern_exit.c', newPath: 'sys/kern/kern_exit.c' });
  assert.deepEqual(stripAbPrefixes(null, 'b/dir/added.txt'), { oldPath: null, newPath: 'dir/added.txt' });
  assert.deepEqual(stripAbPrefixes('a/dir/deleted.txt', null), { oldPath: 'dir/deleted.txt', newPath: null });
  // diff -ruN old/ new/: not git's prefixes, kept.
  assert.deepEqual(stripAbPrefixes('old/kern_sched.c', 'new/kern_sched.c'), { oldPath: 'old/kern_sched.c', newPath: 'new/kern_sched.c' });
  // One side only: kept as they are (`a/` may be a real directory).
  assert.deepEqual(stripAbPrefixes('a/x', 'x'), { oldPath: 'a/x', newPath: 'x' });
  assert.deepEqual(stripAbPrefixes('x', 'b/x'), { oldPath: 'x', newPath: 'b/x' });
  assert.deepEqual(stripAbPrefixes(null, null), { oldPath: null, newPath: null });
});

test('rename and copy arguments are plain paths, unquoted when quoted', () => {
  assert.equal(plainPath(argumentOf(fixture('diffs/pure-rename.diff'), 'rename to ')), 'dir/moved.txt');
  assert.equal(plainPath('"dir/caf\\303\\251.txt"'), 'dir/café.txt');
  assert.equal(plainPath('"unclosed'), '"unclosed');
});

test('the two paths of a diff --git line, prefixed, unprefixed, quoted and with spaces', () => {
  assert.deepEqual(gitDiffPaths(argumentOf(fixture('one-reaper-per-cpu.patch'), 'diff --git ')), { oldPath: 'sys/kern/init_main.c', newPath: 'sys/kern/init_main.c', prefixed: true });
  assert.deepEqual(gitDiffPaths(argumentOf(fixture('diffs/no-prefix.diff'), 'diff --git ')), { oldPath: 'sys/kern/kern_sched.c', newPath: 'sys/kern/kern_sched.c', prefixed: false });
  assert.deepEqual(gitDiffPaths(argumentOf(fixture('diffs/git-features.diff'), 'diff --git ', '"')), { oldPath: 'dir/café.txt', newPath: 'dir/café.txt', prefixed: true });
  assert.deepEqual(gitDiffPaths(argumentOf(fixture('diffs/pure-rename.diff'), 'diff --git ')), { oldPath: 'dir/renamed.txt', newPath: 'dir/moved.txt', prefixed: true });
  // Spaces: the split where both sides name the same file wins, then the one before ` b/`.
  assert.deepEqual(gitDiffPaths('a/my dir/x.c b/my dir/x.c'), { oldPath: 'my dir/x.c', newPath: 'my dir/x.c', prefixed: true });
  assert.deepEqual(gitDiffPaths('a/old name.c b/new name.c'), { oldPath: 'old name.c', newPath: 'new name.c', prefixed: true });
  assert.deepEqual(gitDiffPaths('dir x/f.c dir x/f.c'), { oldPath: 'dir x/f.c', newPath: 'dir x/f.c', prefixed: false });
  // Only the second path quoted.
  assert.deepEqual(gitDiffPaths('a/plain.c "b/t\\tab.c"'), { oldPath: 'plain.c', newPath: 't\tab.c', prefixed: true });
});

test('a diff --git line without two paths is none', () => {
  for (const argument of ['', 'nonsense', '"a/unclosed b/x', '"a/x"b/x', ' b/x', '"a/x" "b/unclosed'])
    assert.equal(gitDiffPaths(argument), null, JSON.stringify(argument));
});
