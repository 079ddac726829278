/**
 * Builds what the Reaper activity panel and the HTML report draw (activity-view-model.ts)
 * from event tables: binned per-CPU reaper busy time, reaps and utilisation, the backlog, the
 * exit→reap histogram and lock waits. Never raw events.
 */
import type { ActivitySource, ActivityView, Histogram, MetricRow, ModelCost, RunView } from './activity-view-model';
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { backlogSeries } from './backlog';
import { exitToReap } from './exit-to-reap';
import { lockWaitByName } from './lock-wait';
import { metricRows } from './metric-catalog';
import { forEachBusyInterval } from './on-cpu-intervals';
import { computeMetrics, windowOf } from './run-metrics';

export interface RunViewOptions {
  /** Number of time bins (default 100). */
  bins?: number;
  /** Time covered, ns (a simulation's duration); default the recording's start to its end (run-metrics.ts windowOf). */
  spanNs?: number;
  /** CPUs of the machine; default the CPUs seen. */
  cpus?: number;
  /** Histogram edges (ns) shared by the runs of a view; default from this run's latencies. */
  edgesNs?: number[];
}

const zeros = (cpus: number, bins: number): number[][] => Array.from({ length: cpus }, () => new Array<number>(bins).fill(0));

/** Adds the part of [s, e) falling in each bin to row[bin]. */
function spread(row: number[], s: number, e: number, origin: number, binNs: number): void {
  const last = row.length - 1;
  let b = Math.min(last, Math.max(0, Math.floor((s - origin) / binNs)));
  while (s < e && b <= last) {
    const binEnd = b === last ? e : origin + (b + 1) * binNs;
    const until = Math.min(e, binEnd);
    row[b]! += until - s;
    s = until;
    b++;
  }
}

/** Log-spaced edges (ns) covering the values, `count` bins; 1 µs..10 µs when there are none. */
export function logEdges(values: ArrayLike<number>, count = 40): number[] {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > 0 && v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > 0)) {
    lo = 1000;
    hi = 10_000;
  }
  lo = Math.max(1, lo * 0.999);
  hi = Math.max(hi * 1.001, lo * 1.01);
  const step = Math.log(hi / lo) / count;
  return Array.from({ length: count + 1 }, (_, i) => lo * Math.exp(step * i));
}

/** `count` log-spaced bins from loNs to hiNs (shared edges for runs binned separately). */
export function fixedLogEdges(loNs: number, hiNs: number, count: number): number[] {
  const step = Math.log(hiNs / loNs) / count;
  return Array.from({ length: count + 1 }, (_, i) => loNs * Math.exp(step * i));
}

export function histogram(values: ArrayLike<number>, edgesNs: number[]): Histogram {
  const counts = new Array<number>(edgesNs.length - 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = edgesNs.length - 1;
    if (v < edgesNs[0]!) continue;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (v >= edgesNs[mid]!) lo = mid;
      else hi = mid;
    }
    if (v <= edgesNs[edgesNs.length - 1]!) counts[lo]!++;
  }
  return { edgesNs, counts };
}

export function buildRunView(table: EventTable, label: string, origin: RunView['origin'], options: RunViewOptions = {}): RunView {
  const cpus = Math.max(options.cpus ?? 0, table.cpuCount, 1);
  const bins = Math.max(1, options.bins ?? 100);
  const window = windowOf(table, options);
  const { start, spanNs } = window;
  const binNs = Math.max(1, Math.ceil(spanNs / bins));
  const binOf = (t: number): number => Math.min(bins - 1, Math.max(0, Math.floor((t - start) / binNs)));
  const reaperBusyNs = zeros(cpus, bins);
  const busy = zeros(cpus, bins);
  const reaps = zeros(cpus, bins);
  forEachBusyInterval(table, window, (cpu, reaper, s, e) => {
    spread(busy[cpu]!, s, e, start, binNs);
    if (reaper) spread(reaperBusyNs[cpu]!, s, e, start, binNs);
  });
  for (let i = 0; i < table.length; i++) if (table.kind[i] === EventKind.Reap) reaps[table.cpu[i]!]![binOf(table.ts[i]!)]!++;
  const utilisation = busy.map((row) => row.map((ns, b) => ns / (b === bins - 1 ? Math.max(1, spanNs - b * binNs) : binNs)));
  const backlog = new Array<number>(bins).fill(0);
  const series = backlogSeries(table);
  let current = 0;
  let j = 0;
  for (let b = 0; b < bins; b++) {
    let peak = current;
    const binEnd = start + (b + 1) * binNs;
    while (j < series.ts.length && series.ts[j]! < binEnd) {
      current = series.value[j++]!;
      if (current > peak) peak = current;
    }
    backlog[b] = peak;
  }
  const latency = exitToReap(table);
  return {
    label, origin, cpus, spanNs, binNs, reaperBusyNs, reaps, utilisation, backlog,
    exitToReap: histogram(latency.latenciesNs, options.edgesNs ?? logEdges(latency.latenciesNs)),
    exitToReapInferred: latency.inferred,
    lockWaitNs: lockWaitByName(table),
  };
}

export interface ViewRun {
  table: EventTable;
  label: string;
  origin: RunView['origin'];
  spanNs?: number;
  cpus?: number;
}

export interface ActivityViewOptions {
  title: string;
  source: ActivitySource;
  notes?: string[];
  bins?: number;
  /** Mean differences with CIs per metric key (comparisons over seeds), one entry per run. */
  differences?: Record<string, MetricRow['difference']>;
  /** Metric rows computed elsewhere (e.g. means over seeds); default: from the tables. */
  metrics?: MetricRow[];
  /** Simulated views: the model costs the runs used (src/core/sim/model-costs.ts). */
  costs?: ModelCost[];
}

/** Several runs in one view; they share histogram edges so their bars line up. */
export function buildActivityView(runs: ViewRun[], options: ActivityViewOptions): ActivityView {
  const all: number[] = [];
  for (const r of runs) for (const v of exitToReap(r.table).latenciesNs) all.push(v);
  const edgesNs = logEdges(all);
  const views = runs.map((r) => buildRunView(r.table, r.label, r.origin, { bins: options.bins, spanNs: r.spanNs, cpus: r.cpus, edgesNs }));
  const metrics = options.metrics ?? metricRows(runs.map((r) => computeMetrics(r.table, { spanNs: r.spanNs, cpus: r.cpus })));
  if (options.differences) for (const row of metrics) if (options.differences[row.key]) row.difference = options.differences[row.key];
  const view: ActivityView = { title: options.title, source: options.source, runs: views, metrics, notes: options.notes ?? [] };
  if (options.costs) view.costs = options.costs;
  return view;
}
