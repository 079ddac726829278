/**
 * The columnar event table that trace readers and the simulator both produce (DESIGN.md).
 * One row per event, sorted by time. 31 bytes per event in the columns.
 */
import { StringTable } from './string-table';
import { EventKind } from './event-kind';

export interface EventTable {
  /** Number of events (rows). */
  readonly length: number;
  /** Absolute time of ts = 0, in ns (btrace `nsecs` is ns since the epoch, beyond 2^53). */
  readonly baseNs: bigint;
  /** Event time in ns relative to `baseNs`; non-decreasing. */
  readonly ts: Float64Array;
  readonly cpu: Uint16Array;
  /** An {@link EventKind}. */
  readonly kind: Uint8Array;
  /** Thread id the event happened in (btrace: kernel tid + 100000; ftrace: pid column). */
  readonly tid: Int32Array;
  /** Process id, -1 when unknown. */
  readonly pid: Int32Array;
  /** Thread name, an id in `strings`. */
  readonly comm: Uint32Array;
  /** Kind-specific arguments, see {@link EventKind}. -1 when unknown. */
  readonly arg0: Int32Array;
  readonly arg1: Int32Array;
  /** Interned strings: comms, lock names, wait channels. */
  readonly strings: StringTable;
  /** Number of CPUs seen (max cpu + 1). */
  readonly cpuCount: number;
  /**
   * End of the recording, ns relative to `baseNs` (>= the last event): a simulation's
   * duration, a btrace recording's `END` line. Absent when unknown (the analysis then ends
   * at the last event, see recording-end.ts).
   */
  readonly endTs?: number;
  /**
   * Start of the recording, ns relative to `baseNs` (<= the first event): a btrace recording's
   * `BEGIN` line (the reader puts the base there, so it is 0; see trace-sink.ts). Absent when
   * unknown: ftrace traces (they have no such line), btrace recordings without `BEGIN`, and
   * simulated tables (they cover 0..durationNs, passed as a span: run-metrics.ts). The analysis
   * then starts at the first event.
   */
  readonly startTs?: number;
}

/** One event as a plain object (tests, exporters); use the columns in hot loops. */
export interface EventRow {
  ts: number;
  cpu: number;
  kind: EventKind;
  tid: number;
  pid: number;
  comm: string;
  arg0: number;
  arg1: number;
}

export function eventAt(table: EventTable, i: number): EventRow {
  return {
    ts: table.ts[i]!,
    cpu: table.cpu[i]!,
    kind: table.kind[i]! as EventKind,
    tid: table.tid[i]!,
    pid: table.pid[i]!,
    comm: table.strings.get(table.comm[i]!),
    arg0: table.arg0[i]!,
    arg1: table.arg1[i]!,
  };
}

/** Bytes the columns hold per event (for the memory benchmark). */
export const BYTES_PER_EVENT = 8 + 2 + 1 + 4 + 4 + 4 + 4 + 4;

/**
 * Appends events into growable typed arrays, then sorts them by time (stable) in `finish()`.
 * Readers of per-CPU-buffered traces push out of order; the simulator pushes in order.
 */
export class EventTableBuilder {
  readonly strings: StringTable;
  private n = 0;
  private cap: number;
  private ts: Float64Array;
  private cpu: Uint16Array;
  private kind: Uint8Array;
  private tid: Int32Array;
  private pid: Int32Array;
  private comm: Uint32Array;
  private arg0: Int32Array;
  private arg1: Int32Array;
  private sorted = true;
  private maxCpu = -1;

  /** @param baseNs absolute time of ts = 0, in ns. */
  constructor(readonly baseNs: bigint = 0n, initialCapacity = 1024, strings = new StringTable()) {
    this.strings = strings;
    this.cap = Math.max(16, initialCapacity);
    this.ts = new Float64Array(this.cap);
    this.cpu = new Uint16Array(this.cap);
    this.kind = new Uint8Array(this.cap);
    this.tid = new Int32Array(this.cap);
    this.pid = new Int32Array(this.cap);
    this.comm = new Uint32Array(this.cap);
    this.arg0 = new Int32Array(this.cap);
    this.arg1 = new Int32Array(this.cap);
  }

  get length(): number {
    return this.n;
  }

  /**
   * Appends one event.
   * @param ts ns relative to baseNs
   * @param comm thread name id from `strings.intern`
   */
  push(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0 = -1, arg1 = -1): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    if (i > 0 && ts < this.ts[i - 1]!) this.sorted = false;
    this.ts[i] = ts;
    this.cpu[i] = cpu;
    this.kind[i] = kind;
    this.tid[i] = tid;
    this.pid[i] = pid;
    this.comm[i] = comm;
    this.arg0[i] = arg0;
    this.arg1[i] = arg1;
    if (cpu > this.maxCpu) this.maxCpu = cpu;
  }

  /**
   * Returns the table sorted by time (ties keep insertion order), trimmed to its length.
   * @param endTs end of the recording, ns relative to baseNs (see {@link EventTable.endTs})
   */
  finish(endTs?: number): EventTable {
    const n = this.n;
    let order: Uint32Array | null = null;
    if (!this.sorted) {
      order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      const ts = this.ts;
      order.sort((a, b) => ts[a]! - ts[b]! || a - b);
    }
    const take = <T extends Float64Array | Uint16Array | Uint8Array | Int32Array | Uint32Array>(col: T): T => {
      const out = col.slice(0, n) as T;
      if (order) for (let i = 0; i < n; i++) out[i] = col[order[i]!]!;
      return out;
    };
    return {
      length: n,
      baseNs: this.baseNs,
      ts: take(this.ts),
      cpu: take(this.cpu),
      kind: take(this.kind),
      tid: take(this.tid),
      pid: take(this.pid),
      comm: take(this.comm),
      arg0: take(this.arg0),
      arg1: take(this.arg1),
      strings: this.strings,
      cpuCount: this.maxCpu + 1,
      ...(endTs === undefined ? {} : { endTs }),
    };
  }

  private grow(): void {
    this.cap *= 2;
    const grow = <T extends Float64Array | Uint16Array | Uint8Array | Int32Array | Uint32Array>(col: T): T => {
      const next = new (col.constructor as new (n: number) => T)(this.cap);
      next.set(col);
      return next;
    };
    this.ts = grow(this.ts);
    this.cpu = grow(this.cpu);
    this.kind = grow(this.kind);
    this.tid = grow(this.tid);
    this.pid = grow(this.pid);
    this.comm = grow(this.comm);
    this.arg0 = grow(this.arg0);
    this.arg1 = grow(this.arg1);
  }
}
