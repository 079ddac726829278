/**
 * Walks the on-cpu intervals of an event table within a window: from a thread's on-cpu event
 * to the next off-cpu (or on-cpu) event on the same CPU; an interval still open at the
 * window's end ends there. A CPU whose first switch is an off-cpu event was running the thread
 * it switches away from since the window's start: that head is an interval too (every CPU of a
 * recording is running something when the recording begins). The busy intervals (idle threads
 * left out) serve every busy-time figure: utilisation of a run and of each CPU (run-metrics.ts,
 * trace-cpu-metrics.ts), reaper busy time per CPU, and their time bins (activity-view.ts).
 *
 * The walk is a {@link OnCpuIntervalWalker} fed one switch at a time, summing the busy time as
 * it goes, so a pass that gathers other figures too (run-pass.ts) walks the intervals in its own
 * loop, without a call back per interval.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { reaperCommIds } from './reaper-activity';

/**
 * The analysis window, ns relative to the table's base (run-metrics.ts windowOf): open
 * intervals close at `end`; a CPU's head interval (see above) starts at `start`.
 */
export interface IntervalWindow {
  start: number;
  end: number;
}

/**
 * The on-cpu intervals, one switch event at a time: each switch closes at most one interval,
 * which the walker then holds in its public fields until the next call. It sums the busy
 * intervals per CPU as it goes (those of threads that are not idle, per the flags it was given).
 */
export class OnCpuIntervalWalker {
  /** The interval the last call closed: its CPU, thread, interned comm, start and end, ns. */
  cpu = 0;
  tid = 0;
  comm = 0;
  /** NaN before the first interval: the fields hold doubles from the start (no change of representation once compiled). */
  startNs = NaN;
  endNs = NaN;
  /** Per CPU: time of the closed intervals of non-idle threads, ns, and of reaper threads among them. */
  readonly busyNs: Float64Array;
  readonly reaperBusyNs: Float64Array;
  /** Per CPU: the thread running since `since` (-1: none known), its comm. */
  private readonly running: Int32Array;
  private readonly runningComm: Uint32Array;
  private readonly since: Float64Array;
  /** Per CPU: 1 once a switch was seen. */
  private readonly switched: Uint8Array;

  /**
   * @param cpus CPUs to sum busy time for (at least the table's)
   * @param idle per interned string id, 1 for an idle thread's name (idleCommIds); none: all busy
   * @param reaper per interned string id, 1 for a reaper's name (reaperCommIds); none: no reapers
   */
  constructor(
    readonly cpuCount: number,
    private readonly window: IntervalWindow,
    cpus = cpuCount,
    private readonly idle: Uint8Array = new Uint8Array(0),
    private readonly reaper: Uint8Array = new Uint8Array(0),
  ) {
    this.running = new Int32Array(cpuCount).fill(-1);
    this.runningComm = new Uint32Array(cpuCount);
    this.since = new Float64Array(cpuCount);
    this.switched = new Uint8Array(cpuCount);
    this.busyNs = new Float64Array(Math.max(cpus, cpuCount));
    this.reaperBusyNs = new Float64Array(this.busyNs.length);
  }

  /**
   * A switch on CPU `c` at `t` ns: an on-cpu event (`on`) of the incoming thread or an off-cpu
   * event of the outgoing one (`tid`, `comm`: the event's own thread). True when it closed an
   * interval (in the public fields).
   */
  switchAt(c: number, t: number, on: boolean, tid: number, comm: number): boolean {
    let closed = false;
    const running = this.running[c]!;
    if (running >= 0) closed = this.hold(c, running, this.runningComm[c]!, this.since[c]!, t);
    else if (this.switched[c] === 0 && !on && t > this.window.start) closed = this.hold(c, tid, comm, this.window.start, t);
    this.switched[c] = 1;
    if (on) {
      this.running[c] = tid;
      this.runningComm[c] = comm;
      this.since[c] = t;
    } else {
      this.running[c] = -1;
    }
    return closed;
  }

  /** Closes CPU `c`'s open interval at the window's end (after the last switch); true when it had one. */
  closeAtEnd(c: number): boolean {
    const running = this.running[c]!;
    if (running < 0 || !(this.window.end > this.since[c]!)) return false;
    return this.hold(c, running, this.runningComm[c]!, this.since[c]!, this.window.end);
  }

  /** Closes every CPU's open interval at the window's end and hands out the busy sums. */
  finishBusy(): BusyPerCpu {
    for (let c = 0; c < this.cpuCount; c++) this.closeAtEnd(c);
    return { busyNs: Array.from(this.busyNs), reaperBusyNs: Array.from(this.reaperBusyNs) };
  }

  private hold(c: number, tid: number, comm: number, startNs: number, endNs: number): true {
    this.cpu = c;
    this.tid = tid;
    this.comm = comm;
    this.startNs = startNs;
    this.endNs = endNs;
    if (this.idle[comm] !== 1 && tid !== 0) {
      const d = endNs - startNs;
      this.busyNs[c]! += d;
      if (this.reaper[comm] === 1) this.reaperBusyNs[c]! += d;
    }
    return true;
  }
}

/** Called once per interval; times in ns relative to the table's base. */
export type IntervalVisitor = (cpu: number, tid: number, comm: number, startNs: number, endNs: number) => void;

export function forEachOnCpuInterval(table: EventTable, window: IntervalWindow, visit: IntervalVisitor): void {
  const { kind: kinds, cpu: cpus, ts, tid: tids, comm: comms } = table;
  const walker = new OnCpuIntervalWalker(table.cpuCount, window);
  const visitHeld = (): void => visit(walker.cpu, walker.tid, walker.comm, walker.startNs, walker.endNs);
  for (let i = 0; i < table.length; i++) {
    const kind = kinds[i]!;
    if (kind !== EventKind.OnCpu && kind !== EventKind.OffCpu) continue;
    if (walker.switchAt(cpus[i]!, ts[i]!, kind === EventKind.OnCpu, tids[i]!, comms[i]!)) visitHeld();
  }
  for (let c = 0; c < walker.cpuCount; c++) if (walker.closeAtEnd(c)) visitHeld();
}

/** Marks, per interned string id, the idle threads' names (`idle0`, `idle1`, …). */
export function idleCommIds(table: EventTable): Uint8Array {
  const all = table.strings.all();
  const flags = new Uint8Array(all.length);
  for (let id = 0; id < all.length; id++) flags[id] = /^idle\d+$/.test(all[id]!) ? 1 : 0;
  return flags;
}

/** Called once per interval of a non-idle thread; `reaper` when the thread is a reaper. */
export type BusyVisitor = (cpu: number, reaper: boolean, startNs: number, endNs: number) => void;

/**
 * The on-cpu intervals of every thread but the idle ones (OpenBSD `idleN`, Linux tid 0
 * `swapper/N`), within `window`.
 */
export function forEachBusyInterval(table: EventTable, window: IntervalWindow, visit: BusyVisitor): void {
  const idle = idleCommIds(table);
  const reaper = reaperCommIds(table);
  forEachOnCpuInterval(table, window, (cpu, tid, comm, s, e) => {
    if (idle[comm] !== 1 && tid !== 0) visit(cpu, reaper[comm] === 1, s, e);
  });
}

export interface BusyPerCpu {
  /** Time running non-idle threads, ns, per CPU (index = CPU). */
  busyNs: number[];
  /** The part of it spent by reaper threads, ns, per CPU. */
  reaperBusyNs: number[];
}

/** Busy and reaper busy time per CPU within `window`, over `cpus` CPUs (at least those seen). */
export function busyPerCpu(table: EventTable, window: IntervalWindow, cpus = table.cpuCount): BusyPerCpu {
  const { kind: kinds, cpu: cpuOf, ts, tid: tids, comm: comms } = table;
  const walker = new OnCpuIntervalWalker(table.cpuCount, window, cpus, idleCommIds(table), reaperCommIds(table));
  for (let i = 0; i < table.length; i++) {
    const kind = kinds[i]!;
    if (kind === EventKind.OnCpu || kind === EventKind.OffCpu) walker.switchAt(cpuOf[i]!, ts[i]!, kind === EventKind.OnCpu, tids[i]!, comms[i]!);
  }
  return walker.finishBusy();
}
