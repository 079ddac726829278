/**
 * Walks the on-cpu intervals of an event table: from a thread's on-cpu event to the next
 * off-cpu (or on-cpu) event on the same CPU; an interval still open at `endNs` ends there.
 */
import type { EventTable } from '../trace/event-table';
import { EventKind } from '../trace/event-kind';

/** Called once per interval; times in ns relative to the table's base. */
export type IntervalVisitor = (cpu: number, tid: number, comm: number, startNs: number, endNs: number) => void;

export function forEachOnCpuInterval(table: EventTable, endNs: number, visit: IntervalVisitor): void {
  const n = table.cpuCount;
  const tid = new Int32Array(n).fill(-1);
  const comm = new Uint32Array(n);
  const since = new Float64Array(n);
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    if (kind !== EventKind.OnCpu && kind !== EventKind.OffCpu) continue;
    const c = table.cpu[i]!;
    const t = table.ts[i]!;
    if (tid[c]! >= 0) visit(c, tid[c]!, comm[c]!, since[c]!, t);
    if (kind === EventKind.OnCpu) {
      tid[c] = table.tid[i]!;
      comm[c] = table.comm[i]!;
      since[c] = t;
    } else {
      tid[c] = -1;
    }
  }
  for (let c = 0; c < n; c++) if (tid[c]! >= 0 && endNs > since[c]!) visit(c, tid[c]!, comm[c]!, since[c]!, endNs);
}

/** Marks, per interned string id, the idle threads' names (`idle0`, `idle1`, …). */
export function idleCommIds(table: EventTable): Uint8Array {
  const all = table.strings.all();
  const flags = new Uint8Array(all.length);
  for (let id = 0; id < all.length; id++) flags[id] = /^idle\d+$/.test(all[id]!) ? 1 : 0;
  return flags;
}
