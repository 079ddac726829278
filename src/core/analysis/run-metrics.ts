/**
 * The metrics of one run, from its event table only (simulations and traces alike): exit→reap
 * latency, reaps and reaper busy time per CPU, backlog, lock waits, idle hops, cross-CPU
 * wakeups, context switches, exits per second and utilisation.
 */
import type { EventTable } from '../events/event-table';
import { backlogMax } from './backlog';
import type { LatencyStart } from './exit-to-reap';
import { lockWaitByName } from './lock-wait';
import type { ReaperSummary } from './reaper-activity';
import type { ExitFreeSplit } from './exit-free-split';
import { runPass } from './run-pass';
import type { Summary } from './stats';
import { recordingEnd } from '../events/recording-end';

export interface RunMetrics {
  exitToReapNs: Summary;
  /** True when exit→reap pairs were inferred (traces without reaped tids). */
  exitToReapInferred: boolean;
  /** Where the latencies start: Exit (when recorded) or the last off-cpu (exit-to-reap.ts). */
  exitToReapStartsAt: LatencyStart;
  /** Reap events per CPU. */
  reapsPerCpu: number[];
  /** Time reaper threads spent on each CPU, ns. */
  reaperBusyNsPerCpu: number[];
  backlogMax: number;
  /** Wait per lock name, ns. */
  lockWaitNs: Record<string, number>;
  /** Exits followed directly by a switch to the idle thread. */
  idleHops: number;
  /** Wakeups that put the woken thread on another CPU than the waker's. */
  crossCpuWakeups: number;
  /** Off-cpu events. */
  contextSwitches: number;
  exits: number;
  exitsPerSec: number;
  /** Fraction of CPU time spent running non-idle threads, 0..1. */
  utilisation: number;
  /** Time covered, ns. */
  spanNs: number;
}

export interface MetricsOptions {
  /** Time covered, ns (a simulation's duration); default: start to end of the recording (see {@link windowOf}). */
  spanNs?: number;
  /** CPUs of the machine; default: the CPUs seen in the table. */
  cpus?: number;
}

/** What {@link baseMetrics} may gather besides, in the same pass over the table. */
export interface BaseMetricsExtras {
  /** Linux's exit → final switch → free split (exit-free-split.ts). */
  exitFreeSplit?: boolean;
}

/** The time a run covers, ns relative to its table's base: [start, end), spanNs = end - start. */
export interface RunWindow {
  start: number;
  /** Where runs still open close: the end of the recording (trace/recording-end.ts). */
  end: number;
  spanNs: number;
}

/**
 * The window of a run: the start of the recording (its `startTs`, a btrace `BEGIN` line; else
 * its first event) to its end (trace/recording-end.ts), so an idle head before the first event
 * counts in the span; with `options.spanNs` (a simulation's duration), 0 to that span, runs
 * closing at the table's recorded end when it has one (a simulated table's is its duration,
 * the same).
 */
export function windowOf(table: EventTable, options: MetricsOptions): RunWindow {
  if (options.spanNs !== undefined) {
    return { start: 0, end: table.endTs !== undefined ? recordingEnd(table) : options.spanNs, spanNs: options.spanNs };
  }
  const first = table.length > 0 ? table.ts[0]! : 0;
  const start = table.startTs === undefined ? first : Math.min(table.startTs, first);
  const end = recordingEnd(table);
  return { start, end, spanNs: end - start };
}

/**
 * The metrics without the backlog and the lock waits (what a trace summary shows, trace-summary.ts,
 * which does not pay for the two passes those take), with the busy time per CPU they come from.
 */
export interface BaseMetrics extends Omit<RunMetrics, 'backlogMax' | 'lockWaitNs'> {
  /** Time running non-idle threads per CPU within the window, ns (index = CPU). */
  busyNsPerCpu: number[];
  /** Every reaper thread's runs, busy time and reaps (reaper-activity.ts findReapers), gathered in the same pass. */
  reapers: ReaperSummary[];
  /** The exit → free split (exit-free-split.ts exitFreeSplit), when asked for in the extras. */
  exitFree?: ExitFreeSplit;
}

export function baseMetrics(table: EventTable, options: MetricsOptions = {}, extras: BaseMetricsExtras = {}): BaseMetrics {
  const cpus = Math.max(options.cpus ?? 0, table.cpuCount);
  const window = windowOf(table, options);
  const { spanNs } = window;
  const pass = runPass(table, window, cpus, extras.exitFreeSplit === true);
  const { busyNs, reaperBusyNs: reaperBusyNsPerCpu } = pass.busy;
  const busy = busyNs.reduce((a, b) => a + b, 0);
  const latency = pass.exitToReap;
  return {
    exitToReapNs: latency.latencyNs,
    exitToReapInferred: latency.inferred,
    exitToReapStartsAt: latency.startsAt,
    reapsPerCpu: pass.reapsPerCpu,
    reaperBusyNsPerCpu,
    idleHops: pass.idleHops,
    crossCpuWakeups: pass.crossCpuWakeups,
    contextSwitches: pass.contextSwitches,
    exits: pass.exits,
    exitsPerSec: spanNs > 0 ? pass.exits / (spanNs / 1e9) : 0,
    utilisation: spanNs > 0 && cpus > 0 ? busy / (spanNs * cpus) : 0,
    spanNs,
    busyNsPerCpu: busyNs,
    reapers: pass.reapers,
    ...(pass.exitFree ? { exitFree: pass.exitFree } : {}),
  };
}

export function computeMetrics(table: EventTable, options: MetricsOptions = {}): RunMetrics {
  const m = baseMetrics(table, options);
  return {
    exitToReapNs: m.exitToReapNs,
    exitToReapInferred: m.exitToReapInferred,
    exitToReapStartsAt: m.exitToReapStartsAt,
    reapsPerCpu: m.reapsPerCpu,
    reaperBusyNsPerCpu: m.reaperBusyNsPerCpu,
    backlogMax: backlogMax(table),
    lockWaitNs: lockWaitByName(table),
    idleHops: m.idleHops,
    crossCpuWakeups: m.crossCpuWakeups,
    contextSwitches: m.contextSwitches,
    exits: m.exits,
    exitsPerSec: m.exitsPerSec,
    utilisation: m.utilisation,
    spanNs: m.spanNs,
  };
}
