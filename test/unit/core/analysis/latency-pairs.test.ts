import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PairList, isExitEvent } from '../../../../src/core/analysis/latency-pairs';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';

test('pairs added out of reap order come out in it; where they start is summed up', () => {
  const out = new PairList();
  out.add(100, 900, true, 7); // reap at table index 7
  out.add(200, 300, false, 2);
  out.add(250, 400, true, 5);
  const r = out.finish(true, true);
  // by reap index 2, 5, 7: 300-200, 400-250, 900-100
  assert.deepEqual([...r.latenciesNs], [100, 150, 800]);
  assert.deepEqual([...r.startsNs], [200, 250, 100]);
  assert.equal(r.startsAt, 'mixed');
  assert.equal(r.inferred, true);
});

test('no pairs: labelled by whether the table records exits', () => {
  assert.equal(new PairList().finish(false, true).startsAt, 'exit');
  assert.equal(new PairList().finish(false, false).startsAt, 'last-off-cpu');
});

test('an exit is an Exit event or the exit/__threxit syscall, not another syscall', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  b.push(1, 0, EventKind.Exit, 1, 1, cc);
  b.push(2, 0, EventKind.Syscall, 1, 1, cc, 1);
  b.push(3, 0, EventKind.Syscall, 1, 1, cc, 302);
  b.push(4, 0, EventKind.Syscall, 1, 1, cc, 4);
  b.push(5, 0, EventKind.OffCpu, 1, 1, cc, 1);
  const t = b.finish();
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => isExitEvent(t, i)), [true, true, true, false, false]);
});
