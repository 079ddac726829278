import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stableTimeOrder, timeOrderWithSpare } from '../../../../src/core/events/time-order';

test('stableTimeOrder equals a stable comparator sort, for any run structure and ties', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (values) => {
      const ts = Float64Array.from(values);
      const expected = [...values.keys()].sort((a, b) => values[a]! - values[b]! || a - b);
      assert.deepEqual([...stableTimeOrder(ts, ts.length)], expected);
    }),
    { numRuns: 300, seed: 3 },
  );
});

test('per-CPU blocks (two ascending runs) interleave by time', () => {
  const ts = Float64Array.from([5, 7, 9, 1, 6, 9]);
  assert.deepEqual([...stableTimeOrder(ts, 6)], [3, 0, 4, 1, 2, 5]);
});

test('grouped by CPU: sorted by time, ties ordered by CPU, then by index within a CPU', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 3 })), { maxLength: 200 }), (events) => {
      const ts = Float64Array.from(events.map((e) => e[0]));
      const cpus = Uint16Array.from(events.map((e) => e[1]));
      const expected = [...events.keys()].sort((a, b) => ts[a]! - ts[b]! || cpus[a]! - cpus[b]! || a - b);
      assert.deepEqual([...stableTimeOrder(ts, ts.length, cpus)], expected);
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('timeOrderWithSpare gives the same order and hands back the merge buffer only when it merged', () => {
  const ts = Float64Array.from([5, 7, 9, 1, 6, 9]);
  const merged = timeOrderWithSpare(ts, 6);
  assert.deepEqual([...merged.order], [3, 0, 4, 1, 2, 5]);
  assert.ok(merged.spare !== null && merged.spare.length === 6 && merged.spare.buffer !== merged.order.buffer);
  // one ascending run: nothing to merge, no spare buffer
  assert.equal(timeOrderWithSpare(Float64Array.from([1, 2, 2, 3]), 4).spare, null);
});
