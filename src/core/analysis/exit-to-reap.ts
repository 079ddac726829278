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
import { TidSlots } from '../trace/tid-slots';
import { roomFor } from '../events/typed-array-growth';

export type { ExitToReap, LatencyStart };

export interface ExitToReapOptions {
  /** Threads known to have exited (e.g. from a trace's exit syscalls), added to those the table shows. */
  exitedTids?: Iterable<number>;
}

export function exitToReap(table: EventTable, options: ExitToReapOptions = {}): ExitToReap {
  if (hasNamedReaps(table)) return exactPairs(table);
  return replayDeadLists(table, options.exitedTids ?? []);
}

/** Whether some Reap event names the reaped thread (arg0 ≥ 0): then the pairs are exact. */
export function hasNamedReaps(table: EventTable): boolean {
  const { kind: kinds, arg0 } = table;
  for (let i = 0; i < table.length; i++) {
    if (kinds[i] === EventKind.Reap && arg0[i]! >= 0) return true;
  }
  return false;
}

/**
 * Each Reap pairs with the reaped thread's Exit recorded before it, once. A table without any
 * Exit event (a recording of switches and frees only) starts at the thread's last off-cpu
 * instead. With Exit events, a reap of a thread whose exit came before the recording (or of an
 * earlier thread with a reused id) pairs with nothing.
 */
export function exactPairs(table: EventTable): ExitToReap {
  const { pairs, tableHasExits } = collectExactPairs(table);
  return pairs.finish(false, tableHasExits);
}

/** {@link exactPairs} before they are labelled: the pairs and whether the table records exits. */
export function collectExactPairs(table: EventTable): { pairs: PairList; tableHasExits: boolean } {
  const { kind: kinds, tid: tids, ts, arg0 } = table;
  let tableHasExits = false;
  for (let i = 0; i < table.length && !tableHasExits; i++) tableHasExits = isExitEvent(table, i);
  const threads = new PendingExits();
  const out = new PairList();
  for (let i = 0; i < table.length; i++) {
    const kind = kinds[i]!;
    if (kind === EventKind.OffCpu) {
      const s = threads.slotOf(tids[i]!); // first: it may grow the arrays
      threads.lastOffAt[s] = ts[i]!;
    } else if (kind === EventKind.Reap) {
      const s = threads.find(arg0[i]!);
      if (s < 0) continue; // not seen exiting nor switching off, or no reaped thread named
      const exit = threads.exitAt[s]!;
      const start = tableHasExits ? exit : threads.lastOffAt[s]!;
      if (start !== start) continue; // NaN: none
      out.add(start, ts[i]!, exit === exit);
      threads.exitAt[s] = NaN;
      threads.lastOffAt[s] = NaN;
    } else if (isExitEvent(table, i)) {
      const s = threads.slotOf(tids[i]!);
      if (threads.exitAt[s] !== threads.exitAt[s]) threads.exitAt[s] = ts[i]!;
    }
  }
  return { pairs: out, tableHasExits };
}

/** Per thread (by slot), the exit and last off-cpu not yet paired with a reap, ns (NaN: none). */
class PendingExits {
  private readonly slots = new TidSlots();
  // small at first, so the first growth comes before the loop feeding them is compiled (dead-list-replay.ts)
  exitAt = new Float64Array(16).fill(NaN);
  lastOffAt = new Float64Array(16).fill(NaN);

  slotOf(tid: number): number {
    const s = this.slots.slot(tid);
    if (s >= this.exitAt.length) {
      this.exitAt = roomFor(this.exitAt, s + 1, NaN);
      this.lastOffAt = roomFor(this.lastOffAt, s + 1, NaN);
    }
    return s;
  }

  /** The slot of `tid`, or -1 when it has none (a negative tid: none). */
  find(tid: number): number {
    return tid < 0 ? -1 : this.slots.find(tid);
  }
}
