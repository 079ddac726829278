/**
 * Metric values for people, in one place: the panel's table and the CLI's columns
 * (formatMetric), the trace comparison's columns (formatPlainMetric) and the comparison
 * report's fixed-width cells (formatCompact). Durations alone are format-ns.ts.
 */
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

/** `12.3 µs` for ns, `45.9%` for a ratio, the number as it is otherwise (`trace --against`'s columns). */
export function formatPlainMetric(value: number, unit: string): string {
  return unit === 'ns' ? formatNs(value) : unit === 'ratio' ? `${(value * 100).toFixed(1)}%` : String(value);
}

/** A number in at most `width` characters: 3 significant digits, k/M suffixes (`12.3k`, `1.20M`). */
export function formatCompact(v: number, width = 7): string {
  const a = Math.abs(v);
  let s: string;
  if (a >= 1e6) s = `${(v / 1e6).toPrecision(3)}M`;
  else if (a >= 1e4) s = `${(v / 1e3).toPrecision(3)}k`;
  else if (a >= 100 || Number.isInteger(v)) s = v.toFixed(0);
  else s = v.toPrecision(3);
  return s.length > width ? s.slice(0, width) : s;
}
