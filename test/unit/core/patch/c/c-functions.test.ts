import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hunkFunctions, loadCFunctionFinder, placedHunkFunctions } from '../../../../../src/core/patch/c/c-functions';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';

const read = (path: string): string => readFileSync(new URL(`../../../../fixtures/${path}`, import.meta.url), 'utf8');
const wasm = {
  runtime: new Uint8Array(readFileSync(new URL('../../../../../node_modules/web-tree-sitter/tree-sitter.wasm', import.meta.url))),
  grammar: new Uint8Array(readFileSync(new URL('../../../../../node_modules/tree-sitter-c/tree-sitter-c.wasm', import.meta.url))),
};
const hunks = parseDiff(read('c/kern_sched_like.diff')).files[0]!.hunks;

test('tree-sitter finds every BSD-style definition, spans starting at the return-type line', async () => {
  const finder = await loadCFunctionFinder(wasm);
  const spans = finder.functionSpans(read('c/kern_sched_like.c'));
  // Lines checked by hand in the fixture: `void` above each name, `}` in column 0 closing it.
  assert.deepEqual(spans.map((s) => [s.name, s.startLine, s.endLine]), [
    ['sched_init_cpu', 25, 42],
    ['sched_kthreads_create', 44, 62],
    ['sched_idle', 64, 118],
    ['sched_exit', 123, 134],
    ['sched_toidle', 136, 158],
    ['sched_chooseproc_locked', 160, 174],
  ]);
});

test('hunks map to functions by the pre-image, and by both images when the post-image is at hand', async () => {
  const finder = await loadCFunctionFinder(wasm);
  const oldSpans = finder.functionSpans(read('c/kern_sched_like.c'));
  const newSpans = finder.functionSpans(read('c/kern_sched_like.post.c'));
  assert.deepEqual(hunks.map((h) => hunkFunctions(h, oldSpans)), [
    [], ['sched_idle'], ['sched_exit', 'sched_toidle'], ['sched_toidle'],
  ]);
  assert.deepEqual(hunks.map((h) => hunkFunctions(h, oldSpans, newSpans)), [
    [], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle', 'sched_toproc'],
  ]);
});

test('without the source, the @@ header and the hunk text name the functions', () => {
  assert.deepEqual(hunks.map((h) => hunkFunctions(h, null)), [
    [], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle'],
  ]);
  const seed = parseDiff(read('one-reaper-per-cpu.patch')).files.map((f) => f.hunks.map((h) => h.functions));
  assert.deepEqual(seed, [
    [[], ['main']],
    [['exit1'], ['exit2'], ['reaper']],
    [[], ['sched_kthreads_create'], ['sched_kthreads_create'], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle']],
    [[]],
  ]);
});

test('placed: a hunk without old lines (diff -U0) is looked up where apply put it, one line after its oldStart', () => {
  // f() spans lines 10-12 of the tree (12: its closing brace). The hunk inserts a line after its
  // old line 2, which the tree has at line 11, inside f; apply reports the start of such a hunk
  // as the line after: 12.
  const hunk = parseDiff(['--- a/x.c', '+++ b/x.c', '@@ -2,0 +3 @@', '+\tn++;', ''].join('\n')).files[0]!.hunks[0]!;
  const spans = [{ name: 'f', startLine: 10, endLine: 12 }];
  assert.deepEqual(placedHunkFunctions([hunk], [12], spans, null), [['f']]);
  // Placed one line further (after the closing brace), the insertion is outside f.
  assert.deepEqual(placedHunkFunctions([hunk], [13], spans, null), [[]]);
});
