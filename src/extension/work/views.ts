/**
 * The panel's views of traces, comparisons and simulations, from the core's analysis
 * (buildActivityView, the metric catalogue, paired differences over seeds). Pure of `vscode`.
 */
import { buildActivityView } from '../../core/analysis/activity-view';
import { pairedDifference } from '../../core/analysis/confidence';
import { metricRows } from '../../core/analysis/metric-catalog';
import { computeMetrics } from '../../core/analysis/run-metrics';
import { siteMetricRows } from '../../core/analysis/site-metrics';
import { meanWithCi } from '../../core/analysis/confidence';
import { modelCosts } from '../../core/sim/model-costs';
import type { RunResult } from '../../core/sim/simulate';
import type { TraceReadResult } from '../../core/trace/trace-reader';
import type { ActivityView, MetricRow, RunKernel } from '../../core/analysis/activity-view-model';
import type { SimulationControls, VariantName } from '../../protocol/messages';

/** What was read: format, events, CPUs, and the lines that were not (counted as `reaperscope trace` counts them). */
export function readNote(read: TraceReadResult, fileName: string): string {
  const count = (n: number): string => n.toLocaleString('en-US');
  let base = `${fileName}: ${read.format} trace, ${count(read.table.length)} events on ${read.table.cpuCount} CPUs`;
  if (read.format !== 'btrace') {
    // Linux readers keep events of other kinds as generic events: only unreadable lines are not read
    if (read.unknownLines > 0) base += ` (${count(read.unknownLines)} of them other events, kept as they were recorded)`;
    if (read.junkLines === 0) return `${base}.`;
    const first = read.diagnostics.find((d) => d.severity !== 'info');
    return `${base}; ${count(read.junkLines)} ${read.format === 'trace-dat' ? 'records' : 'lines'} not read${first ? ` (first: line ${first.line}: ${first.message})` : ''}.`;
  }
  const unread = read.unknownLines + read.junkLines;
  if (unread === 0) return `${base}.`;
  const first = read.diagnostics[0];
  return `${base}; ${count(unread)} lines not read (${count(read.unknownLines)} unknown, ${count(read.junkLines)} unreadable${first ? `; first: line ${first.line}: ${first.message}` : ''}).`;
}

/** The kernel a trace format records: btrace is OpenBSD's dt(4), the ftrace formats Linux's. */
export const traceKernel = (read: TraceReadResult): RunKernel => (read.format === 'btrace' ? 'openbsd' : 'linux');

const INFERRED = 'Exit→reap pairs in traces are inferred: a trace cannot see which dead thread a reap freed.';
const LINUX = 'A Linux trace: Linux has no reaper thread; its latency is exit→free (sched_process_exit → sched_process_free, freed after an RCU grace period or the parent\'s wait).';

export function traceView(read: TraceReadResult, fileName: string): ActivityView {
  const kernel = traceKernel(read);
  return buildActivityView([{ table: read.table, label: fileName, origin: 'traced', kernel }], {
    title: fileName, source: 'trace', notes: [readNote(read, fileName), kernel === 'linux' ? LINUX : INFERRED],
  });
}

export function comparisonView(reads: readonly TraceReadResult[], fileNames: readonly string[]): ActivityView {
  const kernels = reads.map(traceKernel);
  return buildActivityView(reads.map((r, i) => ({ table: r.table, label: fileNames[i] ?? `trace ${i + 1}`, origin: 'traced' as const, kernel: kernels[i] })), {
    title: `${fileNames[0]} vs ${fileNames[1]}`, source: 'comparison',
    notes: [...reads.map((r, i) => readNote(r, fileNames[i] ?? `trace ${i + 1}`)), ...(kernels.includes('openbsd') ? [INFERRED] : []), ...(kernels.includes('linux') ? [LINUX] : [])],
    ...(new Set(kernels).size > 1 ? { warnings: ['One trace is from OpenBSD, the other from Linux: exit→reap and exit→free are different intervals, and a Linux trace has no reaper.'] } : {}),
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
  const perSeed = runs.map((r) => r.seeds.map((s) => [...metricRows([computeMetrics(s.table, options(s))]), ...siteMetricRows([s.table])]));
  const template = perSeed[0]?.[0] ?? [];
  const valuesOf = (run: number, row: number): number[] => (perSeed[run] ?? []).map((rows) => rows[row]?.values[0] ?? 0);
  const metrics: MetricRow[] = template.map((row, k) => ({
    key: row.key, label: row.label, unit: row.unit,
    values: runs.map((_, i) => mean(valuesOf(i, k))),
    interval: runs.map((_, i) => {
      if (controls.seeds < 2) return null;
      const m = meanWithCi(valuesOf(i, k));
      return { low: m.low, high: m.high };
    }),
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
