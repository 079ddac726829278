import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCompact, formatMetric, formatPlainMetric } from '../../../../src/core/common/format-metric';

test('metric values in their units; a missing or infinite value is a dash', () => {
  assert.equal(formatMetric(12_345, 'ns'), '12.3 µs');
  assert.equal(formatMetric(1234, 'count'), '1,234');
  // Counts one way: grouped thousands, at most one decimal (a mean over seeds).
  assert.equal(formatMetric(2.5, 'count'), '2.5');
  assert.equal(formatMetric(2433.6, 'count'), '2,433.6');
  assert.equal(formatMetric(5678, '1/s'), '5,678 /s');
  assert.equal(formatMetric(0.459, 'ratio'), '45.9 %');
  assert.equal(formatMetric(null, 'ns'), '—');
  assert.equal(formatMetric(Infinity, 'count'), '—');
});

test('plain metric columns: no space before %, counts as they are', () => {
  assert.equal(formatPlainMetric(0.459, 'ratio'), '45.9%');
  assert.equal(formatPlainMetric(1234, 'count'), '1234');
  assert.equal(formatPlainMetric(850, 'ns'), '850 ns');
});

test('compact cells: 3 significant digits, k and M, cut to the width', () => {
  assert.equal(formatCompact(12_345), '12.3k');
  assert.equal(formatCompact(1_234_567), '1.23M');
  assert.equal(formatCompact(250), '250');
  assert.equal(formatCompact(42), '42');
  assert.equal(formatCompact(3.14159), '3.14');
  assert.equal(formatCompact(-0.001234, 5), '-0.00');
});
