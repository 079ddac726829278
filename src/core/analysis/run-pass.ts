/**
 * One pass over an event table's columns that gathers what a run's metrics and a trace's
 * summary need (run-metrics.ts baseMetrics, trace-summary.ts): the counts (exits, idle hops,
 * cross-CPU wakeups, context switches, reaps per CPU), busy and reaper busy time per CPU
 * (on-cpu-intervals.ts), each reaper's activity (reaper-activity.ts), the dead lists' scan
 * for exit→reap pairs (dead-list-replay.ts) and, for Linux traces, the exit→free split
 * (exit-free-split.ts). Each of those keeps its own logic in a counter fed
 * event by event; the pass only reads each event once and hands it to the ones that want it.
 *
 * Shaped for a fresh process, where the first call is what the user waits for (its time goes
 * to the interpreter and the optimising compiler): the loop over every event is small and runs
 * once (switches and wakeups, most of a trace, are handled in it); the other events it needs
 * (exits, Dead, Reap, Sleep and Fork events, on-cpu of idle threads, switches of reapers) go to one
 * method, compiled on its own, so the main loop's compiled code stays small. Per-thread state
 * is in typed arrays by thread slot, per-CPU state in arrays by CPU: no memory per event.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { recordingEnd } from '../events/recording-end';
import { DeadListScanner, replayPairs } from './dead-list-replay';
import { collectExactPairs } from './exit-to-reap';
import { ExitFreeSplitter, type ExitFreeSplit } from './exit-free-split';
import { isExitEvent, type ExitToReapSummary } from './latency-pairs';
import { idleCommIds, OnCpuIntervalWalker, type BusyPerCpu, type IntervalWindow } from './on-cpu-intervals';
import { ReaperActivityCounter, reaperFlags, reaperIndexByComm, type ReaperSummary } from './reaper-activity';

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
  /** Exit→reap latencies, summarised: exact when a Reap names its thread, else the dead lists replayed (exit-to-reap.ts). */
  exitToReap: ExitToReapSummary;
  /** Linux's exit → final switch → free split (exit-free-split.ts), when asked for. */
  exitFree?: ExitFreeSplit;
}

/** Indices of TablePass.counts: exits, idle hops, Reap events that name the reaped thread. */
const EXITS = 0;
const IDLE_HOPS = 1;
const NAMED_REAPS = 2;

/** Per event kind (0..255): 1 when the main loop hands every event of it to `other`. */
const PICKED_KINDS = new Uint8Array(256);
for (const kind of [EventKind.Exit, EventKind.Syscall, EventKind.Dead, EventKind.Reap, EventKind.Sleep, EventKind.Fork]) PICKED_KINDS[kind] = 1;

/**
 * @param window the run's window (run-metrics.ts windowOf), for the busy time
 * @param cpus CPUs to report per-CPU figures for (at least the table's)
 * @param exitFree whether to split each exit → free as well (Linux traces)
 */
export function runPass(table: EventTable, window: IntervalWindow, cpus: number, exitFree = false): RunPass {
  const pass = new TablePass(table, window, Math.max(cpus, table.cpuCount), exitFree ? new ExitFreeSplitter() : undefined);
  pass.scan();
  return pass.finish();
}

/** The counters of one pass, its loop over the table and the method it hands the other events to. */
class TablePass {
  private readonly idle: Uint8Array;
  private readonly isReaper: Uint8Array;
  /**
   * Per interned string id and switch kind (index comm * 2 + kind: OnCpu 0, OffCpu 1): 1 when
   * {@link other} wants the switch: an on-cpu of an idle thread (an idle hop?) or of a reaper,
   * an off-cpu of a reaper.
   */
  private readonly pickedSwitch: Uint8Array;
  private readonly intervals: OnCpuIntervalWalker;
  private readonly reapers: ReaperActivityCounter;
  private readonly deadLists: DeadListScanner;
  private readonly reapsPerCpu: Float64Array;
  /**
   * What {@link other} counts, by the indices below: in a typed array, so that the first count
   * after the code was compiled does not change a field of the object it depends on.
   */
  private readonly counts = new Float64Array(3);
  private crossCpuWakeups = 0;
  private contextSwitches = 0;

  constructor(private readonly table: EventTable, window: IntervalWindow, cpus: number, private readonly exitFree: ExitFreeSplitter | undefined) {
    const reaperIndex = reaperIndexByComm(table);
    this.isReaper = reaperFlags(reaperIndex);
    this.idle = idleCommIds(table);
    this.pickedSwitch = new Uint8Array(this.idle.length * 2);
    for (let id = 0; id < this.idle.length; id++) {
      this.pickedSwitch[id * 2 + EventKind.OnCpu] = this.idle[id]! | this.isReaper[id]!;
      this.pickedSwitch[id * 2 + EventKind.OffCpu] = this.isReaper[id]!;
    }
    this.intervals = new OnCpuIntervalWalker(table.cpuCount, window, cpus, this.idle, this.isReaper);
    this.reapers = new ReaperActivityCounter(table);
    this.deadLists = new DeadListScanner(table, [], reaperIndex);
    this.reapsPerCpu = new Float64Array(cpus);
  }

  /** The main loop, over every event: switches and wakeups; the other events it needs go to {@link other}. */
  scan(): void {
    const { kind: kinds, cpu: cpuOf, ts, tid: tids, comm: comms, arg1, length } = this.table;
    const { intervals, deadLists, pickedSwitch, exitFree } = this;
    let switches = 0;
    let crossCpu = 0;
    for (let i = 0; i < length; i++) {
      const kind = kinds[i]!;
      if (kind === EventKind.OnCpu || kind === EventKind.OffCpu) {
        const tid = tids[i]!;
        const comm = comms[i]!;
        intervals.switchAt(cpuOf[i]!, ts[i]!, kind === EventKind.OnCpu, tid, comm);
        if (kind === EventKind.OffCpu) {
          switches++;
          deadLists.offCpu(i, tid);
          if (exitFree !== undefined) exitFree.offCpu(tid, ts[i]!);
        }
        if (pickedSwitch[comm * 2 + kind] !== 0) this.other(i, kind);
      } else if (kind === EventKind.Wakeup) {
        const target = arg1[i]!;
        if (target >= 0 && target !== cpuOf[i]!) crossCpu++;
      } else if (PICKED_KINDS[kind] !== 0) {
        this.other(i, kind);
      }
    }
    this.contextSwitches = switches;
    this.crossCpuWakeups = crossCpu;
  }

  /** Event i of `kind`: an exit, Dead, Reap, Sleep or Fork event, or a switch of an idle or reaper thread. */
  private other(i: number, kind: number): void {
    const { cpu: cpuOf, ts, tid: tids, comm: comms, arg0 } = this.table;
    const { isReaper, deadLists, reapers } = this;
    const comm = comms[i]!;
    if (kind === EventKind.OnCpu) {
      if (this.idle[comm] === 1 && deadLists.hasExited(arg0[i]!)) this.counts[IDLE_HOPS]!++;
      if (isReaper[comm] === 1) {
        reapers.event(kind, tids[i]!, comm, cpuOf[i]!, ts[i]!);
        deadLists.reaperEvent(kind, i, tids[i]!, comm, ts[i]!);
      }
    } else if (kind === EventKind.OffCpu) {
      if (isReaper[comm] === 1) reapers.event(kind, tids[i]!, comm, cpuOf[i]!, ts[i]!);
    } else if (isExitEvent(this.table, i)) {
      if (deadLists.exit(tids[i]!, ts[i]!)) this.counts[EXITS]!++;
      if (kind === EventKind.Exit) this.exitFree?.exit(tids[i]!, ts[i]!);
    } else if (kind === EventKind.Dead) {
      deadLists.dead(i, tids[i]!);
      this.exitFree?.dead(tids[i]!, ts[i]!);
    } else if (kind === EventKind.Reap) {
      this.reapsPerCpu[cpuOf[i]!]!++;
      if (arg0[i]! >= 0) {
        this.counts[NAMED_REAPS]!++;
        this.exitFree?.reap(arg0[i]!, ts[i]!);
      }
      if (isReaper[comm] === 1) {
        reapers.event(kind, tids[i]!, comm, cpuOf[i]!, ts[i]!);
        deadLists.reaperEvent(kind, i, tids[i]!, comm, ts[i]!);
      }
    } else if (kind === EventKind.Sleep) {
      if (isReaper[comm] === 1) deadLists.reaperEvent(kind, i, tids[i]!, comm, ts[i]!);
    } else if (kind === EventKind.Fork) {
      deadLists.forked(arg0[i]!);
    }
  }

  private exitToReap(): ExitToReapSummary {
    if (this.counts[NAMED_REAPS]! > 0) {
      const { pairs, tableHasExits } = collectExactPairs(this.table);
      return pairs.summarize(false, tableHasExits);
    }
    const scan = this.deadLists.finish();
    return replayPairs(scan).summarize(true, scan.hasExits);
  }

  finish(): RunPass {
    return {
      exits: this.counts[EXITS]!,
      idleHops: this.counts[IDLE_HOPS]!,
      crossCpuWakeups: this.crossCpuWakeups,
      contextSwitches: this.contextSwitches,
      reapsPerCpu: Array.from(this.reapsPerCpu),
      busy: this.intervals.finishBusy(),
      reapers: this.reapers.finish(recordingEnd(this.table)),
      exitToReap: this.exitToReap(),
      exitFree: this.exitFree?.finish(),
    };
  }
}
