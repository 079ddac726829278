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

/** Called at each change of the backlog: the table index of the event, the backlog right after it. */
type BacklogVisitor = (i: number, value: number) => void;

/** Walks the table once, calling `visit` at each change; returns the largest backlog. */
function forEachBacklogChange(table: EventTable, visit: BacklogVisitor | null): number {
  const entered = new ThreadSet();
  const { kind: kinds, tid, arg0 } = table;
  let current = 0;
  let max = 0;
  for (let i = 0; i < table.length; i++) {
    const kind = kinds[i]!;
    let delta = 0;
    if (kind === EventKind.Dead || isExitEvent(table, i)) {
      if (entered.add(tid[i]!)) delta = 1;
    } else if (kind === EventKind.Reap) {
      const reaped = arg0[i]!;
      if (reaped < 0 || entered.has(reaped)) delta = current > 0 ? -1 : 0;
    }
    if (delta === 0) continue;
    current += delta;
    if (current > max) max = current;
    visit?.(i, current);
  }
  return max;
}

export function backlogSeries(table: EventTable): BacklogSeries {
  const ts: number[] = [];
  const value: number[] = [];
  const max = forEachBacklogChange(table, (i, v) => {
    ts.push(table.ts[i]!);
    value.push(v);
  });
  return { ts: Float64Array.from(ts), value: Int32Array.from(value), max };
}

/** The largest backlog of the table ({@link backlogSeries}'s `max`), without building the series. */
export function backlogMax(table: EventTable): number {
  return forEachBacklogChange(table, null);
}
