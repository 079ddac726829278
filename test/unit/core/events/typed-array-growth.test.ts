import { test } from 'node:test';
import assert from 'node:assert/strict';
import { growTypedArray, roomFor } from '../../../../src/core/events/typed-array-growth';

test('doubles, keeps the type and the kept prefix, zeroes the rest', () => {
  const grown = growTypedArray(Int32Array.from([5, -6, 7, 8]), 5, 3);
  assert.ok(grown instanceof Int32Array);
  // 4 elements doubled = 8 (more than the 5 needed); 3 kept, the 4th not carried over
  assert.deepEqual([...grown], [5, -6, 7, 0, 0, 0, 0, 0]);
});

test('a need beyond double wins; the limit caps both', () => {
  assert.equal(growTypedArray(new Float64Array(4), 20).length, 20);
  assert.equal(growTypedArray(new Uint8Array(256), 300, 256, 400).length, 400, '512 capped at 400');
  assert.equal(growTypedArray(new Uint16Array(4), 20, 4, 10).length, 10, 'need 20 capped at 10');
});

test('roomFor keeps an array that fits and fills what it adds', () => {
  const fits = new Int32Array(4);
  assert.equal(roomFor(fits, 4, -1), fits, 'index 3 fits: the same array');
  const grown = roomFor(Float64Array.from([1, 2]), 3, NaN);
  // 2 doubled = 4 elements: the two kept, the two added NaN
  assert.deepEqual([...grown], [1, 2, NaN, NaN]);
  assert.deepEqual([...roomFor(Uint8Array.from([7]), 2, 0)], [7, 0]);
});
