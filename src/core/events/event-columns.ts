/**
 * The eight columns of an event table (see event-table.ts) as one object, and moving a row
 * between column sets: sorting in place and dropping rows move whole rows.
 */

/** The columns of events, row i being element i of each (an {@link EventTable} is one). */
export interface EventColumns {
  /** Event time in ns relative to the table's `baseNs`; non-decreasing in a table. */
  readonly ts: Float64Array;
  readonly cpu: Uint16Array;
  /** An {@link EventKind}. */
  readonly kind: Uint8Array;
  /** Thread id the event happened in (btrace: kernel tid + 100000; ftrace: pid column). */
  readonly tid: Int32Array;
  /** Process id, -1 when unknown. */
  readonly pid: Int32Array;
  /** Thread name, an id in the table's `strings`. */
  readonly comm: Uint32Array;
  /** Kind-specific arguments, see {@link EventKind}. -1 when unknown. */
  readonly arg0: Int32Array;
  readonly arg1: Int32Array;
}

/** Columns with room for `n` rows (a held row, for instance). */
export function emptyColumns(n: number): EventColumns {
  return {
    ts: new Float64Array(n),
    cpu: new Uint16Array(n),
    kind: new Uint8Array(n),
    tid: new Int32Array(n),
    pid: new Int32Array(n),
    comm: new Uint32Array(n),
    arg0: new Int32Array(n),
    arg1: new Int32Array(n),
  };
}

/** Row `i` of `to` becomes the event given (the arguments as EventTableBuilder.push takes them). */
export function setRow(to: EventColumns, i: number, ts: number, cpu: number, kind: number, tid: number, pid: number, comm: number, arg0: number, arg1: number): void {
  to.ts[i] = ts;
  to.cpu[i] = cpu;
  to.kind[i] = kind;
  to.tid[i] = tid;
  to.pid[i] = pid;
  to.comm[i] = comm;
  to.arg0[i] = arg0;
  to.arg1[i] = arg1;
}

/** Row `i` of `to` becomes a copy of row `j` of `from` (the same object or another). */
export function copyRow(to: EventColumns, i: number, from: EventColumns, j: number): void {
  to.ts[i] = from.ts[j]!;
  to.cpu[i] = from.cpu[j]!;
  to.kind[i] = from.kind[j]!;
  to.tid[i] = from.tid[j]!;
  to.pid[i] = from.pid[j]!;
  to.comm[i] = from.comm[j]!;
  to.arg0[i] = from.arg0[j]!;
  to.arg1[i] = from.arg1[j]!;
}
