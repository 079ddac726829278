/**
 * Clean-up of a trace's event table once it is sorted by time (the per-CPU buffers of btrace
 * make that impossible while reading):
 * 1. An on-cpu event synthesized from another thread's switch (`off__cpu` names the incoming
 *    thread, not its name) before any line of that thread gets the name its later lines gave
 *    it (found while reading).
 * 2. One on-cpu event per switch: when both the synthesized one (arg0 = outgoing tid) and a
 *    recorded `on__cpu` (arg0 = -1) exist for the same thread on the same CPU, the recorded one
 *    is kept (it is when the thread really started) and takes the outgoing thread's ids.
 * 3. Dead (enlisted for reaping) is not visible in a trace: readers emit a candidate at every
 *    off-cpu of a thread that has exited; only the last one per thread is kept.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { copyRow } from '../events/event-columns';

/** Thread names found while reading (a Map fits): tid → name id, undefined when none was found. */
export interface NamesFound {
  get(tid: number): number | undefined;
}

export interface FixupNeeds {
  /** Step 1: names found while reading for threads first seen unnamed (tid → name id), or null. */
  names: NamesFound | null;
  /** Lines of a CPU came out of time order, so steps 2 and 3 could not be done while reading. */
  duplicates: boolean;
}

/**
 * Fixes `table` in place where possible; returns it, or a shorter table when events were
 * dropped. Readers do steps 2 and 3 while reading when each CPU's lines are in time order
 * (btrace prints each CPU's buffer in order), so only what `needs` says is done here.
 */
export function applyTraceFixups(table: EventTable, unknownComm: number, needs: FixupNeeds): EventTable {
  if (needs.names) nameUnnamed(table, unknownComm, needs.names);
  const drop = needs.duplicates ? markDuplicates(table) : null;
  return drop ? compact(table, drop) : table;
}

function nameUnnamed(table: EventTable, unknownComm: number, names: NamesFound): void {
  const { tid, comm } = table;
  for (let i = 0; i < table.length; i++) {
    if (comm[i] === unknownComm) comm[i] = names.get(tid[i]!) ?? unknownComm;
  }
}

/** Marks duplicated on-cpu events and non-final Dead candidates; null when nothing is dropped. */
function markDuplicates(table: EventTable): Uint8Array | null {
  const { kind, tid, cpu, arg0, arg1 } = table;
  let drop: Uint8Array | null = null;
  const mark = (i: number): void => {
    drop ??= new Uint8Array(table.length);
    drop[i] = 1;
  };
  /** Per CPU: the running thread's tid and the index of its on-cpu event (-1 = none). */
  const runningTid = new Map<number, number>();
  const runningAt = new Map<number, number>();
  const lastDead = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    const k = kind[i]!;
    const c = cpu[i]!;
    if (k === EventKind.OnCpu) {
      const j = runningTid.get(c) === tid[i] ? runningAt.get(c) ?? -1 : -1;
      if (j < 0) {
        runningTid.set(c, tid[i]!);
        runningAt.set(c, i);
        continue;
      }
      const synthesizedFirst = arg0[j]! >= 0 && arg0[i]! < 0;
      const [keep, gone] = synthesizedFirst ? [i, j] : [j, i];
      if (arg0[keep]! < 0) {
        arg0[keep] = arg0[gone]!;
        arg1[keep] = arg1[gone]!;
      }
      mark(gone);
      runningAt.set(c, keep);
    } else if (k === EventKind.OffCpu) {
      if (runningTid.get(c) === tid[i]) runningTid.set(c, -1);
    } else if (k === EventKind.Dead) {
      const prev = lastDead.get(tid[i]!);
      if (prev !== undefined) mark(prev);
      lastDead.set(tid[i]!, i);
    }
  }
  return drop;
}

function compact(table: EventTable, drop: Uint8Array): EventTable {
  const { ts, cpu, kind, tid, pid, comm, arg0, arg1 } = table;
  let n = 0;
  for (let i = 0; i < table.length; i++) if (!drop[i]) copyRow(table, n++, table, i);
  return {
    ...table,
    length: n,
    ts: ts.subarray(0, n),
    cpu: cpu.subarray(0, n),
    kind: kind.subarray(0, n),
    tid: tid.subarray(0, n),
    pid: pid.subarray(0, n),
    comm: comm.subarray(0, n),
    arg0: arg0.subarray(0, n),
    arg1: arg1.subarray(0, n),
  };
}
