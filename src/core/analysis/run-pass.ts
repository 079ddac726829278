/**
 * One pass over an event table's columns that gathers what a run's metrics and a trace's
 * summary need (run-metrics.ts baseMetrics, trace-summary.ts): the counts (exits, idle hops,
 * cross-CPU wakeups, context switches, reaps per CPU), busy and reaper busy time per CPU
 * (on-cpu-intervals.ts), each reaper's activity (reaper-activity.ts) and the dead lists' scan
 * for exit→reap pairs (dead-list-replay.ts). Each of those keeps its own logic in a counter fed
 * event by event; this loop only reads each event once and hands it to the ones that want it,
 * so a table is read once instead of once per figure, with no call back per event.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { recordingEnd } from '../events/recording-end';
import { SYS_EXIT, SYS_THREXIT } from '../trace/btrace-probes';
import { DeadListScanner, replayScan } from './dead-list-replay';
import { exactPairs } from './exit-to-reap';
import type { ExitToReap } from './latency-pairs';
import { BusyTimeCounter, idleCommIds, type BusyPerCpu, type IntervalWindow } from './on-cpu-intervals';
import { ReaperActivityCounter, reaperFlags, reaperIndexByComm, type ReaperSummary } from './reaper-activity';
import { ThreadSet } from './thread-set';

export interface RunPass {
  /** Threads that exited (an Exit event or an exit syscall), each once. */
  exits: number;
  /** Switches to an idle thread from a thread that had exited. */
  idleHops: number;
  /** Wakeups that put the woken thread on another CPU than the waker's. */
  crossCpuWakeups: number;
  /** Off-cpu events. */
  contextSwitches: number;
  /** Reap events per CPU (index = CPU). */
  reapsPerCpu: number[];
  /** Busy and reaper busy time per CPU within the window, ns. */
  busy: BusyPerCpu;
  /** Every reaper thread, its runs closing at the end of the recording (recording-end.ts). */
  reapers: ReaperSummary[];
  /** Exit→reap pairs: exact when a Reap names its thread, else the dead lists replayed (exit-to-reap.ts). */
  exitToReap: ExitToReap;
}

/**
 * @param window the run's window (run-metrics.ts windowOf), for the busy time
 * @param cpus CPUs to report per-CPU figures for (at least the table's)
 */
export function runPass(table: EventTable, window: IntervalWindow, cpus: number): RunPass {
  const { kind: kinds, cpu: cpuOf, ts, tid: tids, comm: comms, arg0, arg1 } = table;
  const n = Math.max(cpus, table.cpuCount);
  const reaperIndex = reaperIndexByComm(table);
  const isReaper = reaperFlags(reaperIndex);
  const idle = idleCommIds(table);
  const busy = new BusyTimeCounter(table, window, n, idle, isReaper);
  const reapers = new ReaperActivityCounter(table);
  const deadLists = new DeadListScanner(table, [], reaperIndex);
  const exited = new ThreadSet();
  const reapsPerCpu = new Float64Array(n);
  let exits = 0;
  let idleHops = 0;
  let crossCpuWakeups = 0;
  let contextSwitches = 0;
  let namedReaps = false;
  for (let i = 0; i < table.length; i++) {
    const kind = kinds[i]!;
    if (kind === EventKind.Exit || (kind === EventKind.Syscall && (arg0[i] === SYS_EXIT || arg0[i] === SYS_THREXIT))) {
      if (exited.add(tids[i]!)) exits++;
      deadLists.exit(tids[i]!, ts[i]!);
      continue;
    }
    switch (kind) {
      case EventKind.OnCpu: {
        const c = cpuOf[i]!;
        const t = ts[i]!;
        const tid = tids[i]!;
        const comm = comms[i]!;
        busy.switchAt(c, t, true, tid, comm);
        if (idle[comm] === 1 && exited.has(arg0[i]!)) idleHops++;
        if (isReaper[comm] === 1) {
          reapers.event(kind, tid, comm, c, t);
          deadLists.reaperEvent(kind, i, tid, comm, t);
        }
        break;
      }
      case EventKind.OffCpu: {
        const tid = tids[i]!;
        const comm = comms[i]!;
        contextSwitches++;
        busy.switchAt(cpuOf[i]!, ts[i]!, false, tid, comm);
        if (isReaper[comm] === 1) reapers.event(kind, tid, comm, cpuOf[i]!, ts[i]!);
        deadLists.offCpu(i, tid);
        break;
      }
      case EventKind.Wakeup: {
        const target = arg1[i]!;
        if (target >= 0 && target !== cpuOf[i]!) crossCpuWakeups++;
        break;
      }
      case EventKind.Dead:
        deadLists.dead(i, tids[i]!);
        break;
      case EventKind.Reap: {
        const c = cpuOf[i]!;
        const comm = comms[i]!;
        reapsPerCpu[c]!++;
        if (arg0[i]! >= 0) namedReaps = true;
        if (isReaper[comm] === 1) {
          reapers.event(kind, tids[i]!, comm, c, ts[i]!);
          deadLists.reaperEvent(kind, i, tids[i]!, comm, ts[i]!);
        }
        break;
      }
      case EventKind.Sleep: {
        const comm = comms[i]!;
        if (isReaper[comm] === 1) deadLists.reaperEvent(kind, i, tids[i]!, comm, ts[i]!);
        break;
      }
    }
  }
  return {
    exits,
    idleHops,
    crossCpuWakeups,
    contextSwitches,
    reapsPerCpu: Array.from(reapsPerCpu),
    busy: busy.finish(),
    reapers: reapers.finish(recordingEnd(table)),
    exitToReap: namedReaps ? exactPairs(table) : replayScan(deadLists.finish()),
  };
}
