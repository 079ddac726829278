/**
 * The panel's views of traces, comparisons and simulations, put together from the core's
 * analysis (buildRunView per run, exit→reap latencies, reaper summaries). Pure of `vscode`.
 */
import { exitToReap } from '../../core/analysis/exit-to-reap';
import { findReapers } from '../../core/analysis/reaper-activity';
import { summarize } from '../../core/analysis/stats';
import type { RunResult } from '../../core/sim/simulate';
import type { EventTable } from '../../core/trace/event-table';
import type { TraceReadResult } from '../../core/trace/trace-reader';
import type { ActivityView, MetricRow, RunView } from '../../protocol/activity-view';
import type { SimulationControls, VariantName } from '../../protocol/messages';

/** Placeholder until src/core/analysis/activity-view.ts (buildRunView) lands. */
function buildRunView(_table: EventTable, _label: string, _origin: 'simulated' | 'traced'): RunView {
  throw new Error('per-CPU activity views are not available yet (src/core/analysis/activity-view.ts)');
}

/** Per-run numbers behind the metrics table. */
interface RunNumbers {
  exitToReapP50: number;
  exitToReapP99: number;
  exits: number;
  reaps: number;
  reapers: number;
}

function numbers(table: EventTable): RunNumbers {
  const latency = summarize(exitToReap(table).latenciesNs);
  const reapers = findReapers(table);
  return {
    exitToReapP50: latency.p50,
    exitToReapP99: latency.p99,
    exits: latency.count,
    reaps: reapers.reduce((n, r) => n + r.reaps, 0),
    reapers: reapers.length,
  };
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

/** Metric rows, one value per run; each run's value is the mean over its tables (seeds). */
function metricRows(runs: readonly (readonly RunNumbers[])[]): MetricRow[] {
  const row = (key: keyof RunNumbers, label: string, unit: MetricRow['unit']): MetricRow =>
    ({ key, label, unit, values: runs.map((seeds) => mean(seeds.map((n) => n[key]))) });
  return [
    row('exitToReapP50', 'exit→reap p50', 'ns'),
    row('exitToReapP99', 'exit→reap p99', 'ns'),
    row('exits', 'exits paired with a reap', 'count'),
    row('reaps', 'reaps', 'count'),
    row('reapers', 'reaper threads', 'count'),
  ];
}

export function traceView(read: TraceReadResult, fileName: string): ActivityView {
  const run = buildRunView(read.table, fileName, 'traced');
  const notes = [`${read.format} trace, ${read.table.length} events on ${read.table.cpuCount} CPUs.`];
  if (run.exitToReapInferred) notes.push('Exit→reap pairs are inferred: a trace cannot see which dead thread a reap freed.');
  if (read.diagnostics.length > 0) notes.push(`${read.diagnostics.length} line(s) could not be read (first: line ${read.diagnostics[0]!.line}: ${read.diagnostics[0]!.message}).`);
  return { title: fileName, source: 'trace', runs: [run], metrics: metricRows([[numbers(read.table)]]), notes };
}

export function comparisonView(reads: readonly TraceReadResult[], fileNames: readonly string[]): ActivityView {
  return {
    title: `${fileNames[0]} vs ${fileNames[1]}`,
    source: 'comparison',
    runs: reads.map((r, i) => buildRunView(r.table, fileNames[i] ?? `trace ${i + 1}`, 'traced')),
    metrics: metricRows(reads.map((r) => [numbers(r.table)])),
    notes: ['Both runs are traces: exit→reap pairs are inferred.'],
  };
}

export function simulationView(runs: readonly { variant: VariantName; seeds: readonly RunResult[] }[], controls: SimulationControls): ActivityView {
  const first = runs[0]?.seeds[0];
  const span = first ? `${(first.input.durationNs / 1e6).toFixed(0)} ms simulated` : '';
  return {
    title: `${controls.workload}, ${controls.cpus} CPUs, ${controls.seeds} seed(s)`,
    source: 'simulation',
    runs: runs.map((r) => buildRunView(r.seeds[0]!.table, r.variant, 'simulated')),
    metrics: metricRows(runs.map((r) => r.seeds.map((s) => numbers(s.table)))),
    notes: [
      `Charts show seed 1 of each variant; the metrics are means over ${controls.seeds} seed(s), ${span} each.`,
      'A model, not a measurement: costs come from reaperscope.costs (defaults cite their sources).',
    ],
  };
}
