/**
 * Dead-thread backlog: threads that left exit1 (or were enlisted dead, or entered an exit
 * syscall, when the table has no Exit events) and are not yet reaped, over time.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { isExitEvent } from './latency-pairs';
import { ThreadSet } from './thread-set';

export interface BacklogSeries {
  /** Times at which the backlog changed, ns (ascending). */
  ts: Float64Array;
  /** Backlog right after each change. */
  value: Int32Array;
  max: number;
}

export function backlogSeries(table: EventTable): BacklogSeries {
  const entered = new ThreadSet();
  const ts: number[] = [];
  const value: number[] = [];
  let current = 0;
  let max = 0;
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    let delta = 0;
    if (kind === EventKind.Dead || isExitEvent(table, i)) {
      if (entered.add(table.tid[i]!)) delta = 1;
    } else if (kind === EventKind.Reap) {
      const reaped = table.arg0[i]!;
      if (reaped < 0 || entered.has(reaped)) delta = current > 0 ? -1 : 0;
    }
    if (delta === 0) continue;
    current += delta;
    if (current > max) max = current;
    ts.push(table.ts[i]!);
    value.push(current);
  }
  return { ts: Float64Array.from(ts), value: Int32Array.from(value), max };
}
