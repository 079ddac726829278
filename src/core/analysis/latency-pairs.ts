/**
 * Exit→reap pairs as collected by exit-to-reap.ts and dead-list-replay.ts: start and end of
 * each pair (ns), where the start came from, and the result type both return.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { SYS_EXIT, SYS_THREXIT } from '../trace/btrace-probes';
import { NumberColumn } from './number-column';
import { summarize, type Summary } from './stats';
import { orderByIntegerKey } from './integer-key-order';

/**
 * Where the latencies start: `exit` (Exit event), `last-off-cpu` (the thread's final switch,
 * when no Exit was recorded for it), or `mixed` when both occur among the pairs.
 */
export type LatencyStart = 'exit' | 'last-off-cpu' | 'mixed';

export interface ExitToReap {
  /** One latency per paired reap, ns, in reap order. */
  latenciesNs: Float64Array;
  /** When each of those threads exited (the pair's start), ns. */
  startsNs: Float64Array;
  /** True when the pairs were inferred (no Reap event named the reaped thread). */
  inferred: boolean;
  startsAt: LatencyStart;
}

/** Exit→reap latencies as a summary, with their labels (see {@link ExitToReap}). */
export interface ExitToReapSummary {
  latencyNs: Summary;
  inferred: boolean;
  startsAt: LatencyStart;
}

/** end - start per pair, ns. */
function latencies(starts: Float64Array, ends: Float64Array): Float64Array {
  const out = new Float64Array(starts.length);
  for (let i = 0; i < out.length; i++) out[i] = ends[i]! - starts[i]!;
  return out;
}

/** Pairs, with where each start came from; handed out in reap order. */
export class PairList {
  private readonly starts: NumberColumn;
  private readonly ends: NumberColumn;
  /** Per pair: its place in reap order (the reap's table index), when added out of order. */
  private readonly order: NumberColumn;
  private fromExit = 0;

  /** @param capacity pairs expected at most (room made at once; more still fit) */
  constructor(capacity = 16) {
    this.starts = new NumberColumn(capacity);
    this.ends = new NumberColumn(capacity);
    this.order = new NumberColumn(capacity);
  }

  /** @param order the pair's place in reap order, when pairs are added out of it (all or none). */
  add(startNs: number, endNs: number, startIsExit: boolean, order?: number): void {
    this.starts.push(startNs);
    this.ends.push(endNs);
    if (order !== undefined) this.order.push(order);
    if (startIsExit) this.fromExit++;
  }

  /** The pairs' starts and ends, in reap order. */
  private inReapOrder(): { starts: Float64Array; ends: Float64Array } {
    const starts = this.starts.toFloat64();
    const ends = this.ends.toFloat64();
    const order = this.order;
    if (order.length !== starts.length) return { starts, ends };
    const n = order.length;
    let ordered = true;
    for (let k = 1; k < n && ordered; k++) ordered = order.at(k - 1) <= order.at(k);
    if (ordered) return { starts, ends };
    const idx = orderByIntegerKey(n, (k) => order.at(k));
    const sortedStarts = new Float64Array(n);
    const sortedEnds = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      sortedStarts[k] = starts[idx[k]!]!;
      sortedEnds[k] = ends[idx[k]!]!;
    }
    return { starts: sortedStarts, ends: sortedEnds };
  }

  /** @param tableHasExits whether the table records Exit events at all (labels an empty result). */
  finish(inferred: boolean, tableHasExits: boolean): ExitToReap {
    const { starts, ends } = this.inReapOrder();
    return { latenciesNs: latencies(starts, ends), startsNs: starts, inferred, startsAt: this.startsAt(tableHasExits) };
  }

  /**
   * The latencies summarised, without putting the pairs in reap order first (a summary does not
   * depend on the order: it sorts them).
   * @param tableHasExits as for {@link finish}
   */
  summarize(inferred: boolean, tableHasExits: boolean): ExitToReapSummary {
    return { latencyNs: summarize(latencies(this.starts.view(), this.ends.view())), inferred, startsAt: this.startsAt(tableHasExits) };
  }

  private startsAt(tableHasExits: boolean): LatencyStart {
    const n = this.starts.length;
    if (n === 0) return tableHasExits ? 'exit' : 'last-off-cpu';
    return this.fromExit === n ? 'exit' : this.fromExit === 0 ? 'last-off-cpu' : 'mixed';
  }
}

/** Whether event i says its thread left exit1: an Exit event, or an exit/__threxit Syscall. */
export function isExitEvent(table: EventTable, i: number): boolean {
  const kind = table.kind[i]!;
  return kind === EventKind.Exit || (kind === EventKind.Syscall && (table.arg0[i] === SYS_EXIT || table.arg0[i] === SYS_THREXIT));
}
