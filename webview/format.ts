/** Human formatting of the view's numbers (durations arrive in ns). */
import type { MetricRow } from '../src/protocol/activity-view';
import { formatNs } from '../src/core/common/format-ns';

export { formatNs };

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
