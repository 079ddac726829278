/**
 * Per-CPU utilisation of a trace (the whole-machine figure is in run-metrics.ts): the share of
 * the trace's span each CPU ran a thread other than its idle thread (OpenBSD `idleN`, Linux
 * pid 0 `swapper/N`).
 */
import type { EventTable } from '../trace/event-table';
import { forEachOnCpuInterval, idleCommIds } from './on-cpu-intervals';

/** Utilisation 0..1 per CPU (index = CPU) over first → last event. */
export function utilisationPerCpu(table: EventTable): number[] {
  const busy = new Array<number>(table.cpuCount).fill(0);
  if (table.length === 0) return busy;
  const start = table.ts[0]!;
  const end = table.ts[table.length - 1]!;
  const idle = idleCommIds(table);
  forEachOnCpuInterval(table, end, (cpu, tid, comm, s, e) => {
    if (idle[comm] !== 1 && tid !== 0) busy[cpu]! += e - s;
  });
  const span = end - start;
  return busy.map((ns) => (span > 0 ? ns / span : 0));
}
