import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../../src/core/analysis/stats';

test('summarize uses nearest-rank percentiles over 1..100', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i);
  const s = summarize(values);
  assert.deepEqual(s, { count: 100, mean: 50.5, p50: 50, p90: 90, p99: 99, max: 100 });
  assert.equal(values[0], 100, 'input left unsorted');
});

test('summarize of one value and of nothing', () => {
  assert.deepEqual(summarize([7]), { count: 1, mean: 7, p50: 7, p90: 7, p99: 7, max: 7 });
  assert.deepEqual(summarize([]), { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
});

test('summarize orders integers beyond 32 bits, fractions, negatives and -0 as numbers, like integers that fit', () => {
  // 32-bit integers (sorted as such) and the same with one value beyond 2^31 (sorted as doubles)
  assert.deepEqual(summarize([30, -5, 10, 20]), { count: 4, mean: 55 / 4, p50: 10, p90: 30, p99: 30, max: 30 });
  assert.deepEqual(summarize([2 ** 31, -5, 10, 20]), { count: 4, mean: (2 ** 31 + 25) / 4, p50: 10, p90: 2 ** 31, p99: 2 ** 31, max: 2 ** 31 });
  assert.deepEqual(summarize(Float64Array.of(2.5, 1.25, -0.5)), { count: 3, mean: 3.25 / 3, p50: 1.25, p90: 2.5, p99: 2.5, max: 2.5 });
  // -0 sorts before 0 among doubles; the median of [0, -0, 0] is then 0
  assert.ok(Object.is(summarize([0, -0, 0]).p50, 0));
  assert.ok(Object.is(summarize([-0, -0, 0]).p50, -0));
});
