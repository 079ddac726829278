/**
 * Exit→reap pairs as collected by exit-to-reap.ts and dead-list-replay.ts: start and end of
 * each pair (ns), where the start came from, and the result type both return.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { SYS_EXIT, SYS_THREXIT } from '../trace/btrace-probes';

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

/** Pairs, with where each start came from; handed out in reap order. */
export class PairList {
  private starts: number[] = [];
  private ends: number[] = [];
  /** Per pair: its place in reap order (the reap's table index), when added out of order. */
  private readonly order: number[] = [];
  private fromExit = 0;

  /** @param order the pair's place in reap order, when pairs are added out of it (all or none). */
  add(startNs: number, endNs: number, startIsExit: boolean, order?: number): void {
    this.starts.push(startNs);
    this.ends.push(endNs);
    if (order !== undefined) this.order.push(order);
    if (startIsExit) this.fromExit++;
  }

  private sortByOrder(): void {
    if (this.order.length !== this.starts.length) return;
    let ordered = true;
    for (let k = 1; k < this.order.length && ordered; k++) ordered = this.order[k - 1]! <= this.order[k]!;
    if (ordered) return;
    const idx = this.order.map((_, k) => k).sort((a, b) => this.order[a]! - this.order[b]!);
    this.starts = idx.map((k) => this.starts[k]!);
    this.ends = idx.map((k) => this.ends[k]!);
  }

  /** @param tableHasExits whether the table records Exit events at all (labels an empty result). */
  finish(inferred: boolean, tableHasExits: boolean): ExitToReap {
    this.sortByOrder();
    const n = this.starts.length;
    const latenciesNs = new Float64Array(n);
    for (let i = 0; i < n; i++) latenciesNs[i] = this.ends[i]! - this.starts[i]!;
    const startsAt: LatencyStart = n === 0
      ? (tableHasExits ? 'exit' : 'last-off-cpu')
      : this.fromExit === n ? 'exit' : this.fromExit === 0 ? 'last-off-cpu' : 'mixed';
    return { latenciesNs, startsNs: Float64Array.from(this.starts), inferred, startsAt };
  }
}

/** Whether event i says its thread left exit1: an Exit event, or an exit/__threxit Syscall. */
export function isExitEvent(table: EventTable, i: number): boolean {
  const kind = table.kind[i]!;
  return kind === EventKind.Exit || (kind === EventKind.Syscall && (table.arg0[i] === SYS_EXIT || table.arg0[i] === SYS_THREXIT));
}
