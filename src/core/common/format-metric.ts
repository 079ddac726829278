/** A metric value in its unit for people: the panel's table and the CLI's columns print the same. */
import type { MetricRow } from '../analysis/activity-view-model';
import { formatNs } from './format-ns';

/** `12.3 µs`, `1,234`, `5,678 /s`, `45.9 %`; `—` when there is no value. */
export function formatMetric(value: number | null, unit: MetricRow['unit']): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'ns': return formatNs(value);
    // One way for every count: grouped thousands, at most one decimal (a mean over seeds): `2,433.6`, `8,704`.
    case 'count': return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
    case '1/s': return `${value.toLocaleString('en-US', { maximumSignificantDigits: 4 })} /s`;
    case 'ratio': return `${(value * 100).toFixed(1)} %`;
  }
}

/** A mean with its 95 % interval: `12.3 µs [11.9 µs – 12.8 µs]`; the value alone without an interval. */
export function formatMetricWithInterval(value: number | null, interval: { low: number; high: number } | null | undefined, unit: MetricRow['unit']): string {
  const mean = formatMetric(value, unit);
  if (!interval || value === null || !Number.isFinite(value)) return mean;
  return `${mean} [${formatMetric(interval.low, unit)} – ${formatMetric(interval.high, unit)}]`;
}
