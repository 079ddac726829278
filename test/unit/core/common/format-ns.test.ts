import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNs, formatUs } from '../../../../src/core/common/format-ns';

test('durations: three significant digits in the largest unit below the value', () => {
  assert.equal(formatNs(850), '850 ns');
  assert.equal(formatNs(12_345), '12.3 µs');
  assert.equal(formatNs(4_560_000), '4.56 ms');
  assert.equal(formatNs(1_200_000_000), '1.20 s');
  // 12 345 ns = 12.345 µs, one decimal.
  assert.equal(formatUs(12_345), '12.3');
});

test('the unit changes at 1 µs, 1 ms and 1 s; below 1 µs the ns are rounded to whole ones', () => {
  assert.equal(formatNs(999), '999 ns');
  assert.equal(formatNs(1000), '1.00 µs');
  assert.equal(formatNs(999_000), '999 µs');
  assert.equal(formatNs(1e6), '1.00 ms');
  assert.equal(formatNs(1e9), '1.00 s');
  assert.equal(formatNs(70.4), '70 ns');
  // The design's costs: the C3 exit (350 µs) and uvm_exit of a small process (50 µs).
  assert.equal(formatNs(350_000), '350 µs');
  assert.equal(formatNs(50_000), '50.0 µs');
});

test('a negative duration (a difference) is scaled by its size and keeps its sign', () => {
  assert.equal(formatNs(-12_345), '-12.3 µs');
  assert.equal(formatNs(-850), '-850 ns');
  // formatUs: −2 500 ns = −2.5 µs.
  assert.equal(formatUs(-2500), '-2.5');
  assert.equal(formatUs(0), '0.0');
});
