/** The metrics table as CSV (RFC 4180 quoting): one row per metric, one column per run. */
import type { ActivityView } from '../src/core/analysis/activity-view-model';

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function metricsCsv(view: ActivityView): string {
  const labels = view.runs.map((r) => `${r.label} (${r.origin})`);
  const hasDiff = view.metrics.some((m) => m.difference);
  const header = ['key', 'label', 'unit', ...labels];
  if (hasDiff) for (const label of labels.slice(1)) header.push(`${label} diff mean`, `${label} diff low`, `${label} diff high`);
  const lines = [header.map(cell).join(',')];
  for (const m of view.metrics) {
    const row: (string | number | null | undefined)[] = [m.key, m.label, m.unit, ...view.runs.map((_, i) => m.values[i])];
    if (hasDiff) for (let i = 1; i < view.runs.length; i++) {
      const d = m.difference?.[i];
      row.push(d?.mean, d?.low, d?.high);
    }
    lines.push(row.map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}
