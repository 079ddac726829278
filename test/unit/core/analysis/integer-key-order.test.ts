import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { orderByIntegerKey } from '../../../../src/core/analysis/integer-key-order';

/** The reference: positions sorted by key with a stable comparator sort. */
const stable = (keys: number[]): number[] => keys.map((_, k) => k).sort((a, b) => keys[a]! - keys[b]! || a - b);

test('positions come out by key, ties in position order, whether the keys pack or take the comparator', () => {
  const key = fc.oneof(
    fc.integer({ min: 0, max: 50 }), // packed
    fc.constantFrom(2 ** 52, 0.5, -3), // too large to pack, not an integer, negative: the comparator
  );
  let packed = 0;
  fc.assert(
    fc.property(fc.array(key, { maxLength: 200 }), (keys) => {
      if (keys.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 40)) packed++;
      assert.deepEqual(Array.from(orderByIntegerKey(keys.length, (k) => keys[k]!)), stable(keys));
    }),
    { numRuns: 500, seed: 9 },
  );
  assert.ok(packed > 50, `${packed} runs packed`);
});

test('large table indices as keys still pack exactly', () => {
  const keys = [2_000_000_000, 7, 2_000_000_000, 1_999_999_999, 0];
  assert.deepEqual(Array.from(orderByIntegerKey(keys.length, (k) => keys[k]!)), [4, 1, 3, 0, 2]);
});
