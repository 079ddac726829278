/**
 * The panel's views of traces, comparisons and simulations, from the core's analysis
 * (buildActivityView, the metric catalogue, paired differences over seeds). Pure of `vscode`.
 */
import { buildActivityView } from '../../core/analysis/activity-view';
import { pairedDifference } from '../../core/analysis/confidence';
import { metricRows } from '../../core/analysis/metric-catalog';
import { computeMetrics } from '../../core/analysis/run-metrics';
import { modelCosts } from '../../core/sim/model-costs';
import type { RunResult } from '../../core/sim/simulate';
import type { TraceReadResult } from '../../core/trace/trace-reader';
import type { ActivityView, MetricRow } from '../../core/analysis/activity-view-model';
import type { SimulationControls, VariantName } from '../../protocol/messages';

/** What was read: format, events, CPUs, and the lines that were not. */
export function readNote(read: TraceReadResult, fileName: string): string {
  const base = `${fileName}: ${read.format} trace, ${read.table.length} events on ${read.table.cpuCount} CPUs.`;
  const first = read.diagnostics[0];
  return first ? `${base} ${read.diagnostics.length} line(s) not read (first: line ${first.line}: ${first.message}).` : base;
}

const INFERRED = 'Exit→reap pairs in traces are inferred: a trace cannot see which dead thread a reap freed.';

export function traceView(read: TraceReadResult, fileName: string): ActivityView {
  return buildActivityView([{ table: read.table, label: fileName, origin: 'traced' }], {
    title: fileName, source: 'trace', notes: [readNote(read, fileName), INFERRED],
  });
}

export function comparisonView(reads: readonly TraceReadResult[], fileNames: readonly string[]): ActivityView {
  return buildActivityView(reads.map((r, i) => ({ table: r.table, label: fileNames[i] ?? `trace ${i + 1}`, origin: 'traced' as const })), {
    title: `${fileNames[0]} vs ${fileNames[1]}`, source: 'comparison',
    notes: [...reads.map((r, i) => readNote(r, fileNames[i] ?? `trace ${i + 1}`)), INFERRED],
  });
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

/**
 * Variants over seeds: charts from seed 1 of each variant; metrics are means over the seeds,
 * with the paired difference to the first variant (same seeds) and its 95 % interval.
 */
export function simulationView(runs: readonly { variant: VariantName; seeds: readonly RunResult[] }[], controls: SimulationControls): ActivityView {
  const options = (r: RunResult): { spanNs: number; cpus: number } => ({ spanNs: r.input.durationNs, cpus: r.input.cpus });
  // perSeed[run][seed] = metric rows of that one table.
  const perSeed = runs.map((r) => r.seeds.map((s) => metricRows([computeMetrics(s.table, options(s))])));
  const template = perSeed[0]?.[0] ?? [];
  const valuesOf = (run: number, row: number): number[] => (perSeed[run] ?? []).map((rows) => rows[row]?.values[0] ?? 0);
  const metrics: MetricRow[] = template.map((row, k) => ({
    key: row.key, label: row.label, unit: row.unit,
    values: runs.map((_, i) => mean(valuesOf(i, k))),
    difference: runs.map((_, i) => {
      if (i === 0 || controls.seeds < 2) return null;
      const d = pairedDifference(valuesOf(0, k), valuesOf(i, k));
      return { mean: d.mean, low: d.low, high: d.high };
    }),
  }));
  const first = runs[0]?.seeds[0];
  const simulated = first ? `${(first.input.durationNs / 1e6).toFixed(0)} ms` : '';
  return buildActivityView(runs.map((r) => ({ table: r.seeds[0]!.table, label: r.variant, origin: 'simulated' as const, ...options(r.seeds[0]!) })), {
    title: `${controls.workload}, ${controls.cpus} CPUs, ${controls.seeds} seed(s)`,
    source: 'simulation',
    metrics,
    ...(first ? { costs: modelCosts(first.costs) } : {}),
    notes: [
      `Charts show seed 1 of each variant; the metrics are means over ${controls.seeds} seed(s) of ${simulated} simulated time each${controls.seeds > 1 ? ', differences paired by seed with 95 % intervals' : ''}.`,
      'A model, not a measurement: costs come from reaperscope.costs (defaults cite their sources).',
    ],
  });
}
