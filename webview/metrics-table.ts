/**
 * The metrics table (vscode-table): one row per metric, one column per run (over seeds: the mean
 * with its 95 % interval, as hovers and CodeLenses show it), plus differences.
 */
import type { ActivityView, MetricRow } from '../src/core/analysis/activity-view-model';
import { el } from './dom';
import { formatMetric, formatMetricWithInterval } from './format';

function differenceText(row: MetricRow, i: number): string {
  const d = row.difference?.[i];
  if (!d) return '—';
  const f = (v: number) => formatMetric(v, row.unit);
  return `${d.mean >= 0 ? '+' : ''}${f(d.mean)} [${f(d.low)}, ${f(d.high)}]`;
}

export function metricsTable(view: ActivityView): HTMLElement {
  const hasDiff = view.metrics.some((m) => m.difference);
  const diffRuns = hasDiff ? view.runs.slice(1).map((_, k) => k + 1) : [];
  const headers = ['Metric', ...view.runs.map((r) => `${r.label} (${r.origin})`), ...diffRuns.map((i) => `Δ ${view.runs[i]!.label} − ${view.runs[0]!.label} (95 % CI)`)];
  const header = el('vscode-table-header', { slot: 'header' }, ...headers.map((h) => el('vscode-table-header-cell', {}, h)));
  const rows = view.metrics.map((m) => el('vscode-table-row', { 'data-key': m.key },
    el('vscode-table-cell', {}, m.label),
    ...view.runs.map((run, i) => {
      const value = m.values[i] ?? null;
      // A trace that cannot see this (no lock events, no reaper) says so; it did not measure zero.
      if (value === null && run.origin === 'traced') return el('vscode-table-cell', { class: 'not-recorded' }, 'not recorded in this trace');
      return el('vscode-table-cell', {}, formatMetricWithInterval(value, m.interval?.[i], m.unit));
    }),
    ...diffRuns.map((i) => el('vscode-table-cell', {}, differenceText(m, i))),
  ));
  return el('vscode-table', { class: 'metrics', zebra: true, 'bordered-rows': true, 'aria-label': 'Metrics' },
    header, el('vscode-table-body', { slot: 'body' }, ...rows));
}
