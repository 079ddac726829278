/**
 * `reaperscope trace FILE --simulate`: baseline and patched simulated on the trace's CPU count
 * for its span, with the panel's metrics (metric-catalog.ts) for the trace and each run.
 */
import type { ViewRun } from '../core/analysis/activity-view';
import { metricRows } from '../core/analysis/metric-catalog';
import { formatMetric } from '../core/common/format-metric';
import { formatNs } from '../core/common/format-ns';
import { defaultCosts } from '../core/sim/costs';
import {
  runMetrics, simulateTraceMachine, traceAndSimulatedRuns, traceMachine, traceSimulationNote, type TraceMachine,
} from '../core/compare/trace-vs-simulation';
import type { WorkloadName } from '../core/sim/workload';
import type { EventTable } from '../core/events/event-table';
import type { MetricRow } from '../core/analysis/activity-view-model';
import { table } from './trace-output';

export interface AlongsideOptions {
  workload: WorkloadName;
  seed: number;
}

/** What `--simulate` adds to the trace's summary (the `simulation` key of `--json`). */
export interface TraceSimulation {
  note: string;
  workload: WorkloadName;
  seed: number;
  machine: TraceMachine;
  /** The trace, then baseline and patched: each run's CPUs and the span its metrics cover, ns. */
  runs: { label: string; origin: ViewRun['origin']; cpus: number; spanNs: number }[];
  /** One value per run, in the order of `runs`. */
  metrics: MetricRow[];
}

export function simulateAlongside(file: string, trace: EventTable, o: AlongsideOptions): TraceSimulation {
  const machine = traceMachine(trace);
  const options = { workload: o.workload, seed: o.seed, costs: defaultCosts() };
  const runs = traceAndSimulatedRuns({ table: trace, label: file }, simulateTraceMachine(machine, options));
  const metrics = runMetrics(runs);
  return {
    note: traceSimulationNote(machine, options),
    workload: o.workload,
    seed: o.seed,
    machine,
    runs: runs.map((r, i) => ({ label: r.label, origin: r.origin, cpus: Math.max(r.cpus ?? 0, r.table.cpuCount, 1), spanNs: metrics[i]!.spanNs })),
    metrics: metricRows(metrics),
  };
}

/** The note, then one column per run: CPUs, span, then the metrics. */
export function renderTraceSimulation(s: TraceSimulation): string {
  const rows = [
    ['metric', ...s.runs.map((r) => `${r.label} (${r.origin})`)],
    ['CPUs', ...s.runs.map((r) => String(r.cpus))],
    ['span', ...s.runs.map((r) => formatNs(r.spanNs))],
    ...s.metrics.map((m) => [m.label, ...m.values.map((v) => formatMetric(v, m.unit))]),
  ];
  return `${s.note}\n${table(rows)}\n`;
}
