/**
 * Putting events in time order while they are read, for traces whose CPUs' events come each in
 * time order but interleaved in blocks (btrace prints each CPU's buffer in turn): each event
 * waits in its CPU's queue until no event still to come can be earlier, then the queues are
 * merged into the output, by (time, CPU, arrival). An event can be handed out once its time is
 * below the latest time of every CPU (the watermark): each CPU's later events come no earlier
 * than its latest.
 *
 * A CPU that falls silent (an idle CPU prints nothing) would hold the watermark back, so a CPU
 * whose latest event is more than {@link QUIET_NS} older than the newest event read is taken to
 * print nothing earlier than that: the watermark is never below newest - QUIET_NS (btrace reads
 * its small per-CPU rings many times a second, so no CPU's lines lag that far). And when the
 * queues hold more than {@link MAX_QUEUED} events all the same, the CPU with the oldest latest
 * time stops counting until it is heard from again, so memory stays bounded. An event that can
 * no longer go in order (earlier than what went out, or than its CPU's previous one) is
 * refused: the caller keeps it aside as a late event.
 */
import { copyRow, emptyColumns, setRow, type EventColumns } from './event-columns';
import type { EventKind } from './event-kind';
import { heapAdd, heapRemoveRoot, heapReplaceRoot } from './cpu-heap';

/** Events held in all queues together before a silent CPU stops holding the others back (31 bytes each: 4 MiB). */
export const MAX_QUEUED = 1 << 17;

/** How far behind the newest event read a CPU's latest may be before the CPU no longer holds the others back, ns. */
export const QUIET_NS = 100_000_000;

/** Events queued between two attempts to hand some out. */
export const RELEASE_EVERY = 1 << 12;

/** How much the merge holds: {@link MAX_QUEUED}, {@link RELEASE_EVERY} and {@link QUIET_NS} unless given. */
export interface MergeLimits {
  /** Events. */
  maxQueued: number;
  /** Events. */
  releaseEvery: number;
  /** ns. */
  quietNs: number;
}

/** Where merged events go, in order. */
export interface MergedRows {
  /** Appends row `j` of `from`. */
  appendRow(from: EventColumns, j: number): void;
}

/** One CPU's waiting events: rows [head, tail) of its columns. */
class CpuQueue {
  columns: EventColumns = emptyColumns(64);
  head = 0;
  tail = 0;
  /** Time of the CPU's latest event (queued or handed out), -Infinity before its first. */
  latest = -Infinity;
  /** Whether the CPU counts for the watermark (false after it fell silent, until it is heard from again). */
  counted = true;

  get size(): number {
    return this.tail - this.head;
  }

  push(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0: number, arg1: number): void {
    if (this.tail === this.columns.ts.length) this.makeRoom();
    setRow(this.columns, this.tail++, ts, cpu, kind, tid, pid, comm, arg0, arg1);
    this.latest = ts;
  }

  /** Full at the tail: move the waiting rows to the front, into columns twice as long when they fill more than half. */
  private makeRoom(): void {
    const size = this.size;
    const old = this.columns;
    const into = size * 2 > old.ts.length ? emptyColumns(old.ts.length * 2) : old;
    for (let j = 0; j < size; j++) copyRow(into, j, old, this.head + j);
    this.columns = into;
    this.head = 0;
    this.tail = size;
  }
}

export class CpuStreamMerge {
  private readonly queues: (CpuQueue | undefined)[] = [];
  /** CPUs with a queue, in the order first seen. */
  private readonly cpus: CpuQueue[] = [];
  private queued = 0;
  private sinceRelease = 0;
  /** Time of the newest event queued, ns. */
  private newest = -Infinity;
  /** Heap of CPU numbers with queued events, by (head time, CPU): used while releasing. */
  private heap = new Int32Array(16);
  /** Per CPU: time of its first waiting event, the heap's key. */
  private key = new Float64Array(16);

  /**
   * @param out where events go, in order
   * @param releasedTs time of the last event already in `out` (ns): events not after it are refused
   */
  constructor(
    private readonly out: MergedRows,
    private releasedTs = -Infinity,
    private readonly limits: MergeLimits = { maxQueued: MAX_QUEUED, releaseEvery: RELEASE_EVERY, quietNs: QUIET_NS },
  ) {}

  /** Events waiting. */
  get length(): number {
    return this.queued;
  }

  /**
   * Queues one event; false when it cannot go in order any more (the caller keeps it as a late
   * event): earlier than its CPU's previous event, or not after the last event handed out.
   */
  push(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0: number, arg1: number): boolean {
    let q = this.queues[cpu];
    if (q === undefined) q = this.addCpu(cpu);
    if (ts < q.latest || ts <= this.releasedTs) return false;
    q.counted = true;
    q.push(ts, cpu, kind, tid, pid, comm, arg0, arg1);
    if (ts > this.newest) this.newest = ts;
    this.queued++;
    if (++this.sinceRelease >= this.limits.releaseEvery) {
      this.sinceRelease = 0;
      this.release(this.watermark());
      while (this.queued > this.limits.maxQueued) this.release(this.silenceOldest());
    }
    return true;
  }

  /** Hands out every event still waiting (the input is over). */
  flush(): void {
    this.release(Infinity);
  }

  private addCpu(cpu: number): CpuQueue {
    while (this.queues.length <= cpu) this.queues.push(undefined);
    const q = new CpuQueue();
    this.queues[cpu] = q;
    this.cpus.push(q);
    if (this.heap.length < this.cpus.length) this.heap = new Int32Array(this.heap.length * 2);
    return q;
  }

  /**
   * Every event before this time can go out: the smallest latest time of the CPUs that count,
   * but never below newest - quietNs (a CPU that far behind is silent, see above).
   */
  private watermark(): number {
    let w = Infinity;
    for (const q of this.cpus) if (q.counted && q.latest < w) w = q.latest;
    return w === Infinity ? w : Math.max(w, this.newest - this.limits.quietNs);
  }

  /** The counted CPU with the oldest latest time stops counting; returns the new watermark. */
  private silenceOldest(): number {
    let oldest: CpuQueue | undefined;
    for (const q of this.cpus) if (q.counted && (oldest === undefined || q.latest < oldest.latest)) oldest = q;
    if (oldest !== undefined) oldest.counted = false;
    // Infinity when every CPU is silenced: all can go
    return this.watermark();
  }

  /**
   * Hands out, in (time, CPU, arrival) order, the queued events earlier than `limit`: a heap of
   * the CPUs keyed by the time of their first waiting event (cpu-heap.ts), one event at a time.
   */
  private release(limit: number): void {
    const queues = this.queues;
    if (this.key.length < queues.length) this.key = new Float64Array(queues.length);
    const heap = this.heap;
    const key = this.key;
    const out = this.out;
    let size = 0;
    for (let cpu = 0; cpu < queues.length; cpu++) {
      const q = queues[cpu];
      if (q === undefined || q.head === q.tail || !(q.columns.ts[q.head]! < limit)) continue;
      key[cpu] = q.columns.ts[q.head]!;
      size = heapAdd(heap, key, size, cpu);
    }
    let released = 0;
    while (size > 0) {
      const cpu = heap[0]!;
      const q = queues[cpu]!;
      const ts = q.columns.ts;
      const j = q.head++;
      out.appendRow(q.columns, j);
      this.releasedTs = ts[j]!;
      released++;
      if (j + 1 < q.tail && ts[j + 1]! < limit) {
        key[cpu] = ts[j + 1]!;
        heapReplaceRoot(heap, key, size, cpu);
      } else size = heapRemoveRoot(heap, key, size);
    }
    this.queued -= released;
  }
}
