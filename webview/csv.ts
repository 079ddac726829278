/** The metrics table as CSV (RFC 4180 quoting): one row per metric, one column per run. */
import type { ActivityView } from '../src/core/analysis/activity-view-model';
import { csvRecord } from '../src/core/common/csv';

/** A value as its CSV text (quoted by csvRecord): nothing for a missing one. */
function cell(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function metricsCsv(view: ActivityView): string {
  const labels = view.runs.map((r) => `${r.label} (${r.origin})`);
  const hasDiff = view.metrics.some((m) => m.difference);
  const header = ['key', 'label', 'unit', ...labels];
  if (hasDiff) for (const label of labels.slice(1)) header.push(`${label} diff mean`, `${label} diff low`, `${label} diff high`);
  const lines = [csvRecord(header)];
  for (const m of view.metrics) {
    const row: (string | number | null | undefined)[] = [m.key, m.label, m.unit, ...view.runs.map((_, i) => m.values[i])];
    if (hasDiff) for (let i = 1; i < view.runs.length; i++) {
      const d = m.difference?.[i];
      row.push(d?.mean, d?.low, d?.high);
    }
    lines.push(csvRecord(row.map(cell)));
  }
  return lines.join('\n') + '\n';
}
