import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cpuRunsOrder, MAX_MERGED_CPUS, stableTimeOrder, timeOrderWithSpare } from '../../../../src/core/events/time-order';

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

test('cpuRunsOrder orders as stableTimeOrder does: CPUs each in time order, then a tail in any order', () => {
  // per CPU ascending times (random steps), the CPUs interleaved at random; then a tail of
  // events at any time on any CPU (what a reader adds at the end)
  const event = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }));
  const late = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.nat(40));
  fc.assert(
    fc.property(fc.array(event, { maxLength: 300 }), fc.array(late, { maxLength: 100 }), fc.integer({ min: 1, max: 40 }), (steps, tail, cpuCount) => {
      const now = new Array<number>(cpuCount).fill(0);
      const cpus = Uint16Array.from([...steps.map(([, c], i) => (c * 7 + i) % cpuCount), ...tail.map(([, c]) => c % cpuCount)]);
      const ts = Float64Array.from([...steps.map(([step], i) => (now[cpus[i]!] = now[cpus[i]!]! + step)), ...tail.map(([t]) => t)]);
      const order = cpuRunsOrder(ts, ts.length, cpus);
      const used = cpus.length === 0 ? 0 : Math.max(...cpus) + 1;
      if (used > MAX_MERGED_CPUS) assert.equal(order, null);
      else if (4 * tail.length <= ts.length) assert.ok(order, 'a tail of at most a quarter is merged in');
      if (order) assert.deepEqual([...order], [...stableTimeOrder(ts, ts.length, cpus)]);
    }),
    { numRuns: 400, seed: 11 },
  );
});

test('cpuRunsOrder gives up when a CPU goes back in time before its last quarter', () => {
  // CPU 1: 4 then 2 at index 2: a tail of 4 of the 6 events
  assert.equal(cpuRunsOrder(Float64Array.from([1, 4, 2, 0, 5, 6]), 6, Uint16Array.from([0, 1, 1, 0, 0, 1])), null);
  // CPU 1: 4 then 2 at index 3, the last quarter: merged in; by time: 1 (index 0), 2 (3), 3 (2), 4 (1)
  assert.deepEqual([...cpuRunsOrder(Float64Array.from([1, 4, 3, 2]), 4, Uint16Array.from([0, 1, 0, 1]))!], [0, 3, 2, 1]);
  // one event per CPU: times 3, 2, 2, 2 on CPUs 0..3; the three at 2 by CPU (1, 2, 3), then the one at 3
  assert.deepEqual([...cpuRunsOrder(Float64Array.from([3, 2, 2, 2]), 4, Uint16Array.from([0, 1, 2, 3]))!], [1, 2, 3, 0]);
});
