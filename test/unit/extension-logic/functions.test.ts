import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFunctionSpans, functionAt } from '../../../src/extension/logic/function-spans';
import { describeChange, touchedFunctions } from '../../../src/extension/logic/touched-functions';
import { lineOf, placementsOf, seedPatch, workspaceText } from './seed';

test('BSD-style definitions of kern_sched.c are found with their return-type line', () => {
  const text = workspaceText('sys/kern/kern_sched.c');
  const spans = findFunctionSpans(text);
  assert.deepEqual(spans.map((s) => s.name), ['sched_init_cpu', 'sched_kthreads_create', 'sched_idle', 'sched_exit', 'sched_toidle', 'setrunqueue', 'remrunqueue', 'sched_peg_curproc']);
  const exit = spans.find((s) => s.name === 'sched_exit')!;
  assert.equal(exit.nameLine, lineOf(text, 'sched_exit(struct proc *p)'));
  assert.equal(exit.startLine, exit.nameLine - 1);
  assert.equal(functionAt(spans, lineOf(text, 'sched_toidle();'))?.name, 'sched_exit');
  // Prototypes are not definitions.
  assert.equal(spans.some((s) => s.nameLine === lineOf(text, 'void sched_kthreads_create(void *);')), false);
});

test('one-line GNU-style definitions are found too', () => {
  const spans = findFunctionSpans('static int foo(int a) {\n\treturn a;\n}\n\nint\nbar(void)\n{\n\treturn 0;\n}\n');
  assert.deepEqual(spans.map((s) => [s.name, s.startLine, s.endLine]), [['foo', 1, 3], ['bar', 5, 9]]);
});

test('the functions the patch touches in kern_sched.c add up to the diffstat (+28 −15)', async () => {
  const patch = await seedPatch();
  const { file, placements, text } = placementsOf(patch, 'sys/kern/kern_sched.c');
  const touched = touchedFunctions(file, placements, findFunctionSpans(text));
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
