/**
 * The one builder of {@link EventTable}s: the trace readers (through trace-sink.ts) and the
 * simulator push rows here, in any order, and `finish()` sorts them by time into the columns
 * (31 bytes per event, see event-table.ts). Memory layouts:
 * - Flat, when the producer can bound the number of events (a reader, from the input's size):
 *   one array per column of that capacity, of which only the pages written cost memory; the
 *   table's columns are views of them. Events that come in time order are written there as
 *   they come. An event earlier than one already written (btrace's Dead events, pushed at the
 *   end; a line out of order) waits in a small side table of late events; `finish()` sorts
 *   those alone and merges them in from the back in one pass (late-events.ts), so a trace in
 *   order but for a few late events is never sorted as a whole. When the late events become
 *   too many (more than {@link MAX_LATE_SHARE} of all, as in a trace whose CPUs' buffers
 *   interleave), they join the flat arrays and the whole is sorted in place: when each CPU's
 *   events came in time order (ties by CPU), by a merge of the CPUs (cpuRunsOrder, 4 bytes an
 *   event) applied cycle by cycle; otherwise a merge sort (8 bytes an event) and one scratch
 *   column.
 * - Otherwise blocks of 64 Ki events (also when the bound was too small): the first block
 *   starts small and doubles up to the block size (small simulations stay small), later blocks
 *   are added whole, so growing never copies more than one block; finishing builds each sorted
 *   column and drops its blocks before the next one.
 */
import type { EventTable } from './event-table';
import { StringTable } from './string-table';
import type { EventKind } from './event-kind';
import { cpuRunsOrder, stableTimeOrder, timeOrderWithSpare } from './time-order';
import { growTypedArray } from './typed-array-growth';
import { copyRow, emptyColumns, type EventColumns } from './event-columns';
import { LateEvents } from './late-events';
import { CpuStreamMerge, RELEASE_EVERY, type MergedRows } from './cpu-stream-merge';

const SHIFT = 16;
/** Events per block. */
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;

/**
 * Largest share of late events held aside (see the flat layout above) before they join the
 * in-order ones and the whole table is sorted (plus a fixed allowance, so small tables stay in
 * the cheap path): beyond it, merging them in would cost more than the sort. A quarter: a
 * btrace trace of short-lived threads has a Dead event, found late, for every seven events.
 */
export const MAX_LATE_SHARE = 1 / 4;

/** Late events always held aside, whatever their share. */
const LATE_ALLOWANCE = 4096;

/**
 * Late events (with ties by CPU) after which the following events are merged per CPU as they
 * come (cpu-stream-merge.ts): the CPUs' events interleave, as btrace prints its per-CPU buffers.
 */
const MERGE_AFTER_LATE = 256;

/**
 * Events (with ties by CPU) read both ways at the start, written as they come and merged per
 * CPU: if they came in time order the writing goes on and the merge is dropped, otherwise the
 * merge goes on (cpu-stream-merge.ts) and the writing is dropped. Fewer than the merge holds
 * before handing events out, so neither has been used when the choice is made.
 */
const PROBE_EVENTS = RELEASE_EVERY / 2;

/** How `finish()` orders events of equal time. */
export type TieOrder =
  /** In push order (the simulator pushes in causal order). */
  | 'pushed'
  /** By CPU, push order within one CPU (per-CPU-buffered traces interleave CPUs arbitrarily). */
  | 'cpu';

export interface EventTableBuilderOptions {
  /** At most this many events will come, when known: picks the flat layout. */
  capacityHint?: number;
  /** Capacity of the first block when there is no hint (events; it doubles up to 64 Ki). Default 1024. */
  initialCapacity?: number;
  /** Where names are interned (default: a new table). */
  strings?: StringTable;
  /** Order of equal times after sorting (default `'pushed'`). */
  ties?: TieOrder;
}

export class EventTableBuilder implements MergedRows {
  readonly strings: StringTable;
  private readonly ties: TieOrder;
  private readonly initialCapacity: number;
  private n = 0;
  /** Index of the current block's first event, and its capacity. */
  private blockBase = 0;
  private blockCap = 0;
  /** Capacity of the flat layout (a multiple of the block size), 0 for blocks. */
  private flatCap: number;
  private sorted = true;
  /** Events earlier than the last one written, in the flat layout (see {@link pushLate}). */
  private readonly late = new LateEvents();
  /** False once the late events were spilled: later ones go with them, unsorted. */
  private holdsLate = true;
  /** When events come out of order (see {@link PROBE_EVENTS}, {@link MERGE_AFTER_LATE}): puts them in order per CPU. */
  private merge: CpuStreamMerge | null = null;
  /** Events still to read both ways (see {@link PROBE_EVENTS}), 0 once the choice is made. */
  private probing = 0;
  /** Whether the events read both ways came in time order. */
  private probeInOrder = true;
  private maxCpu = -1;
  private lastTs = -Infinity;
  /** CPU of the last event written (ties by CPU: an event of the same time on a lower CPU comes before it). */
  private lastCpu = -1;
  private ts: Float64Array[] = [];
  private cpu: Uint16Array[] = [];
  private kind: Uint8Array[] = [];
  private tid: Int32Array[] = [];
  private pid: Int32Array[] = [];
  private comm: Uint32Array[] = [];
  private arg0: Int32Array[] = [];
  private arg1: Int32Array[] = [];
  // the block being filled, one per column (saves a lookup per column and event)
  private bTs = new Float64Array(0);
  private bCpu = new Uint16Array(0);
  private bKind = new Uint8Array(0);
  private bTid = new Int32Array(0);
  private bPid = new Int32Array(0);
  private bComm = new Uint32Array(0);
  private bArg0 = new Int32Array(0);
  private bArg1 = new Int32Array(0);

  /** @param baseNs absolute time of ts = 0, in ns ({@link EventTable.baseNs}) */
  constructor(readonly baseNs: bigint = 0n, options: EventTableBuilderOptions = {}) {
    this.strings = options.strings ?? new StringTable();
    this.ties = options.ties ?? 'pushed';
    this.initialCapacity = Math.min(BLOCK, Math.max(16, options.initialCapacity ?? 1024));
    const hint = options.capacityHint ?? 0;
    this.flatCap = hint > BLOCK ? Math.ceil(hint / BLOCK) * BLOCK : 0;
    this.startProbe();
  }

  /** Events pushed. */
  get length(): number {
    // while probing, the events written are the ones the merge holds
    return (this.probing > 0 ? 0 : this.n) + this.late.length + (this.merge?.length ?? 0);
  }

  /**
   * Appends one event.
   * @param ts ns relative to the base
   * @param comm thread name id from `strings.intern`
   * @param arg0 see {@link EventKind}; -1 when unknown
   */
  push(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0 = -1, arg1 = -1): void {
    if (this.merge !== null) {
      if (this.probing > 0 && this.probeInOrder) {
        if (this.goesBefore(ts, cpu)) this.probeInOrder = false;
        else this.write(ts, cpu, kind, tid, pid, comm, arg0, arg1);
      }
      if (!this.merge.push(ts, cpu, kind, tid, pid, comm, arg0, arg1)) this.pushLate(ts, cpu, kind, tid, pid, comm, arg0, arg1);
      if (this.probing > 0 && --this.probing === 0) this.settleProbe();
      return;
    }
    if (this.goesBefore(ts, cpu)) {
      if (this.flatCap > 0 && this.holdsLate) {
        this.pushLate(ts, cpu, kind, tid, pid, comm, arg0, arg1);
        return;
      }
      this.sorted = false;
    }
    this.write(ts, cpu, kind, tid, pid, comm, arg0, arg1);
  }

  /** Whether an event at `ts` on `cpu` goes before the last one written (by time; with ties by CPU, then by CPU). */
  private goesBefore(ts: number, cpu: number): boolean {
    return ts < this.lastTs || (ts === this.lastTs && cpu < this.lastCpu && this.ties === 'cpu');
  }

  /** Writes one event after the others. */
  private write(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0: number, arg1: number): void {
    let i = this.n - this.blockBase;
    if (i === this.blockCap) {
      this.addRoom();
      i = this.n - this.blockBase;
    }
    this.n++;
    this.lastTs = ts;
    this.lastCpu = cpu;
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

  /**
   * The events sorted by time (ties: see {@link TieOrder}), as a table. Call once: the builder
   * is empty afterwards (its arrays belong to the table).
   * @param endTs end of the recording, ns relative to the base (see {@link EventTable.endTs})
   */
  finish(endTs?: number): EventTable {
    this.endMerge();
    if (this.late.length > 0) this.settleLate();
    const table = this.flatCap > 0 && this.n > 0 ? this.finishFlat() : this.finishBlocks();
    this.reset();
    return endTs === undefined ? table : { ...table, endTs };
  }

  /**
   * An event earlier than the last one written, in the flat layout: held aside with the other
   * late ones; when they become too many, all of them join the flat arrays, to be sorted with
   * the rest (and later ones go there directly).
   */
  private pushLate(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0: number, arg1: number): void {
    const late = this.late;
    late.push(ts, cpu, kind, tid, pid, comm, arg0, arg1);
    if (cpu > this.maxCpu) this.maxCpu = cpu;
    if (late.length > LATE_ALLOWANCE && late.length > MAX_LATE_SHARE * this.length) this.spillLate();
    else if (late.length === MERGE_AFTER_LATE && this.merge === null && this.ties === 'cpu') this.merge = new CpuStreamMerge(this, this.lastTs);
  }

  /** Appends row `j` of `from` after the events written (the per-CPU merge's output, in order). */
  appendRow(from: EventColumns, j: number): void {
    this.write(from.ts[j]!, from.cpu[j]!, from.kind[j]! as EventKind, from.tid[j]!, from.pid[j]!, from.comm[j]!, from.arg0[j]!, from.arg1[j]!);
  }

  /** With ties by CPU in the flat layout: the first events are read both ways (see {@link PROBE_EVENTS}). */
  private startProbe(): void {
    if (this.flatCap === 0 || this.ties !== 'cpu') return;
    this.merge = new CpuStreamMerge(this);
    this.probing = PROBE_EVENTS;
    this.probeInOrder = true;
  }

  /** The first events were read both ways: keep the way that fits them. */
  private settleProbe(): void {
    this.probing = 0;
    if (this.probeInOrder) this.merge = null;
    else {
      this.n = 0;
      this.lastTs = -Infinity;
      this.lastCpu = -1;
    }
  }

  /** Events waiting in the per-CPU merge are written, and the following ones come directly again. */
  private endMerge(): void {
    if (this.probing > 0) this.settleProbe();
    const merge = this.merge;
    if (merge === null) return;
    this.merge = null;
    merge.flush();
  }

  /** The late events join the rest as pushed; the table will be sorted as a whole. */
  private spillLate(): void {
    this.endMerge();
    this.sorted = false;
    this.holdsLate = false;
    this.late.replay((...row) => this.push(...row));
  }

  /** Before finishing: the late events merged into the in-order ones when they fit the flat arrays, else spilled. */
  private settleLate(): void {
    const d = this.late.length;
    if (this.flatCap > 0 && this.n + d <= this.blockCap) {
      const columns = { ts: this.bTs, cpu: this.bCpu, kind: this.bKind, tid: this.bTid, pid: this.bPid, comm: this.bComm, arg0: this.bArg0, arg1: this.bArg1 };
      this.late.mergeInto(columns, this.n, this.ties === 'cpu');
      this.n += d;
    } else this.spillLate();
  }

  private addRoom(): void {
    if (this.n === 0 && this.flatCap > 0 && this.addFlat()) return;
    if (this.blockCap > BLOCK) this.splitFlat();
    if (this.ts.length === 1 && this.blockCap < BLOCK) this.growFirstBlock();
    else this.addBlock(this.ts.length === 0 ? this.initialCapacity : BLOCK);
  }

  private addBlock(cap: number): void {
    this.blockBase = this.n;
    this.blockCap = cap;
    this.ts.push((this.bTs = new Float64Array(cap)));
    this.cpu.push((this.bCpu = new Uint16Array(cap)));
    this.kind.push((this.bKind = new Uint8Array(cap)));
    this.tid.push((this.bTid = new Int32Array(cap)));
    this.pid.push((this.bPid = new Int32Array(cap)));
    this.comm.push((this.bComm = new Uint32Array(cap)));
    this.arg0.push((this.bArg0 = new Int32Array(cap)));
    this.arg1.push((this.bArg1 = new Int32Array(cap)));
  }

  /** The only block is full and smaller than a block: double it (up to the block size). */
  private growFirstBlock(): void {
    const need = this.blockCap + 1;
    this.ts[0] = this.bTs = growTypedArray(this.bTs, need, this.n, BLOCK);
    this.cpu[0] = this.bCpu = growTypedArray(this.bCpu, need, this.n, BLOCK);
    this.kind[0] = this.bKind = growTypedArray(this.bKind, need, this.n, BLOCK);
    this.tid[0] = this.bTid = growTypedArray(this.bTid, need, this.n, BLOCK);
    this.pid[0] = this.bPid = growTypedArray(this.bPid, need, this.n, BLOCK);
    this.comm[0] = this.bComm = growTypedArray(this.bComm, need, this.n, BLOCK);
    this.arg0[0] = this.bArg0 = growTypedArray(this.bArg0, need, this.n, BLOCK);
    this.arg1[0] = this.bArg1 = growTypedArray(this.bArg1, need, this.n, BLOCK);
    this.blockCap = this.bTs.length;
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

  private order(ts: Float64Array, n: number, cpu: Uint16Array): Uint32Array {
    return stableTimeOrder(ts, n, this.ties === 'cpu' ? cpu : undefined);
  }

  /** Flat layout: sorted in place, the table's columns are views of the arrays written. */
  private finishFlat(): EventTable {
    const n = this.n;
    const ts = this.bTs.subarray(0, n);
    const cpu = this.bCpu.subarray(0, n);
    const columns = [ts, cpu, this.bKind.subarray(0, n), this.bTid.subarray(0, n), this.bPid.subarray(0, n),
      this.bComm.subarray(0, n), this.bArg0.subarray(0, n), this.bArg1.subarray(0, n)] as const;
    const byRuns = this.sorted || this.ties !== 'cpu' ? null : cpuRunsOrder(ts, n, cpu);
    if (byRuns) permuteRows(byRuns, { ts, cpu, kind: this.bKind, tid: this.bTid, pid: this.bPid, comm: this.bComm, arg0: this.bArg0, arg1: this.bArg1 });
    else if (!this.sorted) {
      const { order, spare } = timeOrderWithSpare(ts, n, this.ties === 'cpu' ? cpu : undefined);
      // one scratch buffer for all columns (4 bytes per event: the sort's spare buffer), each
      // column moved as 32-bit words (ts as two words an event), then cpu and kind
      const scratch = (spare ?? new Uint32Array(n)).buffer;
      const words = new Int32Array(scratch, 0, n);
      const tsWords = new Int32Array(ts.buffer, ts.byteOffset, 2 * n);
      reorderWords(tsWords, order, words, 0);
      reorderWords(tsWords, order, words, 1);
      for (const column of [this.bTid, this.bPid, this.bComm, this.bArg0, this.bArg1]) {
        reorderWords(new Int32Array(column.buffer, column.byteOffset, n), order, words, -1);
      }
      reorderCpus(cpu, order, new Uint16Array(scratch, 0, n));
      reorderKinds(this.bKind.subarray(0, n), order, new Uint8Array(scratch, 0, n));
    }
    const [, , kind, tid, pid, comm, arg0, arg1] = columns;
    return { length: n, baseNs: this.baseNs, ts, cpu, kind, tid, pid, comm, arg0, arg1, strings: this.strings, cpuCount: this.maxCpu + 1 };
  }

  private finishBlocks(): EventTable {
    const n = this.n;
    const flatTs = new Float64Array(n);
    this.ts.forEach((block, b) => flatTs.set(n - b * BLOCK >= block.length ? block : block.subarray(0, n - b * BLOCK), b * BLOCK));
    this.ts = [];
    let order: Uint32Array | null = null;
    let cpu: Uint16Array;
    if (this.sorted) {
      cpu = take(this.cpu, n, null, (k) => new Uint16Array(k));
    } else {
      const flatCpu = take(this.cpu, n, null, (k) => new Uint16Array(k));
      order = this.order(flatTs, n, flatCpu);
      cpu = gather(flatCpu, order, new Uint16Array(n));
    }
    const ts = order ? gather(flatTs, order, new Float64Array(n)) : flatTs;
    return {
      length: n,
      baseNs: this.baseNs,
      ts,
      cpu,
      kind: take(this.kind, n, order, (k) => new Uint8Array(k)),
      tid: take(this.tid, n, order, (k) => new Int32Array(k)),
      pid: take(this.pid, n, order, (k) => new Int32Array(k)),
      comm: take(this.comm, n, order, (k) => new Uint32Array(k)),
      arg0: take(this.arg0, n, order, (k) => new Int32Array(k)),
      arg1: take(this.arg1, n, order, (k) => new Int32Array(k)),
      strings: this.strings,
      cpuCount: this.maxCpu + 1,
    };
  }

  /** Empty again, holding none of the arrays given to the table (blocks; the flat layout is not taken again). */
  private reset(): void {
    this.n = 0;
    this.blockBase = 0;
    this.blockCap = 0;
    this.flatCap = 0;
    this.sorted = true;
    this.holdsLate = true;
    this.merge = null;
    this.probing = 0;
    this.maxCpu = -1;
    this.lastTs = -Infinity;
    this.lastCpu = -1;
    this.ts = [];
    this.cpu = [];
    this.kind = [];
    this.tid = [];
    this.pid = [];
    this.comm = [];
    this.arg0 = [];
    this.arg1 = [];
    this.bTs = new Float64Array(0);
    this.bCpu = new Uint16Array(0);
    this.bKind = new Uint8Array(0);
    this.bTid = new Int32Array(0);
    this.bPid = new Int32Array(0);
    this.bComm = new Uint32Array(0);
    this.bArg0 = new Int32Array(0);
    this.bArg1 = new Int32Array(0);
  }
}

type IntColumn = Int32Array | Uint32Array | Uint16Array | Uint8Array;

function gather<T extends Float64Array | Uint16Array>(src: T, order: Uint32Array, out: T): T {
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
  return out;
}

/**
 * Puts row order[k] of `columns` at k for every k < order.length, in place, one permutation
 * cycle at a time (one row held aside, no scratch column). Marks the rows done in the high bit
 * of `order` (n < 2^31): `order` is spent.
 */
function permuteRows(order: Uint32Array, columns: EventColumns): void {
  const DONE = 0x80000000;
  const held = emptyColumns(1);
  for (let start = 0; start < order.length; start++) {
    const first = order[start]!;
    if (first >= DONE) continue;
    order[start] = first | DONE;
    if (first === start) continue;
    copyRow(held, 0, columns, start);
    let at = start;
    let from = first;
    while (from !== start) {
      copyRow(columns, at, columns, from);
      at = from;
      from = order[at]!;
      order[at] = from | DONE;
    }
    copyRow(columns, at, held, 0);
  }
}

/**
 * Puts element order[k] of a column of 32-bit words at k for every k, through `scratch` (n
 * long). `half` -1: one word an element; 0 or 1: that word of two-word elements (a Float64
 * column seen as words, moved in two calls).
 */
function reorderWords(column: Int32Array, order: Uint32Array, scratch: Int32Array, half: -1 | 0 | 1): void {
  const n = order.length;
  if (half < 0) {
    for (let k = 0; k < n; k++) scratch[k] = column[order[k]!]!;
    column.set(scratch.subarray(0, n));
    return;
  }
  for (let k = 0; k < n; k++) scratch[k] = column[2 * order[k]! + half]!;
  for (let k = 0; k < n; k++) column[2 * k + half] = scratch[k]!;
}

/** {@link reorderWords} for the CPU column. */
function reorderCpus(column: Uint16Array, order: Uint32Array, scratch: Uint16Array): void {
  for (let k = 0; k < order.length; k++) scratch[k] = column[order[k]!]!;
  column.set(scratch.subarray(0, order.length));
}

/** {@link reorderWords} for the kind column. */
function reorderKinds(column: Uint8Array, order: Uint32Array, scratch: Uint8Array): void {
  for (let k = 0; k < order.length; k++) scratch[k] = column[order[k]!]!;
  column.set(scratch.subarray(0, order.length));
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
    for (let b = 0; b < blocks.length; b++) out.set(blocks[b]!.subarray(0, Math.min(blocks[b]!.length, n - b * BLOCK)), b * BLOCK);
  }
  blocks.length = 0;
  return out;
}
