/**
 * Where the trace readers put events: an {@link EventTableBuilder} plus what both readers need
 * around it — times kept exact relative to the first event seen, the thread names, and the
 * clean-up after sorting ({@link applyTraceFixups}).
 */
import { EventTableBuilder, type EventTable } from './event-table';
import type { EventKind } from './event-kind';
import type { SplitNs } from './number-scan';
import { applyTraceFixups } from './trace-fixups';

/** Name given to a thread seen only as another thread's switch partner, until its own lines name it. */
export const UNKNOWN_COMM = '';

export class TraceSink {
  readonly builder: EventTableBuilder;
  /** Id of {@link UNKNOWN_COMM}. */
  readonly unknownComm: number;
  /** Seconds part of the first event's time: times are kept as ns after this second. */
  private baseSec = -1;

  constructor(initialCapacity = 1 << 16) {
    this.builder = new EventTableBuilder(0n, initialCapacity);
    this.unknownComm = this.builder.strings.intern(UNKNOWN_COMM);
  }

  get length(): number {
    return this.builder.length;
  }

  /** Converts an absolute time to ns relative to the base second (exact below 2^53 ns ≈ 104 days). */
  relative(t: SplitNs): number {
    if (this.baseSec < 0) this.baseSec = t.sec;
    return (t.sec - this.baseSec) * 1e9 + t.ns;
  }

  intern(comm: string): number {
    return this.builder.strings.intern(comm);
  }

  push(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0 = -1, arg1 = -1): void {
    this.builder.push(ts, cpu, kind, tid, pid, comm, arg0, arg1);
  }

  /** Sorts, cleans up (see {@link applyTraceFixups}) and rebases so the first event is at ts = 0. */
  finish(): EventTable {
    const sorted = applyTraceFixups(this.builder.finish(), this.unknownComm);
    const first = sorted.length > 0 ? sorted.ts[0]! : 0;
    if (first !== 0) for (let i = 0; i < sorted.length; i++) sorted.ts[i] = sorted.ts[i]! - first;
    const baseSec = BigInt(Math.max(0, this.baseSec));
    return { ...sorted, baseNs: baseSec * 1_000_000_000n + BigInt(first) };
  }
}
