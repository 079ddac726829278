import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instantMarks } from '../../../../src/core/analysis/instant-marks';
import { fixture, read } from '../trace/trace-test-helpers';

test('the ftrace sample\'s one other event (sched_stat_runtime) becomes a mark with its time, CPU, name and fields', () => {
  const r = read(fixture('ftrace-flags5.txt'));
  const marks = instantMarks(r.table, 0, 3_000_000);
  // the sample's line: <idle>-0 [000] at 5000.002500 s, 2450000 ns after the first event (5000.000050 s)
  assert.deepEqual(marks, { names: ['sched_stat_runtime'], total: 1, marks: [{ tNs: 2_450_000, cpu: 0, name: 0, fields: 'comm=kworker/0:1 pid=30 runtime=1200 [ns]' }] });
  // relative to a later start, and outside the window
  assert.equal(instantMarks(r.table, 450_000, 2_550_000)?.marks[0]?.tNs, 2_000_000);
  assert.equal(instantMarks(r.table, 0, 2_000_000), null);
});

test('a real capture: marks of sched_process_exec and sched_process_wait, spaced evenly when over the cap', () => {
  const r = read(fixture('linux-storm.report.txt'));
  const all = instantMarks(r.table, 0, Infinity)!;
  // the fixture README: 3 exec and 11 wait records
  assert.equal(all.total, 14);
  assert.deepEqual([...all.names].sort(), ['sched_process_exec', 'sched_process_wait']);
  assert.equal(all.marks.filter((m) => all.names[m.name] === 'sched_process_exec').length, 3);
  const few = instantMarks(r.table, 0, Infinity, 7)!;
  assert.equal(few.total, 14);
  // every second one of the 14
  assert.deepEqual(few.marks.map((m) => m.tNs), all.marks.filter((_, k) => k % 2 === 0).map((m) => m.tNs));
});
