/**
 * Reaper threads in an event table (trace or simulation), found by name: `reaper` before the
 * patch, `reaper0`, `reaper1`, … after it (DESIGN.md "OpenBSD tracing facts").
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { recordingEnd } from '../events/recording-end';
import { reaperIndexOfComm } from '../events/reaper-name';

export interface ReaperSummary {
  /** The CPU it spent most time on (a pegged reaper: its own CPU). */
  cpu: number;
  comm: string;
  tid: number;
  /** Times it was switched onto a CPU. */
  runs: number;
  /** Time on CPU, ns, summed over on-cpu → off-cpu intervals (a run still open at the end counts to the end of the recording, recording-end.ts). */
  busyNs: number;
  /** Reap events it emitted. */
  reaps: number;
}

export { reaperIndexOfComm };

/** {@link reaperIndexByComm}'s value for a string that names no reaper. */
export const NOT_A_REAPER = -2;

/**
 * Per interned string id, which reaper the string names (reaperIndexOfComm): -1 the global
 * `reaper`, N `reaperN`, {@link NOT_A_REAPER} any other string.
 */
export function reaperIndexByComm(table: EventTable): Int32Array {
  const all = table.strings.all();
  const index = new Int32Array(all.length);
  for (let id = 0; id < all.length; id++) index[id] = reaperIndexOfComm(all[id]!) ?? NOT_A_REAPER;
  return index;
}

/** Marks, per interned string id, whether the string names a reaper thread. */
export function reaperCommIds(table: EventTable): Uint8Array {
  return reaperFlags(reaperIndexByComm(table));
}

/** 1 per string id that {@link reaperIndexByComm} gives a reaper index, else 0. */
export function reaperFlags(indexByComm: Int32Array): Uint8Array {
  const flags = new Uint8Array(indexByComm.length);
  for (let id = 0; id < flags.length; id++) flags[id] = indexByComm[id] === NOT_A_REAPER ? 0 : 1;
  return flags;
}

/** One reaper thread's figures so far. */
class ReaperRuns {
  runs = 0;
  busyNs = 0;
  reaps = 0;
  /** Start of its open run, ns (NaN or negative: not running; NaN keeps the field a double), and the CPU it runs on. */
  onSince = NaN;
  onCpu = -1;
  /** Time on CPU per CPU, ns (NaN: never ran there). */
  readonly busyByCpu: Float64Array;

  constructor(readonly comm: string, cpuCount: number) {
    this.busyByCpu = new Float64Array(cpuCount).fill(NaN);
  }

  /** Ends the open run, if any, at `t` ns. */
  close(t: number): void {
    if (!(this.onSince >= 0)) return;
    const d = t - this.onSince;
    this.busyNs += d;
    const before = this.busyByCpu[this.onCpu]!;
    this.busyByCpu[this.onCpu] = before === before ? before + d : d;
    this.onSince = NaN;
  }

  /** The CPU it spent most time on (the lowest of a tie); with no run, its name's CPU or 0. */
  mostUsedCpu(): number {
    let best = -1;
    let bestNs = -1;
    for (let cpu = 0; cpu < this.busyByCpu.length; cpu++) {
      const ns = this.busyByCpu[cpu]!;
      if (ns > bestNs) { // NaN (never ran there) is never more
        best = cpu;
        bestNs = ns;
      }
    }
    if (best >= 0) return best;
    const index = reaperIndexOfComm(this.comm);
    return index !== null && index >= 0 ? index : 0;
  }
}

/**
 * The runs, busy time and reaps of every reaper thread, fed the reapers' events one at a time
 * (findReapers' loop, or a pass gathering more, run-pass.ts).
 */
export class ReaperActivityCounter {
  private readonly byTid = new Map<number, ReaperRuns>();
  /** Per interned name: the thread last seen with it and its figures (a reaper's name is its own, but for a restart). */
  private readonly tidByComm: Float64Array;
  private readonly runsByComm: (ReaperRuns | undefined)[];

  constructor(private readonly table: EventTable) {
    this.tidByComm = new Float64Array(table.strings.size).fill(NaN);
    this.runsByComm = new Array<ReaperRuns | undefined>(table.strings.size).fill(undefined);
  }

  /** An OnCpu, OffCpu or Reap event (`kind`) of reaper thread `tid` named `comm` (interned) on CPU `cpu` at `t` ns. */
  event(kind: number, tid: number, comm: number, cpu: number, t: number): void {
    const r = this.runsOf(tid, comm);
    if (kind === EventKind.OnCpu) {
      r.close(t);
      r.runs++;
      r.onSince = t;
      r.onCpu = cpu;
    } else if (kind === EventKind.OffCpu) {
      r.close(t);
    } else {
      r.reaps++;
    }
  }

  /** Closes the runs still open at `endNs` (the end of the recording); ordered by CPU then tid. */
  finish(endNs: number): ReaperSummary[] {
    const out: ReaperSummary[] = [];
    for (const [tid, r] of this.byTid) {
      r.close(endNs);
      out.push({ cpu: r.mostUsedCpu(), comm: r.comm, tid, runs: r.runs, busyNs: r.busyNs, reaps: r.reaps });
    }
    return out.sort((a, b) => a.cpu - b.cpu || a.tid - b.tid);
  }

  private runsOf(tid: number, comm: number): ReaperRuns {
    if (this.tidByComm[comm] === tid) return this.runsByComm[comm]!;
    let r = this.byTid.get(tid);
    if (!r) this.byTid.set(tid, (r = new ReaperRuns(this.table.strings.get(comm), this.table.cpuCount)));
    this.tidByComm[comm] = tid;
    this.runsByComm[comm] = r;
    return r;
  }
}

/** Every reaper thread with its runs, busy time and reaps, ordered by CPU then tid. */
export function findReapers(table: EventTable): ReaperSummary[] {
  const isReaper = reaperCommIds(table);
  const { kind: kinds, tid: tids, comm: comms, cpu: cpus, ts } = table;
  const counter = new ReaperActivityCounter(table);
  for (let i = 0; i < table.length; i++) {
    const kind = kinds[i]!;
    if (kind !== EventKind.OnCpu && kind !== EventKind.OffCpu && kind !== EventKind.Reap) continue;
    if (isReaper[comms[i]!] === 1) counter.event(kind, tids[i]!, comms[i]!, cpus[i]!, ts[i]!);
  }
  return counter.finish(recordingEnd(table));
}
