import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { backlogSeries } from '../../../../src/core/analysis/backlog';

test('each dead thread counts once (Exit, exit syscall or Dead), each reap of one of them or of an unknown thread takes one', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  const reaper = b.strings.intern('reaper');
  b.push(10, 0, EventKind.Exit, 100_010, 10, cc);
  b.push(12, 0, EventKind.Dead, 100_010, 10, cc); // the same thread again: no change
  b.push(20, 1, EventKind.Syscall, 3_000_000, 11, cc, 302); // __threxit, a tid beyond the direct range
  b.push(25, 1, EventKind.Syscall, 100_012, 12, cc, 4); // write(2): not an exit
  b.push(30, 0, EventKind.Reap, 100_005, 0, reaper, -1); // a trace's reap: the thread is unknown
  b.push(40, 0, EventKind.Reap, 100_005, 0, reaper, 999); // a thread never seen dead: no change
  b.push(50, 0, EventKind.Reap, 100_005, 0, reaper, 3_000_000);
  b.push(60, 0, EventKind.Reap, 100_005, 0, reaper, -1); // backlog already 0: stays 0
  const s = backlogSeries(b.finish());
  assert.deepEqual([...s.ts], [10, 20, 30, 50]);
  assert.deepEqual([...s.value], [1, 2, 1, 0]);
  assert.equal(s.max, 2);
});
