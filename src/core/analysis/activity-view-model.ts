/**
 * What the "Reaper activity" panel and the HTML report draw: binned, ready-to-chart data built
 * by src/core/analysis from one or more event tables (traces or simulation runs). Never raw
 * events: a 1 M-event trace becomes a few thousand numbers.
 */

/** Where the runs came from; the panel's title and controls follow it. */
export type ActivitySource = 'trace' | 'simulation' | 'comparison';

/** One metric across the runs of a view, for the metrics table and CSV export. */
export interface MetricRow {
  /** Machine name, e.g. `exitToReapNs.p99`. */
  key: string;
  /** Human label, e.g. `exit→reap p99`. */
  label: string;
  /** Unit of `values`: `ns`, `count`, `1/s`, `ratio`. */
  unit: 'ns' | 'count' | '1/s' | 'ratio';
  /** One value per run, in the order of `ActivityView.runs`; null when not applicable. */
  values: (number | null)[];
  /** For comparisons over seeds: mean difference (run i − run 0) with its 95 % confidence interval, per run. */
  difference?: ({ mean: number; low: number; high: number } | null)[];
  /** Over seeds: the 95 % confidence interval of `values[i]` (the mean over the seeds), per run; null with one seed. */
  interval?: ({ low: number; high: number } | null)[];
}

/** Which kernel a run describes: a btrace or the simulator's model is OpenBSD, an ftrace Linux. */
export type RunKernel = 'openbsd' | 'linux';

/** A histogram with explicit bin edges. */
export interface Histogram {
  /** Bin edges in ns, length = counts.length + 1, increasing. */
  edgesNs: number[];
  counts: number[];
}

/** Everything the panel draws for one run (a trace, or one variant of a simulation). */
import type { InstantMarks } from './instant-marks';

export interface RunView {
  /** `baseline`, `patched`, `lockless`, or a trace file name. */
  label: string;
  /** `simulated` or `traced`: the panel says which, always. */
  origin: 'simulated' | 'traced';
  cpus: number;
  /** Time span covered, ns. */
  spanNs: number;
  /** Width of one time bin, ns. */
  binNs: number;
  /** [cpu][bin]: reaper thread busy time in the bin, ns. */
  reaperBusyNs: number[][];
  /** [cpu][bin]: reaps (resources freed) in the bin. */
  reaps: number[][];
  /** [cpu][bin]: fraction of the bin the CPU ran a non-idle thread, 0..1. */
  utilisation: number[][];
  /** [bin]: the most dead threads waiting to be reaped at any time in the bin. */
  backlog: number[];
  /** Exit→reap latency distribution. */
  exitToReap: Histogram;
  /** True when exit→reap pairs were inferred (traces), false when known (simulation). */
  exitToReapInferred: boolean;
  /** Total wait time per lock name (`deadproc_mutex`, `kernel_lock`, `sched_lock`, ...), ns. */
  lockWaitNs: Record<string, number>;
  /** The kernel the run describes; a Linux run's latency is exit→free (it has no reaper). */
  kernel: RunKernel;
  /**
   * What the run's events can tell: `locks` false when it holds no lock events (a btrace
   * cannot see them), `reaper` false when no reaper thread ran (Linux has none). The panel says
   * "not recorded in this trace" for those instead of drawing zeros.
   */
  recorded: { locks: boolean; reaper: boolean };
  /** [cpu][bin]: idle hops (an exited thread's CPU switching to its idle thread) in the bin. */
  idleHops: number[][];
  /** [cpu][bin]: wakeups made on this CPU of a thread put on another CPU, in the bin. */
  crossCpuWakeups: number[][];
  /** Events a trace keeps only as instants (Linux events besides the scheduler's), as timeline marks; absent when none. */
  instants?: InstantMarks;
}

/** One cost of the simulator's model as a simulated run used it (DESIGN.md "Cost defaults"). */
export interface ModelCost {
  /** Cost name as in `--costs` files and the `reaperscope.costs` setting, e.g. `contextSwitch`. */
  name: string;
  /** Value the run used, ns (the mean when `dist` is not `fixed`). */
  valueNs: number;
  /** `fixed`, or the random distribution whose mean is `valueNs`. */
  dist: 'fixed' | 'exponential' | 'lognormal' | 'uniform';
  /** The model's default value, ns (mean). */
  defaultNs: number;
  /** What the cost is. */
  description: string;
  /** Where the default comes from, or `assumption` (the model's own choice). */
  source: string;
  /** True when the run's value differs from the default (settings, `--costs`, workload). */
  overridden: boolean;
}

export interface ActivityView {
  title: string;
  source: ActivitySource;
  runs: RunView[];
  metrics: MetricRow[];
  /** Free-form notes shown under the charts (e.g. "latencies are inferred", model caveats). */
  notes: string[];
  /** Simulated views: the model costs the runs used, in the model's order. Absent for traces. */
  costs?: ModelCost[];
  /** What the reader must know before trusting the view (an OS mismatch), shown above the charts. */
  warnings?: string[];
}

/** The latency a run's histogram holds: exit→reap (OpenBSD), exit→free (Linux). */
export function latencyName(run: Pick<RunView, 'kernel'>): string {
  return run.kernel === 'linux' ? 'exit→free' : 'exit→reap';
}
