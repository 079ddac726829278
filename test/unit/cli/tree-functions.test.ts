import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPatch } from '../../../src/core/patch/read-patch';
import { patchFunctionFinder } from '../../../src/cli/tree-functions';
import { fixturePath } from './run-cli';

test('a patch touching a C file gets the tree-sitter finder; one touching none gets null (nothing loaded)', async () => {
  const c = await readPatch(readFileSync(fixturePath('c/kern_sched_like.diff')), { fileName: 'c.diff' });
  const finder = await patchFunctionFinder(c);
  assert.ok(finder);
  // kern_sched_like.c defines sched_idle at lines 64-65 and sched_exit at 123-124; a span starts at the return-type line above the name (BSD style).
  const spans = finder.functionSpans(readFileSync(fixturePath('c/kern_sched_like.c'), 'utf8'));
  const idle = spans.find((s) => s.name === 'sched_idle')!;
  assert.deepEqual([idle.startLine, spans.find((s) => s.name === 'sched_exit')!.startLine], [64, 123]);
  const text = await readPatch(readFileSync(fixturePath('diffs/pure-rename.diff')), { fileName: 'r.diff' });
  assert.equal(await patchFunctionFinder(text), null);
  // A header counts as C (c-file.ts), and a deleted C file too.
  const header = await readPatch('--- a/sys/sys/proc.h\n+++ /dev/null\n@@ -1 +0,0 @@\n-int x;\n', { fileName: 'h.diff' });
  assert.ok(await patchFunctionFinder(header));
});
