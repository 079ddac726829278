import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPatch } from '../../../src/core/patch/read-patch';
import { InputError } from '../../../src/cli/command';
import { EXIT_PATH_FILES, readExitPathTree, requireCParser } from '../../../src/cli/exit-path-tree';
import { fixturePath } from './run-cli';
import { withTree } from './temp-tree';

const tree = fixturePath('c/exit-path');

test('the three files of the exit path, read from the tree as they are', async () => {
  const files = await readExitPathTree(tree, null);
  assert.deepEqual(files.map((f) => f.path), EXIT_PATH_FILES);
  assert.deepEqual(EXIT_PATH_FILES, ['sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/kern/init_main.c']);
  assert.equal(files[0]!.text, readFileSync(fixturePath('c/exit-path/sys/kern/kern_exit.c'), 'utf8'));
});

test('the C files a patch changes join them; one the tree lacks and headers are left out', async () => {
  // The seed patch changes init_main.c, kern_exit.c, kern_sched.c (already in the list) and sys/sys/proc.h (not C).
  const seed = await readPatch(readFileSync(fixturePath('one-reaper-per-cpu.patch')), { fileName: 'seed' });
  assert.deepEqual((await readExitPathTree(tree, seed)).map((f) => f.path), EXIT_PATH_FILES);
  const other = await readPatch('--- a/sys/kern/kern_synch.c\n+++ b/sys/kern/kern_synch.c\n@@ -1 +1 @@\n-a\n+b\n', { fileName: 'synch' });
  await withTree({ 'sys/kern/kern_exit.c': 'int x;\n', 'sys/kern/kern_synch.c': 'int y;\n' }, async (dir) => {
    assert.deepEqual(await readExitPathTree(dir, other), [{ path: 'sys/kern/kern_exit.c', text: 'int x;\n' }, { path: 'sys/kern/kern_synch.c', text: 'int y;\n' }]);
    assert.deepEqual((await readExitPathTree(dir, seed)).map((f) => f.path), ['sys/kern/kern_exit.c']);
  });
});

test('a tree with none of the exit path\'s files is bad input; so is a patched path leaving the tree', async () => {
  await withTree({ 'sys/kern/other.c': 'int x;\n' }, async (dir) => {
    await assert.rejects(readExitPathTree(dir, null), (e: unknown) => e instanceof InputError && e.message === `${dir}: none of sys/kern/kern_exit.c, sys/kern/kern_sched.c, sys/kern/init_main.c is in this tree (give the directory that holds sys/)`);
    const leaving = await readPatch('--- a/../x.c\n+++ b/../x.c\n@@ -1 +1 @@\n-a\n+b\n', { fileName: 'p.diff' });
    await assert.rejects(readExitPathTree(dir, leaving, 'p.diff'), (e: unknown) => e instanceof InputError && /^p\.diff:0: the path "\.\.\/x\.c" leaves the tree$/.test(e.message));
  });
});

test('the C parser is there (the wasm files are installed with the package) and reads C', async () => {
  const parser = await requireCParser();
  const root = parser.parse('int\nf(void)\n{\n\treturn 0;\n}\n')!.rootNode;
  assert.equal(root.child(0)!.type, 'function_definition');
  assert.equal(await requireCParser(), parser, 'loaded once');
});
