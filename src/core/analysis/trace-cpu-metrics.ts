/**
 * Per-CPU utilisation of a trace (the whole-machine figure is in run-metrics.ts; both come
 * from busyPerCpu): the share of the trace's span each CPU ran a thread other than its idle
 * thread (OpenBSD `idleN`, Linux pid 0 `swapper/N`).
 */
import type { EventTable } from '../events/event-table';
import { busyPerCpu } from './on-cpu-intervals';
import { windowOf } from './run-metrics';

/** Utilisation 0..1 per CPU (index = CPU) over the recording: its start (BEGIN, else the first event) → its end. */
export function utilisationPerCpu(table: EventTable): number[] {
  if (table.length === 0) return new Array<number>(table.cpuCount).fill(0);
  const window = windowOf(table, {});
  return utilisationOfBusy(busyPerCpu(table, window).busyNs, window.spanNs);
}

/** Utilisation 0..1 per CPU from its busy time (ns, run-metrics.ts baseMetrics' busyNsPerCpu) over a span of `spanNs`. */
export function utilisationOfBusy(busyNs: readonly number[], spanNs: number): number[] {
  return busyNs.map((ns) => (spanNs > 0 ? ns / spanNs : 0));
}
