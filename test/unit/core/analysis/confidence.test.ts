import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanWithCi, pairedDifference, studentTCdf, studentTQuantile } from '../../../../src/core/analysis/confidence';

test('Student t quantiles match the printed tables', () => {
  // t(0.975; df) from any statistics table
  const table: [number, number][] = [[1, 12.706], [2, 4.303], [4, 2.776], [9, 2.262], [29, 2.045], [120, 1.980]];
  for (const [df, t] of table) assert.ok(Math.abs(studentTQuantile(0.975, df) - t) < 0.001, `df ${df}`);
  assert.ok(Math.abs(studentTCdf(0, 5) - 0.5) < 1e-12);
  assert.ok(Math.abs(studentTCdf(-2.015, 5) - 0.05) < 1e-3);
});

test('paired difference with its 95 % interval', () => {
  // differences 1, 2, 3: mean 2, sd 1, half-width 4.303 / √3
  const d = pairedDifference([10, 10, 10], [11, 12, 13]);
  assert.equal(d.mean, 2);
  assert.ok(Math.abs(d.high - d.mean - 4.303 / Math.sqrt(3)) < 1e-3);
  assert.equal(d.n, 3);
  assert.deepEqual(meanWithCi([4]), { mean: 4, low: 4, high: 4, n: 1 });
  assert.throws(() => pairedDifference([1], [1, 2]));
});
