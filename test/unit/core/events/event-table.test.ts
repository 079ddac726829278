/** Event rows as plain objects, on the btrace sample whose events the fixture README lists. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BYTES_PER_EVENT, eventAt } from '../../../../src/core/events/event-table';
import { EventKind } from '../../../../src/core/events/event-kind';
import { fixture, read } from '../trace/trace-test-helpers';

test('eventAt: the btrace sample rows, times relative to its first line (+500 ns)', () => {
  const t = read(fixture('btrace-baseline.txt')).table;
  assert.equal(t.length, 15);
  assert.equal(t.baseNs, 1_720_624_895_000_000_500n, 'the earliest nsecs in the file');
  // line 1 (CPU 1): ksh on__cpu at +500 → ts 0
  assert.deepEqual(eventAt(t, 0), { ts: 0, cpu: 1, kind: EventKind.OnCpu, tid: 100300, pid: 6000, comm: 'ksh', arg0: -1, arg1: -1 });
  // line 10 (CPU 0): sh off__cpu at +2000 towards tid 100010 (idle0) → ts 1500
  assert.deepEqual(eventAt(t, 3), { ts: 1500, cpu: 0, kind: EventKind.OffCpu, tid: 100200, pid: 5000, comm: 'sh', arg0: 100010, arg1: 0 });
  // line 12: idle0 wakes the reaper (100005) onto CPU 1 at +3000 → ts 2500
  assert.deepEqual(eventAt(t, 6), { ts: 2500, cpu: 0, kind: EventKind.Wakeup, tid: 100010, pid: 0, comm: 'idle0', arg0: 100005, arg1: 1 });
  // the last line by time: ksh back on CPU 1 at +60000 → 59500
  assert.equal(eventAt(t, 14).ts, 59_500);
  assert.equal(eventAt(t, 14).comm, 'ksh');
  const ts = Array.from({ length: t.length }, (_, i) => eventAt(t, i).ts);
  assert.deepEqual(ts, [...ts].sort((a, b) => a - b), 'rows in time order');
});

test('BYTES_PER_EVENT is what the columns hold per row (31 bytes, DESIGN.md)', () => {
  const t = read(fixture('btrace-baseline.txt')).table;
  const columns = [t.ts, t.cpu, t.kind, t.tid, t.pid, t.comm, t.arg0, t.arg1];
  assert.equal(BYTES_PER_EVENT, columns.reduce((n, c) => n + c.BYTES_PER_ELEMENT, 0));
  assert.equal(BYTES_PER_EVENT, 31);
});
