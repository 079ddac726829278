/**
 * Exit→reap latency: how long a thread that left exit1 waits until its resources are freed.
 *
 * Start: the thread's Exit event when the table has one for it (the simulator's Exit; a
 * trace's exit/__threxit syscall line), otherwise its last off-cpu; `startsAt` says which.
 * Simulated and traced tables of the same run thus measure the same interval.
 *
 * End, exact: Reap events that name the reaped thread (arg0 ≥ 0: the simulator, Linux
 * sched_process_free) pair with it directly.
 *
 * End, inferred (btrace: a kprobe cannot tell which thread it frees; DESIGN.md "OpenBSD
 * tracing facts"): the dead lists are replayed the way the kernel uses them, see
 * dead-list-replay.ts. Always labelled inferred.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { replayDeadLists } from './dead-list-replay';
import { isExitEvent, PairList, type ExitToReap, type LatencyStart } from './latency-pairs';

export type { ExitToReap, LatencyStart };

export interface ExitToReapOptions {
  /** Threads known to have exited (e.g. from a trace's exit syscalls), added to those the table shows. */
  exitedTids?: Iterable<number>;
}

export function exitToReap(table: EventTable, options: ExitToReapOptions = {}): ExitToReap {
  for (let i = 0; i < table.length; i++) {
    if (table.kind[i] === EventKind.Reap && table.arg0[i]! >= 0) return exactPairs(table);
  }
  return replayDeadLists(table, options.exitedTids ?? []);
}

/**
 * Each Reap pairs with the reaped thread's Exit recorded before it, once. A table without any
 * Exit event (a recording of switches and frees only) starts at the thread's last off-cpu
 * instead. With Exit events, a reap of a thread whose exit came before the recording (or of an
 * earlier thread with a reused id) pairs with nothing.
 */
function exactPairs(table: EventTable): ExitToReap {
  let tableHasExits = false;
  for (let i = 0; i < table.length && !tableHasExits; i++) tableHasExits = isExitEvent(table, i);
  const exitAt = new Map<number, number>();
  const lastOff = new Map<number, number>();
  const out = new PairList();
  for (let i = 0; i < table.length; i++) {
    const tid = table.tid[i]!;
    const t = table.ts[i]!;
    if (isExitEvent(table, i)) {
      if (!exitAt.has(tid)) exitAt.set(tid, t);
    } else if (table.kind[i] === EventKind.OffCpu) {
      lastOff.set(tid, t);
    } else if (table.kind[i] === EventKind.Reap) {
      const reaped = table.arg0[i]!;
      if (reaped < 0) continue;
      const exit = exitAt.get(reaped);
      const start = tableHasExits ? exit : lastOff.get(reaped);
      if (start === undefined) continue;
      out.add(start, t, exit !== undefined);
      exitAt.delete(reaped);
      lastOff.delete(reaped);
    }
  }
  return out.finish(false, tableHasExits);
}
