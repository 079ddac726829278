/**
 * Exit→reap latency: how long a thread that left exit1 waits until its resources are freed.
 *
 * Exact when Reap events name the reaped thread (arg0 ≥ 0, the simulator): latency = reap time
 * − the thread's Exit time (or its Dead time, or its last off-cpu when neither was recorded).
 *
 * Inferred otherwise (traces, DESIGN.md "OpenBSD tracing facts"): the dead thread's last
 * off-cpu → the first reap by the reaper serving that CPU after it (when the trace has Reap
 * events without a tid), else that reaper's first run after it. The reaper serving CPU c is
 * `reaper{c}` when such a thread exists, otherwise the global `reaper`.
 */
import type { EventTable } from '../trace/event-table';
import { EventKind } from '../trace/event-kind';
import { reaperIndexOfComm } from './reaper-activity';

/** Syscall numbers after which a thread never returns: exit(2) = 1, __threxit(2) = 302. */
export const EXIT_SYSCALLS: ReadonlySet<number> = new Set([1, 302]);

export interface ExitToReap {
  /** One latency per reaped thread, ns (exact: in reap order; inferred: in exit order). */
  latenciesNs: Float64Array;
  /** When each of those threads exited (the pair's start), ns. */
  startsNs: Float64Array;
  /** True when the pairs were inferred (no Reap event named the reaped thread). */
  inferred: boolean;
}

export interface ExitToReapOptions {
  /** Threads known to have exited (e.g. from a trace's exit syscalls), added to those the table shows. */
  exitedTids?: Iterable<number>;
}

export function exitToReap(table: EventTable, options: ExitToReapOptions = {}): ExitToReap {
  for (let i = 0; i < table.length; i++) {
    if (table.kind[i] === EventKind.Reap && table.arg0[i]! >= 0) return { ...exactPairs(table), inferred: false };
  }
  return { ...inferredPairs(table, options), inferred: true };
}

type Pairs = Pick<ExitToReap, 'latenciesNs' | 'startsNs'>;

function pairs(starts: number[], ends: number[]): Pairs {
  const latenciesNs = new Float64Array(starts.length);
  for (let i = 0; i < starts.length; i++) latenciesNs[i] = ends[i]! - starts[i]!;
  return { latenciesNs, startsNs: Float64Array.from(starts) };
}

function exactPairs(table: EventTable): Pairs {
  const exitAt = new Map<number, number>();
  const deadAt = new Map<number, number>();
  const lastOff = new Map<number, number>();
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    const tid = table.tid[i]!;
    const t = table.ts[i]!;
    if (kind === EventKind.Exit) {
      if (!exitAt.has(tid)) exitAt.set(tid, t);
    } else if (kind === EventKind.Dead) {
      if (!deadAt.has(tid)) deadAt.set(tid, t);
    } else if (kind === EventKind.OffCpu) {
      lastOff.set(tid, t);
    } else if (kind === EventKind.Reap) {
      const reaped = table.arg0[i]!;
      if (reaped < 0) continue;
      const start = exitAt.get(reaped) ?? deadAt.get(reaped) ?? lastOff.get(reaped);
      if (start !== undefined) {
        starts.push(start);
        ends.push(t);
      }
    }
  }
  return pairs(starts, ends);
}

interface DeadThread {
  start: number;
  cpu: number;
}

function inferredPairs(table: EventTable, options: ExitToReapOptions): Pairs {
  const exited = new Set<number>(options.exitedTids ?? []);
  const lastOff = new Map<number, DeadThread>();
  /** Per reaper key (-1 = global reaper, N = reaperN): times of its runs and of its reaps. */
  const runs = new Map<number, number[]>();
  const reaps = new Map<number, number[]>();
  const keyOfComm = new Map<number, number | null>();
  const keyOf = (commId: number): number | null => {
    let key = keyOfComm.get(commId);
    if (key === undefined) {
      key = reaperIndexOfComm(table.strings.get(commId));
      keyOfComm.set(commId, key);
    }
    return key;
  };
  const append = (map: Map<number, number[]>, key: number, t: number): void => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    const tid = table.tid[i]!;
    if (kind === EventKind.Exit || kind === EventKind.Dead) exited.add(tid);
    else if (kind === EventKind.Syscall && EXIT_SYSCALLS.has(table.arg0[i]!)) exited.add(tid);
    else if (kind === EventKind.OffCpu) lastOff.set(tid, { start: table.ts[i]!, cpu: table.cpu[i]! });
    else if (kind === EventKind.OnCpu || kind === EventKind.Reap) {
      const key = keyOf(table.comm[i]!);
      if (key !== null) append(kind === EventKind.OnCpu ? runs : reaps, key, table.ts[i]!);
    }
  }
  const dead: DeadThread[] = [];
  for (const tid of exited) {
    const d = lastOff.get(tid);
    if (d) dead.push(d);
  }
  dead.sort((a, b) => a.start - b.start);
  const useReaps = reaps.size > 0;
  const ends = useReaps ? reaps : runs;
  const next = new Map<number, number>();
  const starts: number[] = [];
  const endTimes: number[] = [];
  for (const d of dead) {
    const key = ends.has(d.cpu) ? d.cpu : -1;
    const times = ends.get(key);
    if (!times) continue;
    let j = lowerBound(times, d.start, useReaps ? next.get(key) ?? 0 : 0);
    if (j >= times.length) continue;
    starts.push(d.start);
    endTimes.push(times[j]!);
    if (useReaps) next.set(key, ++j);
  }
  return pairs(starts, endTimes);
}

/** First index ≥ from whose value is > t (the reaper acts strictly after the thread left). */
function lowerBound(sorted: number[], t: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
