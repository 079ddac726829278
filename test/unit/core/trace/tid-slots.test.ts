import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TidSlots } from '../../../../src/core/trace/tid-slots';

test('slots are dense, in order of first sight, for btrace tids and for ids beyond the direct range', () => {
  const slots = new TidSlots();
  assert.equal(slots.find(100_005), -1);
  assert.equal(slots.slot(100_005), 0);
  assert.equal(slots.slot(5_000_000), 1, 'beyond 2^21: kept in the map, same numbering');
  assert.equal(slots.slot(-1), 2);
  assert.equal(slots.slot(100_005), 0, 'seen before: its slot');
  assert.equal(slots.find(5_000_000), 1);
  assert.equal(slots.count, 3);
});

test('any tids: slot numbers equal the order of first sight (a Map as oracle)', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: -5, max: 2 ** 31 - 1 })), { maxLength: 400 }), (tids) => {
      const slots = new TidSlots();
      const oracle = new Map<number, number>();
      for (const tid of tids) {
        if (!oracle.has(tid)) oracle.set(tid, oracle.size);
        assert.equal(slots.slot(tid), oracle.get(tid));
      }
      for (const tid of tids) assert.equal(slots.find(tid), oracle.get(tid));
      assert.equal(slots.count, oracle.size);
    }),
    { numRuns: 200, seed: 11 },
  );
});
