import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPatch } from '../../../src/core/patch/read-patch';
import { InputError } from '../../../src/cli/command';
import { treeHunkFunctions, withTreeFunctions } from '../../../src/cli/tree-hunk-functions';
import { fixturePath } from './run-cli';
import { withTree } from './temp-tree';

const DIFF = fixturePath('c/kern_sched_like.diff');
const SOURCE = fixturePath('c/kern_sched_like.c');
// The reader's functions (from the @@ headers and the hunk text) and tree-sitter's where the
// hunks apply: the fourth hunk's added lines belong to sched_toproc in the patched file
// (test/unit/cli/commands/patch.test.ts shows both through the command).
const FROM_HEADERS = [[], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle']];
const FROM_TREE = [[], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle', 'sched_toproc']];

test('functions come from the tree where each hunk applies, also 40 lines further down; the read patch is not changed', async () => {
  const patch = await readPatch(readFileSync(DIFF), { fileName: 'p.diff' });
  const before = JSON.stringify(patch);
  const source = readFileSync(SOURCE, 'utf8');
  const padding = Array.from({ length: 40 }, (_, i) => `int\tpadding_${i};`).join('\n');
  for (const text of [source, source.replace('\n', `\n${padding}\n`)]) {
    await withTree({ 'sys/kern/kern_sched_like.c': text }, async (tree) => {
      const functions = await treeHunkFunctions(patch, tree, 'p.diff');
      assert.deepEqual(functions.get(patch.files[0]!), FROM_TREE);
      const printed = withTreeFunctions(patch, functions);
      assert.deepEqual(printed.files[0]!.hunks.map((h) => h.functions), FROM_TREE);
      // Everything else of the hunk is the read one: lines, counts, header.
      assert.deepEqual(printed.files[0]!.hunks.map((h) => [h.oldStart, h.newLines, h.header, h.lines.length]), patch.files[0]!.hunks.map((h) => [h.oldStart, h.newLines, h.header, h.lines.length]));
    });
  }
  assert.equal(JSON.stringify(patch), before);
  assert.deepEqual(patch.files[0]!.hunks.map((h) => h.functions), FROM_HEADERS);
});

test('a file the tree does not have keeps the reader\'s functions; a path leaving the tree is bad input', async () => {
  const patch = await readPatch(readFileSync(DIFF), { fileName: 'p.diff' });
  await withTree({ 'README': 'not the kernel\n' }, async (tree) => {
    const functions = await treeHunkFunctions(patch, tree, 'p.diff');
    assert.equal(functions.size, 0);
    assert.equal(withTreeFunctions(patch, functions), patch);
  });
  const escaping = await readPatch(readFileSync(DIFF, 'utf8').replaceAll('sys/kern/kern_sched_like.c', '../kern_sched_like.c'), { fileName: 'p.diff' });
  await withTree({}, async (tree) => {
    copyFileSync(SOURCE, join(tree, 'kern_sched_like.c'));
    await assert.rejects(treeHunkFunctions(escaping, join(tree, 'sub'), 'p.diff'), (e: unknown) => e instanceof InputError && /^p\.diff:1: the path "\.\.\/kern_sched_like\.c" leaves the tree$/.test(e.message));
  });
});

test('a hunk that does not apply to the tree keeps the reader\'s functions', async () => {
  const patch = await readPatch(readFileSync(DIFF), { fileName: 'p.diff' });
  // Hunk 4 removes `idle->p_stat = SRUN;` from sched_toidle; without that line in the tree it cannot apply.
  const source = readFileSync(SOURCE, 'utf8').replace(/\tidle->p_stat = SRUN;\n/, '');
  await withTree({ 'sys/kern/kern_sched_like.c': source }, async (tree) => {
    const functions = (await treeHunkFunctions(patch, tree, 'p.diff')).get(patch.files[0]!)!;
    assert.deepEqual(functions[3], FROM_HEADERS[3]);
    assert.deepEqual(functions[1], ['sched_idle']);
  });
});
