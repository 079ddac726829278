import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { findReapers, reaperIndexOfComm } from '../../../../src/core/analysis/reaper-activity';

test('reaper names: global reaper, per-CPU reapers, others', () => {
  assert.equal(reaperIndexOfComm('reaper'), -1);
  assert.equal(reaperIndexOfComm('reaper12'), 12);
  assert.equal(reaperIndexOfComm('reaperx'), null);
  assert.equal(reaperIndexOfComm('cc'), null);
});

test('findReapers sums on→off intervals per reaper and counts its reaps', () => {
  const b = new EventTableBuilder();
  const r0 = b.strings.intern('reaper0');
  const r1 = b.strings.intern('reaper1');
  const cc = b.strings.intern('cc');
  b.push(100, 0, EventKind.OffCpu, 100_500, 500, cc, 100_010, 0);
  b.push(100, 0, EventKind.OnCpu, 100_010, 0, r0, 100_500, 500);
  b.push(150, 0, EventKind.Reap, 100_010, 0, r0, 100_500, 500);
  b.push(180, 0, EventKind.OffCpu, 100_010, 0, r0, 100_500, 500);
  b.push(200, 1, EventKind.OnCpu, 100_011, 0, r1);
  b.push(260, 1, EventKind.OffCpu, 100_011, 0, r1);
  b.push(300, 0, EventKind.OnCpu, 100_010, 0, r0);
  b.push(320, 0, EventKind.OffCpu, 100_010, 0, r0);
  b.push(400, 1, EventKind.OnCpu, 100_011, 0, r1);
  b.push(1000, 0, EventKind.OnCpu, 100_500, 0, cc);
  const reapers = findReapers(b.finish());
  assert.deepEqual(reapers, [
    { cpu: 0, comm: 'reaper0', tid: 100_010, runs: 2, busyNs: 80 + 20, reaps: 1 },
    // the second run of reaper1 is still open at the end of the trace (t = 1000)
    { cpu: 1, comm: 'reaper1', tid: 100_011, runs: 2, busyNs: 60 + 600, reaps: 0 },
  ]);
});

test('a reaper still running closes at the end of the recording when the table has one, else at its last event', () => {
  const events = (b: EventTableBuilder): void => {
    const r2 = b.strings.intern('reaper2');
    b.push(1000, 2, EventKind.OnCpu, 100_012, 0, r2);
    b.push(4000, 2, EventKind.Reap, 100_012, 0, r2, 100_500, 500);
  };
  const recorded = new EventTableBuilder();
  events(recorded);
  const old = new EventTableBuilder();
  events(old);
  assert.deepEqual(findReapers(recorded.finish(10_000)).map((r) => [r.runs, r.busyNs, r.reaps]), [[1, 9000, 1]]);
  assert.deepEqual(findReapers(old.finish()).map((r) => [r.runs, r.busyNs, r.reaps]), [[1, 3000, 1]]);
});

test('a single global reaper reports the CPU it ran on most', () => {
  const b = new EventTableBuilder();
  const r = b.strings.intern('reaper');
  b.push(0, 3, EventKind.OnCpu, 100_004, 0, r);
  b.push(10, 3, EventKind.OffCpu, 100_004, 0, r);
  b.push(20, 1, EventKind.OnCpu, 100_004, 0, r);
  b.push(70, 1, EventKind.OffCpu, 100_004, 0, r);
  const [only] = findReapers(b.finish());
  assert.equal(only?.cpu, 1);
  assert.equal(only?.busyNs, 60);
});
