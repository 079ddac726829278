/**
 * Two traces side by side (before and after the patch): the same metrics of each
 * {@link TraceSummary} in one row, with the change. Reapers are matched by CPU, since the
 * patch replaces the one `reaper` by `reaperN` pegged to CPU N.
 */
import type { TraceSummary } from '../analysis/trace-summary';

export interface ComparisonRow {
  metric: string;
  /** Unit of a and b: 'ns', 'count' or 'ratio'. */
  unit: 'ns' | 'count' | 'ratio';
  a: number;
  b: number;
  /** b − a. */
  delta: number;
  /** b / a, null when a is 0. */
  ratio: number | null;
}

export interface TraceComparison {
  a: TraceSummary;
  b: TraceSummary;
  rows: ComparisonRow[];
}

function row(metric: string, unit: ComparisonRow['unit'], a: number, b: number): ComparisonRow {
  return { metric, unit, a, b, delta: b - a, ratio: a === 0 ? null : b / a };
}

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

/** The metrics of one summary as named values (shared by the comparison and the CSV export). */
export function summaryMetrics(s: TraceSummary): { metric: string; unit: ComparisonRow['unit']; value: number }[] {
  const out: { metric: string; unit: ComparisonRow['unit']; value: number }[] = [
    { metric: 'events', unit: 'count', value: s.events },
    { metric: 'cpus', unit: 'count', value: s.cpus },
    { metric: 'spanNs', unit: 'ns', value: s.spanNs },
    { metric: 'reaperThreads', unit: 'count', value: s.reapers.length },
    { metric: 'reaperRuns', unit: 'count', value: sum(s.reapers.map((r) => r.runs)) },
    { metric: 'reaperBusyNs', unit: 'ns', value: sum(s.reapers.map((r) => r.busyNs)) },
    { metric: 'reaps', unit: 'count', value: sum(s.reapers.map((r) => r.reaps)) },
    { metric: 'exitToReap.count', unit: 'count', value: s.exitToReapNs.count },
    { metric: 'exitToReap.meanNs', unit: 'ns', value: s.exitToReapNs.mean },
    { metric: 'exitToReap.p50Ns', unit: 'ns', value: s.exitToReapNs.p50 },
    { metric: 'exitToReap.p99Ns', unit: 'ns', value: s.exitToReapNs.p99 },
    { metric: 'exitToReap.maxNs', unit: 'ns', value: s.exitToReapNs.max },
    { metric: 'exits', unit: 'count', value: s.exits },
    { metric: 'contextSwitches', unit: 'count', value: s.contextSwitches },
    { metric: 'crossCpuWakeups', unit: 'count', value: s.crossCpuWakeups },
    { metric: 'idleHops', unit: 'count', value: s.idleHops },
    { metric: 'utilisation', unit: 'ratio', value: s.utilisation },
  ];
  const cpus = Math.max(s.cpus, ...s.reapers.map((r) => r.cpu + 1));
  for (let cpu = 0; cpu < cpus; cpu++) {
    const on = s.reapers.filter((r) => r.cpu === cpu);
    out.push({ metric: `cpu${cpu}.reaperRuns`, unit: 'count', value: sum(on.map((r) => r.runs)) });
    out.push({ metric: `cpu${cpu}.reaperBusyNs`, unit: 'ns', value: sum(on.map((r) => r.busyNs)) });
    out.push({ metric: `cpu${cpu}.reaps`, unit: 'count', value: sum(on.map((r) => r.reaps)) });
    out.push({ metric: `cpu${cpu}.utilisation`, unit: 'ratio', value: s.utilisationPerCpu[cpu] ?? 0 });
  }
  if (s.exitToFree) {
    out.push({ metric: 'exitToFree.count', unit: 'count', value: s.exitToFree.count });
    out.push({ metric: 'exitToSwitch.meanNs', unit: 'ns', value: s.exitToFree.exitToSwitch.mean });
    out.push({ metric: 'switchToFree.meanNs', unit: 'ns', value: s.exitToFree.switchToFree.mean });
    out.push({ metric: 'exitToFree.meanNs', unit: 'ns', value: s.exitToFree.exitToFree.mean });
  }
  return out;
}

/** Rows for every metric either trace has (a metric one lacks counts as 0 there). */
export function compareTraces(a: TraceSummary, b: TraceSummary): TraceComparison {
  const ma = summaryMetrics(a);
  const mb = new Map(summaryMetrics(b).map((m) => [m.metric, m]));
  const rows: ComparisonRow[] = [];
  for (const m of ma) {
    rows.push(row(m.metric, m.unit, m.value, mb.get(m.metric)?.value ?? 0));
    mb.delete(m.metric);
  }
  for (const m of mb.values()) rows.push(row(m.metric, m.unit, 0, m.value));
  return { a, b, rows };
}
