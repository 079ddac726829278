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

/** Marks, per interned string id, whether the string names a reaper thread. */
export function reaperCommIds(table: EventTable): Uint8Array {
  const all = table.strings.all();
  const flags = new Uint8Array(all.length);
  for (let id = 0; id < all.length; id++) flags[id] = reaperIndexOfComm(all[id]!) === null ? 0 : 1;
  return flags;
}

interface Acc {
  comm: string;
  runs: number;
  busyNs: number;
  reaps: number;
  onSince: number;
  onCpu: number;
  busyByCpu: Map<number, number>;
}

/** Every reaper thread with its runs, busy time and reaps, ordered by CPU then tid. */
export function findReapers(table: EventTable): ReaperSummary[] {
  const isReaper = reaperCommIds(table);
  const byTid = new Map<number, Acc>();
  const end = recordingEnd(table);
  const close = (acc: Acc, t: number): void => {
    if (acc.onSince < 0) return;
    const d = t - acc.onSince;
    acc.busyNs += d;
    acc.busyByCpu.set(acc.onCpu, (acc.busyByCpu.get(acc.onCpu) ?? 0) + d);
    acc.onSince = -1;
  };
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    if (kind !== EventKind.OnCpu && kind !== EventKind.OffCpu && kind !== EventKind.Reap) continue;
    const comm = table.comm[i]!;
    if (isReaper[comm] !== 1) continue;
    const tid = table.tid[i]!;
    let acc = byTid.get(tid);
    if (!acc) {
      acc = { comm: table.strings.get(comm), runs: 0, busyNs: 0, reaps: 0, onSince: -1, onCpu: -1, busyByCpu: new Map() };
      byTid.set(tid, acc);
    }
    const t = table.ts[i]!;
    if (kind === EventKind.OnCpu) {
      close(acc, t);
      acc.runs++;
      acc.onSince = t;
      acc.onCpu = table.cpu[i]!;
    } else if (kind === EventKind.OffCpu) {
      close(acc, t);
    } else {
      acc.reaps++;
    }
  }
  const out: ReaperSummary[] = [];
  for (const [tid, acc] of byTid) {
    close(acc, end);
    out.push({ cpu: mostUsedCpu(acc), comm: acc.comm, tid, runs: acc.runs, busyNs: acc.busyNs, reaps: acc.reaps });
  }
  return out.sort((a, b) => a.cpu - b.cpu || a.tid - b.tid);
}

function mostUsedCpu(acc: Acc): number {
  let best = -1;
  let bestNs = -1;
  for (const [cpu, ns] of acc.busyByCpu) {
    if (ns > bestNs || (ns === bestNs && cpu < best)) {
      best = cpu;
      bestNs = ns;
    }
  }
  if (best >= 0) return best;
  const index = reaperIndexOfComm(acc.comm);
  return index !== null && index >= 0 ? index : 0;
}
