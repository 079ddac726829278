/**
 * Builds what the Reaper activity panel and the HTML report draw (activity-view-model.ts)
 * from event tables: binned per-CPU reaper busy time, reaps and utilisation, the backlog, the
 * exit→reap histogram and lock waits. Never raw events.
 */
import { instantMarks } from './instant-marks';
import type { ActivitySource, ActivityView, Histogram, MetricRow, ModelCost, RunKernel, RunView } from './activity-view-model';
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { backlogSeries } from './backlog';
import { exitToReap } from './exit-to-reap';
import { exitFreeSplit, summarizeExitFree } from './exit-free-split';
import { isExitEvent } from './latency-pairs';
import { ThreadSet } from './thread-set';
import { idleCommIds } from './on-cpu-intervals';
import { reaperCommIds } from './reaper-activity';
import { siteMetricRows } from './site-metrics';
import type { Summary } from './stats';
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
  /** The kernel the run describes (default OpenBSD: btrace and the simulator). */
  kernel?: RunKernel;
}

/** The latencies a run's histogram holds, ns: exit→reap on OpenBSD, exit→free on Linux. */
export function runLatencies(table: EventTable, kernel: RunKernel): { latenciesNs: ArrayLike<number>; inferred: boolean } {
  if (kernel === 'linux') return { latenciesNs: exitFreeSplit(table).exitToFreeNs, inferred: false };
  return exitToReap(table);
}

/** What the table's events can tell (RunView.recorded). */
export function recordedIn(table: EventTable): RunView['recorded'] {
  const reapers = reaperCommIds(table);
  let locks = false;
  let reaper = false;
  for (let i = 0; i < table.length && !(locks && reaper); i++) {
    const kind = table.kind[i]!;
    if (kind === EventKind.LockWait || kind === EventKind.LockAcquire || kind === EventKind.LockRelease) locks = true;
    else if (reapers[table.comm[i]!] === 1) reaper = true;
  }
  return { locks, reaper };
}

/**
 * Per CPU and time bin: idle hops (an exited thread's CPU switching to its idle thread, counted
 * on that CPU) and cross-CPU wakeups (counted on the waker's CPU), as run-metrics.ts counts them.
 */
function hopsAndWakeups(table: EventTable, cpus: number, bins: number, binOf: (t: number) => number): { idleHops: number[][]; crossCpuWakeups: number[][] } {
  const idleHops = zeros(cpus, bins);
  const crossCpuWakeups = zeros(cpus, bins);
  const idle = idleCommIds(table);
  const exited = new ThreadSet();
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    if (isExitEvent(table, i)) exited.add(table.tid[i]!);
    else if (kind === EventKind.OnCpu) {
      if (idle[table.comm[i]!] === 1 && exited.has(table.arg0[i]!)) idleHops[table.cpu[i]!]![binOf(table.ts[i]!)]!++;
    } else if (kind === EventKind.Wakeup) {
      const target = table.arg1[i]!;
      if (target >= 0 && target !== table.cpu[i]!) crossCpuWakeups[table.cpu[i]!]![binOf(table.ts[i]!)]!++;
    }
  }
  return { idleHops, crossCpuWakeups };
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
  const kernel = options.kernel ?? 'openbsd';
  const latency = runLatencies(table, kernel);
  const recorded = origin === 'simulated' ? { locks: true, reaper: true } : recordedIn(table);
  return {
    label, origin, cpus, spanNs, binNs, reaperBusyNs, reaps, utilisation, backlog,
    exitToReap: histogram(latency.latenciesNs, options.edgesNs ?? logEdges(latency.latenciesNs)),
    exitToReapInferred: latency.inferred,
    lockWaitNs: lockWaitByName(table),
    kernel, recorded,
    ...hopsAndWakeups(table, cpus, bins, binOf),
    ...instantsField(table, start, spanNs),
  };
}

/** The run's instants as marks, as an optional field (absent when none). */
function instantsField(table: EventTable, start: number, spanNs: number): Pick<RunView, 'instants'> {
  const marks = instantMarks(table, start, spanNs);
  return marks ? { instants: marks } : {};
}

export interface ViewRun {
  table: EventTable;
  label: string;
  origin: RunView['origin'];
  spanNs?: number;
  cpus?: number;
  kernel?: RunKernel;
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
  /** Shown above the charts (ActivityView.warnings). */
  warnings?: string[];
}

const SUMMARY_FIELDS: readonly (keyof Summary)[] = ['mean', 'p50', 'p90', 'p99', 'max'];

/**
 * The metric rows of runs computed from their tables, honest about what each run can tell:
 * lock waits of a run without lock events and reaper figures of a run without a reaper are null
 * ("not recorded"), and a Linux run's latency rows hold its exit→free latencies (labelled so).
 */
export function honestMetricRows(runs: readonly ViewRun[], views: readonly RunView[]): MetricRow[] {
  const rows = [...metricRows(runs.map((r) => computeMetrics(r.table, { spanNs: r.spanNs, cpus: r.cpus }))), ...siteMetricRows(runs.map((r) => r.table))];
  const linux = views.map((v, i) => (v.kernel === 'linux' ? summarizeExitFree(exitFreeSplit(runs[i]!.table)).exitToFree : null));
  const anyLinux = linux.some((l) => l !== null);
  const allLinux = linux.every((l) => l !== null);
  for (const row of rows) {
    const field = /^exitToReapNs\.(\w+)$/.exec(row.key)?.[1] as keyof Summary | undefined;
    if (field && SUMMARY_FIELDS.includes(field) && anyLinux) {
      row.values = row.values.map((v, i) => (linux[i] ? linux[i][field] : v));
      row.label = allLinux ? row.label.replace('exit→reap', 'exit→free') : row.label.replace('exit→reap', 'exit→reap (Linux: exit→free)');
    }
    if (row.key.startsWith('lockWaitNs.')) row.values = row.values.map((v, i) => (views[i]!.recorded.locks ? v : null));
    if (row.key === 'reaperBusyNs' || row.key === 'crossCpuWakeups.reaper' || row.key === 'reaperSleeps') row.values = row.values.map((v, i) => (views[i]!.recorded.reaper ? v : null));
  }
  return rows;
}

/** Several runs in one view; they share histogram edges so their bars line up. */
export function buildActivityView(runs: ViewRun[], options: ActivityViewOptions): ActivityView {
  const all: number[] = [];
  for (const r of runs) {
    const latencies = runLatencies(r.table, r.kernel ?? 'openbsd').latenciesNs;
    for (let i = 0; i < latencies.length; i++) all.push(latencies[i]!);
  }
  const edgesNs = logEdges(all);
  const views = runs.map((r) => buildRunView(r.table, r.label, r.origin, { bins: options.bins, spanNs: r.spanNs, cpus: r.cpus, edgesNs, kernel: r.kernel }));
  const metrics = options.metrics ?? honestMetricRows(runs, views);
  if (options.differences) for (const row of metrics) if (options.differences[row.key]) row.difference = options.differences[row.key];
  const view: ActivityView = { title: options.title, source: options.source, runs: views, metrics, notes: options.notes ?? [] };
  if (options.costs) view.costs = options.costs;
  if (options.warnings?.length) view.warnings = options.warnings;
  return view;
}
