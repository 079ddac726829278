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
