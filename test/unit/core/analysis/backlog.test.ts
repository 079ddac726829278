import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { backlogMax, backlogSeries } from '../../../../src/core/analysis/backlog';

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

test('backlogMax is the series\' max and the largest value of a plain model (a Set of dead threads, a reap takes one)', () => {
  // [time step, kind: 0 Exit, 1 Dead, 2 exit syscall, 3 other syscall, 4 reap of a thread, 5 reap of an unknown one, thread 0..7]
  const event = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 7 }));
  fc.assert(
    fc.property(fc.array(event, { maxLength: 80 }), (events) => {
      const b = new EventTableBuilder();
      const comm = b.strings.intern('cc');
      const entered = new Set<number>();
      const values: number[] = [];
      let t = 0;
      let current = 0;
      for (const [step, k, who] of events) {
        t += step;
        const tid = 100_000 + who;
        const before = current;
        if (k === 0) b.push(t, 0, EventKind.Exit, tid, tid, comm);
        else if (k === 1) b.push(t, 0, EventKind.Dead, tid, tid, comm);
        else if (k === 2) b.push(t, 0, EventKind.Syscall, tid, tid, comm, 1);
        else if (k === 3) b.push(t, 0, EventKind.Syscall, tid, tid, comm, 4);
        else b.push(t, 0, EventKind.Reap, 100_100, 0, comm, k === 4 ? tid : -1);
        if (k <= 2 && !entered.has(tid)) {
          entered.add(tid);
          current++;
        } else if (k === 5 || (k === 4 && entered.has(tid))) current = Math.max(0, current - 1);
        if (current !== before) values.push(current);
      }
      const table = b.finish();
      const series = backlogSeries(table);
      assert.deepEqual([...series.value], values);
      assert.equal(series.max, Math.max(0, ...values));
      assert.equal(backlogMax(table), series.max);
    }),
    { numRuns: 300, seed: 41 },
  );
});
