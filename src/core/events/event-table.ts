/**
 * The columnar event table that trace readers and the simulator both produce (DESIGN.md).
 * One row per event, sorted by time. 31 bytes per event in the columns. Built by
 * event-table-builder.ts.
 */
import type { StringTable } from './string-table';
import type { EventColumns } from './event-columns';
import { EventKind } from './event-kind';

export interface EventTable extends EventColumns {
  /** Number of events (rows). */
  readonly length: number;
  /** Absolute time of ts = 0, in ns (btrace `nsecs` is ns since the epoch, beyond 2^53). */
  readonly baseNs: bigint;
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
