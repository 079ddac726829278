import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder, eventAt } from '../../../../src/core/events/event-table';
import { EventKind } from '../../../../src/core/events/event-kind';
import { recordingEnd } from '../../../../src/core/events/recording-end';

test('the builder sorts out-of-order events by time, keeping ties in insertion order', () => {
  const builder = new EventTableBuilder(1_720_624_895_000_000_000n, 2);
  const reaper = builder.strings.intern('reaper0');
  builder.push(300, 1, EventKind.OnCpu, 100_042, 0, reaper);
  builder.push(100, 0, EventKind.OffCpu, 100_007, 7, reaper, 100_042, 0);
  builder.push(300, 0, EventKind.Wakeup, 100_007, 7, reaper, 100_042, 1);
  builder.push(200, 3, EventKind.Sleep, 100_042, 0, reaper);
  const table = builder.finish();
  assert.equal(table.length, 4);
  assert.deepEqual([...table.ts], [100, 200, 300, 300]);
  assert.deepEqual([...table.cpu], [0, 3, 1, 0]);
  assert.equal(table.cpuCount, 4);
  assert.equal(eventAt(table, 0).comm, 'reaper0');
  assert.equal(eventAt(table, 0).arg0, 100_042);
  assert.equal(table.baseNs, 1_720_624_895_000_000_000n);
});

test('finish(endTs) records the end of the recording; finish() leaves it unknown', () => {
  const builder = new EventTableBuilder();
  const sh = builder.strings.intern('sh');
  builder.push(100, 0, EventKind.OnCpu, 100_007, 7, sh);
  assert.equal(builder.finish().endTs, undefined);
  assert.equal(builder.finish(20_000).endTs, 20_000);
  assert.equal(recordingEnd(builder.finish()), 100, 'unknown: the last event');
  assert.equal(recordingEnd(builder.finish(20_000)), 20_000);
  assert.equal(recordingEnd(builder.finish(50)), 100, 'never before the last event');
  assert.equal(recordingEnd(new EventTableBuilder().finish()), 0);
});
