// The plan of file operations, on git-format diffs of each kind (written by hand; the headers
// are those of git-diff(1) "generating patches with -p": new/deleted file mode, rename, copy,
// old/new mode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileOperations } from '../../../../../src/core/patch/apply/file-operations';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import type { FilePatch } from '../../../../../src/core/patch/model';

const one = (diff: string): FilePatch => parseDiff(diff).files[0]!;

const modified = one('diff --git a/sys/kern/a.c b/sys/kern/a.c\nold mode 100644\nnew mode 100755\n--- a/sys/kern/a.c\n+++ b/sys/kern/a.c\n@@ -1 +1 @@\n-x\n+y\n');
const added = one('diff --git a/sys/kern/n.c b/sys/kern/n.c\nnew file mode 100644\n--- /dev/null\n+++ b/sys/kern/n.c\n@@ -0,0 +1 @@\n+n\n');
const deleted = one('diff --git a/sys/kern/d.c b/sys/kern/d.c\ndeleted file mode 100644\n--- a/sys/kern/d.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-d\n');
const renamed = one('diff --git a/sys/kern/old.c b/sys/kern/new.c\nsimilarity index 90%\nrename from sys/kern/old.c\nrename to sys/kern/new.c\n--- a/sys/kern/old.c\n+++ b/sys/kern/new.c\n@@ -1 +1 @@\n-r\n+s\n');
const copied = one('diff --git a/sys/kern/c.c b/sys/kern/c2.c\nsimilarity index 90%\ncopy from sys/kern/c.c\ncopy to sys/kern/c2.c\n--- a/sys/kern/c.c\n+++ b/sys/kern/c2.c\n@@ -1 +1 @@\n-c\n+k\n');

test('a modified file is written where it is, with the new mode (0o755 from "new mode 100755")', () => {
  assert.deepEqual(fileOperations(modified, { exists: true, patchedText: 'y\n' }), [{ op: 'write', from: 'sys/kern/a.c', path: 'sys/kern/a.c', text: 'y\n', mode: 0o755 }]);
  // Reversed, the mode goes back to 100644.
  assert.deepEqual(fileOperations(modified, { exists: true, patchedText: 'x\n' }, { reverse: true }), [{ op: 'write', from: 'sys/kern/a.c', path: 'sys/kern/a.c', text: 'x\n', mode: 0o644 }]);
});

test('a new file is created; one that exists (empty) is written; reversed, it is deleted', () => {
  assert.deepEqual(fileOperations(added, { exists: false, patchedText: 'n\n' }), [{ op: 'create', path: 'sys/kern/n.c', text: 'n\n', mode: 0o644 }]);
  assert.deepEqual(fileOperations(added, { exists: true, patchedText: 'n\n' }), [{ op: 'write', from: 'sys/kern/n.c', path: 'sys/kern/n.c', text: 'n\n', mode: 0o644 }]);
  assert.deepEqual(fileOperations(added, { exists: true, patchedText: null }, { reverse: true }), [{ op: 'delete', path: 'sys/kern/n.c' }]);
});

test('a deleted file is deleted when it exists; reversed, it is created again', () => {
  assert.deepEqual(fileOperations(deleted, { exists: true, patchedText: null }), [{ op: 'delete', path: 'sys/kern/d.c' }]);
  assert.deepEqual(fileOperations(deleted, { exists: false, patchedText: null }), []);
  assert.deepEqual(fileOperations(deleted, { exists: false, patchedText: 'd\n' }, { reverse: true }), [{ op: 'create', path: 'sys/kern/d.c', text: 'd\n', mode: 0o644 }]);
});

test('a renamed file is written under its old name, then moved; reversed, moved back', () => {
  assert.deepEqual(fileOperations(renamed, { exists: true, patchedText: 's\n' }), [
    { op: 'write', from: 'sys/kern/old.c', path: 'sys/kern/old.c', text: 's\n', mode: null },
    { op: 'rename', from: 'sys/kern/old.c', to: 'sys/kern/new.c' },
  ]);
  assert.deepEqual(fileOperations(renamed, { exists: true, patchedText: 'r\n' }, { reverse: true }).map((o) => o.op === 'rename' ? [o.from, o.to] : o.op), ['write', ['sys/kern/new.c', 'sys/kern/old.c']]);
  // Without text (a binary rename), the move stays.
  assert.deepEqual(fileOperations(renamed, { exists: true, patchedText: null }), [{ op: 'rename', from: 'sys/kern/old.c', to: 'sys/kern/new.c' }]);
});

test('a copy creates its target and leaves the source; without text, nothing', () => {
  assert.deepEqual(fileOperations(copied, { exists: true, patchedText: 'k\n' }), [{ op: 'create', path: 'sys/kern/c2.c', text: 'k\n', mode: null }]);
  assert.deepEqual(fileOperations(copied, { exists: true, patchedText: null }), []);
});

test('a plain diff between two names writes the patched text to the new name', () => {
  const plain = one('--- sys/kern/a.c.orig\n+++ sys/kern/a.c\n@@ -1 +1 @@\n-x\n+y\n');
  assert.equal(plain.status, 'modified');
  assert.deepEqual(fileOperations(plain, { exists: true, patchedText: 'y\n' }), [{ op: 'write', from: 'sys/kern/a.c.orig', path: 'sys/kern/a.c', text: 'y\n', mode: null }]);
});

test('a failed file plans no write', () => {
  assert.deepEqual(fileOperations(modified, { exists: true, patchedText: null }), []);
});
