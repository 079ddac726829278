import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFilePatch } from '../../../../../src/core/patch/apply/file-check';
import { placedHunkFunctions } from '../../../../../src/core/patch/c/c-functions';
import { describeChange, functionAt, touchedFunctions } from '../../../../../src/core/patch/c/touched-functions';
import { cFinder, lineOf, placementsOf, seedPatch } from '../../../seed';

test('tree-sitter finds the BSD-style definitions of the workspace kern_sched.c', async () => {
  const { text } = placementsOf(await seedPatch(), 'sys/kern/kern_sched.c');
  const spans = (await cFinder()).functionSpans(text);
  assert.deepEqual(spans.map((s) => s.name), ['sched_init_cpu', 'sched_kthreads_create', 'sched_idle', 'sched_exit', 'sched_toidle', 'setrunqueue', 'remrunqueue', 'sched_peg_curproc']);
  const exit = spans.find((s) => s.name === 'sched_exit')!;
  // BSD style: the span starts at the `void` above the name.
  assert.equal(exit.startLine, lineOf(text, 'sched_exit(struct proc *p)') - 1);
  assert.equal(functionAt(spans, lineOf(text, 'sched_toidle();'))?.name, 'sched_exit');
});

test('the functions each hunk touches, found in the workspace file at its offsets', async () => {
  const patch = await seedPatch();
  const finder = await cFinder();
  const { file, text } = placementsOf(patch, 'sys/kern/kern_sched.c');
  const outcome = checkFilePatch(file, { text });
  const functions = placedHunkFunctions(file.hunks, outcome.starts, finder.functionSpans(text), finder.functionSpans(outcome.patchedText!));
  // Hunk 1 adds a prototype at file scope; hunk 5 ends sched_exit and renames sched_toidle to
  // sched_toproc; hunk 6 removes lines of the old sched_toidle, and adds lines to sched_toproc
  // and a new sched_toidle.
  assert.deepEqual(functions, [[], ['sched_kthreads_create'], ['sched_kthreads_create'], ['sched_idle'], ['sched_exit', 'sched_toidle', 'sched_toproc'], ['sched_toidle', 'sched_toproc']]);
});

test('the functions the patch touches in kern_sched.c add up to the diffstat (+28 −15)', async () => {
  const patch = await seedPatch();
  const { file, placements, text } = placementsOf(patch, 'sys/kern/kern_sched.c');
  const spans = (await cFinder()).functionSpans(text);
  const touched = touchedFunctions(file, placements, spans);
  assert.equal(touched.reduce((n, t) => n + t.added, 0), 28);
  assert.equal(touched.reduce((n, t) => n + t.removed, 0), 15);
  const create = touched.find((t) => t.name === 'sched_kthreads_create')!;
  // Hunk 2 adds `char comm[_MAXCOMLEN];`, hunk 3 the five lines creating the reaper.
  assert.deepEqual([create.added, create.removed, create.hunks], [6, 0, [1, 2]]);
  assert.equal(describeChange(create), '+6 −0 in 2 hunks');
  // sched_idle loses the seven lines of the dead-list loop, in hunk 4.
  const idle = touched.find((t) => t.name === 'sched_idle')!;
  assert.deepEqual([idle.added, idle.removed, idle.hunks], [0, 7, [3]]);
  assert.equal(idle.line, idle.span!.startLine);
  // Lenses sit in file order.
  assert.deepEqual(touched.map((t) => t.line), [...touched.map((t) => t.line)].sort((a, b) => a - b));
});
