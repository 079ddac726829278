/** A metric value in its unit for people: the panel's table and the CLI's columns print the same. */
import type { MetricRow } from '../analysis/activity-view-model';
import { formatNs } from './format-ns';

/** `12.3 µs`, `1,234`, `5,678 /s`, `45.9 %`; `—` when there is no value. */
export function formatMetric(value: number | null, unit: MetricRow['unit']): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'ns': return formatNs(value);
    case 'count': return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
    case '1/s': return `${value.toLocaleString('en-US', { maximumSignificantDigits: 4 })} /s`;
    case 'ratio': return `${(value * 100).toFixed(1)} %`;
  }
}
