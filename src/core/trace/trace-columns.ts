/**
 * Growable event columns for the trace readers. Produces an {@link EventTable} (31 bytes per
 * event, see event-table.ts). Two layouts:
 * - Flat, when the reader can bound the number of events (from the input's size): one array
 *   per column of that capacity, of which only the pages written cost memory; sorting reorders
 *   them in place (through one scratch column) and the table's columns are views of them.
 * - Blocks of 64 Ki events otherwise (or when the bound was too small): growing never copies;
 *   finishing builds each sorted column and drops its blocks before the next one.
 */
import type { EventTable } from '../events/event-table';
import type { StringTable } from '../events/string-table';
import type { EventKind } from '../events/event-kind';
import { stableTimeOrder } from './time-order';

const SHIFT = 16;
/** Events per block. */
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;

export class TraceColumns {
  private n = 0;
  /** Index of the current block's first event, and its capacity. */
  private blockBase = 0;
  private blockCap = 0;
  /** Capacity of the flat layout (a multiple of the block size), 0 for blocks. */
  private flatCap: number;
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

  /** @param capacityHint events the input can hold at most, when known (picks the flat layout) */
  constructor(capacityHint = 0) {
    this.flatCap = capacityHint > BLOCK ? Math.ceil(capacityHint / BLOCK) * BLOCK : 0;
  }

  get length(): number {
    return this.n;
  }

  /** Appends one event (ts in ns relative to the trace's base). */
  push(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0: number, arg1: number): void {
    let i = this.n - this.blockBase;
    if (i === this.blockCap) {
      this.addBlock();
      i = 0;
    }
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
    if (this.n === 0 && this.flatCap > 0 && this.addFlat()) return;
    if (this.blockCap > BLOCK) this.splitFlat();
    this.blockBase = this.n;
    this.blockCap = BLOCK;
    this.ts.push((this.bTs = new Float64Array(BLOCK)));
    this.cpu.push((this.bCpu = new Uint16Array(BLOCK)));
    this.kind.push((this.bKind = new Uint8Array(BLOCK)));
    this.tid.push((this.bTid = new Int32Array(BLOCK)));
    this.pid.push((this.bPid = new Int32Array(BLOCK)));
    this.comm.push((this.bComm = new Uint32Array(BLOCK)));
    this.arg0.push((this.bArg0 = new Int32Array(BLOCK)));
    this.arg1.push((this.bArg1 = new Int32Array(BLOCK)));
  }

  /** The flat layout's arrays; false when the memory cannot be had (then blocks are used). */
  private addFlat(): boolean {
    const cap = this.flatCap;
    try {
      this.bTs = new Float64Array(cap);
      this.bCpu = new Uint16Array(cap);
      this.bKind = new Uint8Array(cap);
      this.bTid = new Int32Array(cap);
      this.bPid = new Int32Array(cap);
      this.bComm = new Uint32Array(cap);
      this.bArg0 = new Int32Array(cap);
      this.bArg1 = new Int32Array(cap);
    } catch {
      this.flatCap = 0;
      return false;
    }
    this.ts.push(this.bTs);
    this.cpu.push(this.bCpu);
    this.kind.push(this.bKind);
    this.tid.push(this.bTid);
    this.pid.push(this.bPid);
    this.comm.push(this.bComm);
    this.arg0.push(this.bArg0);
    this.arg1.push(this.bArg1);
    this.blockCap = cap;
    return true;
  }

  /** The flat arrays are full: cut them into blocks (copies once) and go on with blocks. */
  private splitFlat(): void {
    const cut = <T extends Float64Array | IntColumn>(flat: T): T[] => {
      const blocks: T[] = [];
      for (let at = 0; at < flat.length; at += BLOCK) blocks.push(flat.slice(at, at + BLOCK) as T);
      return blocks;
    };
    this.ts = cut(this.ts[0]!);
    this.cpu = cut(this.cpu[0]!);
    this.kind = cut(this.kind[0]!);
    this.tid = cut(this.tid[0]!);
    this.pid = cut(this.pid[0]!);
    this.comm = cut(this.comm[0]!);
    this.arg0 = cut(this.arg0[0]!);
    this.arg1 = cut(this.arg1[0]!);
    this.flatCap = 0;
  }

  /** The events sorted by time (stable within a CPU, see {@link stableTimeOrder}), as a table; the columns are emptied. */
  finish(baseNs: bigint, strings: StringTable): EventTable {
    return this.flatCap > 0 && this.n > 0 ? this.finishFlat(baseNs, strings) : this.finishBlocks(baseNs, strings);
  }

  /** Flat layout: sorted in place, the table's columns are views of the arrays written. */
  private finishFlat(baseNs: bigint, strings: StringTable): EventTable {
    const n = this.n;
    const ts = this.bTs.subarray(0, n);
    const cpu = this.bCpu.subarray(0, n);
    const columns = [ts, cpu, this.bKind.subarray(0, n), this.bTid.subarray(0, n), this.bPid.subarray(0, n),
      this.bComm.subarray(0, n), this.bArg0.subarray(0, n), this.bArg1.subarray(0, n)] as const;
    if (!this.sorted) {
      const order = stableTimeOrder(ts, n, cpu);
      // one scratch buffer for all columns (8 bytes per event), viewed as each column's type;
      // comm (Uint32) is moved as Int32 bits, so the copy loop sees four array types, not five
      const scratch = new ArrayBuffer(8 * n);
      for (const column of columns) {
        const bits = column instanceof Uint32Array ? new Int32Array(column.buffer, column.byteOffset, n) : column;
        reorder(bits, order, new (bits.constructor as new (b: ArrayBuffer, o: number, n: number) => typeof bits)(scratch, 0, n));
      }
    }
    const [, , kind, tid, pid, comm, arg0, arg1] = columns;
    this.n = 0;
    return { length: n, baseNs, ts, cpu, kind, tid, pid, comm, arg0, arg1, strings, cpuCount: this.maxCpu + 1 };
  }

  private finishBlocks(baseNs: bigint, strings: StringTable): EventTable {
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

/** Puts column[order[k]] at k for every k, through `scratch` (a view of the same type, n long). */
function reorder(column: Float64Array | Int32Array | Uint16Array | Uint8Array, order: Uint32Array, scratch: Float64Array | Int32Array | Uint16Array | Uint8Array): void {
  for (let k = 0; k < order.length; k++) scratch[k] = column[order[k]!]!;
  column.set(scratch);
}

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
