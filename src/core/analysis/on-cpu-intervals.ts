/**
 * Walks the on-cpu intervals of an event table within a window: from a thread's on-cpu event
 * to the next off-cpu (or on-cpu) event on the same CPU; an interval still open at the
 * window's end ends there. A CPU whose first switch is an off-cpu event was running the thread
 * it switches away from since the window's start: that head is an interval too (every CPU of a
 * recording is running something when the recording begins). The busy intervals (idle threads
 * left out) serve every busy-time figure: utilisation of a run and of each CPU (run-metrics.ts,
 * trace-cpu-metrics.ts), reaper busy time per CPU, and their time bins (activity-view.ts).
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

/** Called once per interval; times in ns relative to the table's base. */
export type IntervalVisitor = (cpu: number, tid: number, comm: number, startNs: number, endNs: number) => void;

export function forEachOnCpuInterval(table: EventTable, window: IntervalWindow, visit: IntervalVisitor): void {
  const n = table.cpuCount;
  const tid = new Int32Array(n).fill(-1);
  const comm = new Uint32Array(n);
  const since = new Float64Array(n);
  const switched = new Uint8Array(n);
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    if (kind !== EventKind.OnCpu && kind !== EventKind.OffCpu) continue;
    const c = table.cpu[i]!;
    const t = table.ts[i]!;
    if (tid[c]! >= 0) visit(c, tid[c]!, comm[c]!, since[c]!, t);
    else if (switched[c] === 0 && kind === EventKind.OffCpu && t > window.start) visit(c, table.tid[i]!, table.comm[i]!, window.start, t);
    switched[c] = 1;
    if (kind === EventKind.OnCpu) {
      tid[c] = table.tid[i]!;
      comm[c] = table.comm[i]!;
      since[c] = t;
    } else {
      tid[c] = -1;
    }
  }
  for (let c = 0; c < n; c++) if (tid[c]! >= 0 && window.end > since[c]!) visit(c, tid[c]!, comm[c]!, since[c]!, window.end);
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
  const n = Math.max(cpus, table.cpuCount);
  const busyNs = new Array<number>(n).fill(0);
  const reaperBusyNs = new Array<number>(n).fill(0);
  forEachBusyInterval(table, window, (cpu, reaper, s, e) => {
    busyNs[cpu]! += e - s;
    if (reaper) reaperBusyNs[cpu]! += e - s;
  });
  return { busyNs, reaperBusyNs };
}
