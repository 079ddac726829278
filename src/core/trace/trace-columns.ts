/**
 * Growable event columns for the trace readers, kept in fixed-size blocks so growing never
 * copies and finishing never needs two full copies at once: each final column is built (sorted
 * by time) and its blocks dropped before the next one. Produces an {@link EventTable}
 * (31 bytes per event, see event-table.ts).
 */
import type { EventTable } from './event-table';
import type { StringTable } from './string-table';
import type { EventKind } from './event-kind';
import { stableTimeOrder } from './time-order';

const SHIFT = 16;
/** Events per block. */
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;

export class TraceColumns {
  private n = 0;
  private sorted = true;
  private maxCpu = -1;
  private ts: Float64Array[] = [];
  private cpu: Uint16Array[] = [];
  private kind: Uint8Array[] = [];
  private tid: Int32Array[] = [];
  private pid: Int32Array[] = [];
  private comm: Uint32Array[] = [];
  private arg0: Int32Array[] = [];
  private arg1: Int32Array[] = [];
  private lastTs = -Infinity;
  // the block being filled, one per column (saves a lookup per column and event)
  private bTs = new Float64Array(0);
  private bCpu = new Uint16Array(0);
  private bKind = new Uint8Array(0);
  private bTid = new Int32Array(0);
  private bPid = new Int32Array(0);
  private bComm = new Uint32Array(0);
  private bArg0 = new Int32Array(0);
  private bArg1 = new Int32Array(0);

  get length(): number {
    return this.n;
  }

  /** Appends one event (ts in ns relative to the trace's base). */
  push(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0: number, arg1: number): void {
    const i = this.n & MASK;
    if (i === 0) this.addBlock();
    this.n++;
    if (ts < this.lastTs) this.sorted = false;
    this.lastTs = ts;
    this.bTs[i] = ts;
    this.bCpu[i] = cpu;
    this.bKind[i] = kind;
    this.bTid[i] = tid;
    this.bPid[i] = pid;
    this.bComm[i] = comm;
    this.bArg0[i] = arg0;
    this.bArg1[i] = arg1;
    if (cpu > this.maxCpu) this.maxCpu = cpu;
  }

  private addBlock(): void {
    this.ts.push((this.bTs = new Float64Array(BLOCK)));
    this.cpu.push((this.bCpu = new Uint16Array(BLOCK)));
    this.kind.push((this.bKind = new Uint8Array(BLOCK)));
    this.tid.push((this.bTid = new Int32Array(BLOCK)));
    this.pid.push((this.bPid = new Int32Array(BLOCK)));
    this.comm.push((this.bComm = new Uint32Array(BLOCK)));
    this.arg0.push((this.bArg0 = new Int32Array(BLOCK)));
    this.arg1.push((this.bArg1 = new Int32Array(BLOCK)));
  }

  /** The events sorted by time (stable within a CPU, see {@link stableTimeOrder}), as a table; the columns are emptied. */
  finish(baseNs: bigint, strings: StringTable): EventTable {
    const n = this.n;
    const flatTs = new Float64Array(n);
    this.ts.forEach((block, b) => flatTs.set(n - b * BLOCK >= BLOCK ? block : block.subarray(0, n - b * BLOCK), b * BLOCK));
    this.ts = [];
    let order: Uint32Array | null = null;
    let cpu: Uint16Array;
    if (this.sorted) {
      cpu = take(this.cpu, n, null, (k) => new Uint16Array(k));
    } else {
      const flatCpu = take(this.cpu, n, null, (k) => new Uint16Array(k));
      order = stableTimeOrder(flatTs, n, flatCpu);
      cpu = gather(flatCpu, order, new Uint16Array(n));
    }
    const ts = order ? gather(flatTs, order, new Float64Array(n)) : flatTs;
    const table: EventTable = {
      length: n,
      baseNs,
      ts,
      cpu,
      kind: take(this.kind, n, order, (k) => new Uint8Array(k)),
      tid: take(this.tid, n, order, (k) => new Int32Array(k)),
      pid: take(this.pid, n, order, (k) => new Int32Array(k)),
      comm: take(this.comm, n, order, (k) => new Uint32Array(k)),
      arg0: take(this.arg0, n, order, (k) => new Int32Array(k)),
      arg1: take(this.arg1, n, order, (k) => new Int32Array(k)),
      strings,
      cpuCount: this.maxCpu + 1,
    };
    this.n = 0;
    return table;
  }
}

function gather<T extends Float64Array | Uint16Array>(src: T, order: Uint32Array, out: T): T {
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
  return out;
}

type IntColumn = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** The column's values in `order` (or as pushed), as one array; empties `blocks`. */
function take<T extends IntColumn>(blocks: T[], n: number, order: Uint32Array | null, make: (n: number) => T): T {
  const out = make(n);
  if (order) {
    for (let i = 0; i < n; i++) {
      const o = order[i]!;
      out[i] = blocks[o >>> SHIFT]![o & MASK]!;
    }
  } else {
    for (let b = 0; b < blocks.length; b++) out.set(blocks[b]!.subarray(0, Math.min(BLOCK, n - b * BLOCK)), b * BLOCK);
  }
  blocks.length = 0;
  return out;
}
