import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ThreadSet } from '../../../../src/core/analysis/thread-set';

test('ThreadSet answers as a Set of the same tids would (btrace, Linux and out-of-range ids)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.boolean(), fc.oneof(fc.integer({ min: 100_000, max: 101_000 }), fc.integer({ min: -3, max: 2 ** 31 - 1 }))), { maxLength: 400 }), (ops) => {
      const set = new ThreadSet();
      const oracle = new Set<number>();
      for (const [add, tid] of ops) {
        if (add) {
          assert.equal(set.add(tid), !oracle.has(tid));
          oracle.add(tid);
        } else assert.equal(set.has(tid), oracle.has(tid));
      }
      assert.equal(set.size, oracle.size);
    }),
    { numRuns: 200, seed: 17 },
  );
});
