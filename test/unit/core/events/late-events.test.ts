import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LateEvents } from '../../../../src/core/events/late-events';
import { emptyColumns } from '../../../../src/core/events/event-columns';
import { EventKind } from '../../../../src/core/events/event-kind';

/**
 * Rows pushed in arrival order `i`: a row not before the latest in-order row (by time, and by
 * CPU when ties go by CPU) is written in order, an earlier one is late (as the event-table
 * builder splits them).
 */
const pushes = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 4 })), { maxLength: 300 });

for (const byCpu of [true, false]) {
  test(`late events merged in give the stable sort of all rows (by time${byCpu ? ', CPU' : ''}, arrival)`, () => {
    fc.assert(
      fc.property(pushes, (rows) => {
        const to = emptyColumns(rows.length);
        const late = new LateEvents();
        let n = 0;
        let latest = -Infinity;
        let latestCpu = -1;
        rows.forEach(([ts, cpu], i) => {
          if (ts < latest || (byCpu && ts === latest && cpu < latestCpu)) late.push(ts, cpu, EventKind.Sleep, i, -1, 0, i, -1);
          else {
            latest = ts;
            latestCpu = cpu;
            to.ts[n] = ts;
            to.cpu[n] = cpu;
            to.tid[n] = i;
            to.arg0[n++] = i;
          }
        });
        late.mergeInto(to, n, byCpu);
        assert.equal(late.length, 0);
        const expected = rows.map(([ts, cpu], i) => ({ ts, cpu, i }))
          .sort((a, b) => a.ts - b.ts || (byCpu ? a.cpu - b.cpu : 0) || a.i - b.i);
        assert.deepEqual([...to.arg0], expected.map((e) => e.i));
        assert.deepEqual([...to.tid], expected.map((e) => e.i), 'whole rows move');
        assert.deepEqual([...to.ts], expected.map((e) => e.ts));
      }),
      { numRuns: 400, seed: 3 },
    );
  });
}

test('replay hands the late events back as pushed and empties the table', () => {
  const late = new LateEvents();
  for (let i = 0; i < 3000; i++) late.push(3000 - i, i % 3, EventKind.Dead, i, i + 1, 2, i, -i - 1);
  const seen: number[] = [];
  late.replay((ts, cpu, kind, tid, pid, comm, arg0, arg1) => {
    assert.equal(ts, 3000 - tid);
    assert.deepEqual([cpu, kind, pid, comm, arg0, arg1], [tid % 3, EventKind.Dead, tid + 1, 2, tid, -tid - 1]);
    seen.push(tid);
  });
  assert.deepEqual(seen, Array.from({ length: 3000 }, (_, i) => i));
  assert.equal(late.length, 0);
});
