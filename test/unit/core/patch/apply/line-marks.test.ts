import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineMarks } from '../../../../../src/core/patch/apply/line-marks';
import { lineOf, placementsOf, seedPatch } from '../../../seed';

// Removed lines per file from the mail's diffstat (fixtures README): 5, 43, 15, 1.
const removed: Record<string, number> = { 'sys/kern/init_main.c': 5, 'sys/kern/kern_exit.c': 43, 'sys/kern/kern_sched.c': 15, 'sys/sys/proc.h': 1 };

test('every removed line of the patch is marked once, as removed or changed', async () => {
  const patch = await seedPatch();
  for (const [path, count] of Object.entries(removed)) {
    const { file, placements } = placementsOf(patch, path);
    const marks = lineMarks(file, placements);
    assert.equal(marks.removed.length + marks.changed.length, count, path);
    assert.equal(new Set([...marks.removed, ...marks.changed]).size, count, path);
  }
});

test('exit2() is removed outright; the msleep_nsec loop is changed', async () => {
  const patch = await seedPatch();
  const { file, placements, text } = placementsOf(patch, 'sys/kern/kern_exit.c');
  const marks = lineMarks(file, placements);
  assert.ok(marks.removed.includes(lineOf(text, 'exit2(struct proc *p)')));
  assert.ok(marks.changed.includes(lineOf(text, 'msleep_nsec(&deadproc')));
  assert.ok(!marks.changed.includes(lineOf(text, 'exit2(struct proc *p)')));
});
