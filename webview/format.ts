/** Human formatting of the view's numbers (durations arrive in ns). */
import type { MetricRow } from '../src/protocol/activity-view';

/** A duration in ns as `812 ns`, `3.4 µs`, `12.0 ms`, `1.25 s`. */
export function formatNs(ns: number): string {
  const abs = Math.abs(ns);
  if (abs < 1e3) return `${Math.round(ns)} ns`;
  if (abs < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (abs < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}

/** A metric value in its unit, for the table. */
export function formatMetric(value: number | null, unit: MetricRow['unit']): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'ns': return formatNs(value);
    case 'count': return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
    case '1/s': return `${value.toLocaleString('en-US', { maximumSignificantDigits: 4 })} /s`;
    case 'ratio': return `${(value * 100).toFixed(1)} %`;
  }
}
