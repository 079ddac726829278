/**
 * Where the trace readers put events: the event-table builder (equal times ordered by CPU, as
 * lines of per-CPU buffers interleave) plus what every reader needs around it — times kept
 * exact relative to the first timed line read (an event, or btrace's BEGIN or END line), the
 * thread names, and the clean-up after sorting ({@link applyTraceFixups}).
 */
import type { EventTable } from '../events/event-table';
import { EventTableBuilder } from '../events/event-table-builder';
import type { EventKind } from '../events/event-kind';
import type { StringTable } from '../events/string-table';
import type { SplitNs } from './number-scan';
import { applyTraceFixups } from './trace-fixups';
import { TidSlots } from './tid-slots';
import { roomFor } from '../events/typed-array-growth';

/** Name given to a thread seen only as another thread's switch partner, until its own lines name it. */
export const UNKNOWN_COMM = '';

export class TraceSink {
  private readonly columns: EventTableBuilder;
  readonly strings: StringTable;
  /** Id of {@link UNKNOWN_COMM}. */
  readonly unknownComm: number;
  /** Set by a reader when lines of one CPU came out of time order: duplicates may need merging. */
  cpuOrderBroken = false;
  /** Slots of the threads {@link awaitName} was called for. */
  private readonly named = new TidSlots();
  /** Per slot: 1 while the thread has events under {@link unknownComm} and no name yet. */
  private awaiting = new Uint8Array(256);
  private awaitingCount = 0;
  /** Per slot: the name id found later for an awaiting thread, -1 until found. */
  private foundNames = new Int32Array(256).fill(-1);
  private foundCount = 0;
  /** Seconds part of the first timed line's time (event, BEGIN or END): times are kept as ns after this second. */
  private baseSec = -1;
  /** End of the recording (relative ns, as {@link relative}), -1 until an end line is read. */
  private endRel = -1;
  /** Start of the recording (relative ns, may be negative), undefined until a reader says where it is. */
  private startRel: number | undefined;

  /** @param capacityHint at most this many events will come, when known (see {@link EventTableBuilder}) */
  constructor(capacityHint = 0) {
    this.columns = new EventTableBuilder(0n, { capacityHint, ties: 'cpu' });
    this.strings = this.columns.strings;
    this.unknownComm = this.strings.intern(UNKNOWN_COMM);
  }

  get length(): number {
    return this.columns.length;
  }

  /** Thread `tid` has an event under {@link unknownComm}: its name is wanted from a later line. */
  awaitName(tid: number): void {
    const s = this.named.slot(tid);
    if (s >= this.awaiting.length) {
      this.awaiting = roomFor(this.awaiting, s + 1, 0);
      this.foundNames = roomFor(this.foundNames, s + 1, -1);
    }
    if (this.foundNames[s]! < 0 && this.awaiting[s] === 0) {
      this.awaiting[s] = 1;
      this.awaitingCount++;
    }
  }

  get awaitingNames(): number {
    return this.awaitingCount;
  }

  /** A line of thread `tid` named it `comm`. */
  nameSeen(tid: number, comm: number): void {
    if (comm === this.unknownComm) return;
    const s = this.named.find(tid);
    if (s < 0 || this.awaiting[s] === 0) return;
    this.awaiting[s] = 0;
    this.awaitingCount--;
    this.foundNames[s] = comm;
    this.foundCount++;
  }

  /** The name found for thread `tid` after it was awaited, undefined when none. */
  private foundName(tid: number): number | undefined {
    const s = this.named.find(tid);
    const id = s < 0 ? -1 : this.foundNames[s]!;
    return id < 0 ? undefined : id;
  }

  /** Converts an absolute time to ns relative to the base second (exact below 2^53 ns ≈ 104 days). */
  relative(t: SplitNs): number {
    if (this.baseSec < 0) this.baseSec = t.sec;
    return (t.sec - this.baseSec) * 1e9 + t.ns;
  }

  /** The recording ended at `ts` (relative ns): its end-of-recording line. The latest one counts. */
  recordEnd(ts: number): void {
    this.endRel = Math.max(this.endRel, ts);
  }

  /**
   * The recording started at `ts` (relative ns): its start-of-recording line (btrace `BEGIN`;
   * the reader decides which line counts). The table's base goes there (see {@link finish}).
   */
  recordStart(ts: number): void {
    this.startRel = ts;
  }

  /** Whether the trace said when the recording ended. */
  get endRecorded(): boolean {
    return this.endRel >= 0;
  }

  intern(comm: string): number {
    return this.strings.intern(comm);
  }

  push(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0 = -1, arg1 = -1): void {
    this.columns.push(ts, cpu, kind, tid, pid, comm, arg0, arg1);
  }

  /**
   * Sorts, cleans up (see {@link applyTraceFixups}) and rebases so ts = 0 is the recorded start
   * (`startTs` = 0), or the first event when no start was read (`startTs` absent); a start after
   * the first event (a clock step) is moved back to it. `endTs` is the recorded end (never
   * before the last event), absent when none was read. A table without events keeps its start
   * and end only when both were read.
   */
  finish(): EventTable {
    const unnamed = this.foundCount > 0 || this.awaitingCount > 0;
    const needs = { names: unnamed ? { get: (tid: number) => this.foundName(tid) } : null, duplicates: this.cpuOrderBroken };
    const sorted = applyTraceFixups(this.columns.finish(), this.unknownComm, needs);
    const n = sorted.length;
    const start = n > 0 || this.endRel >= 0 ? this.startRel : undefined;
    // ts = 0 goes here: the recorded start, never after the first event
    let origin = n > 0 ? sorted.ts[0]! : 0;
    if (start !== undefined) origin = n > 0 ? Math.min(origin, start) : start;
    if (origin !== 0) for (let i = 0; i < n; i++) sorted.ts[i] = sorted.ts[i]! - origin;
    const baseSec = BigInt(Math.max(0, this.baseSec));
    const table = { ...sorted, baseNs: baseSec * 1_000_000_000n + BigInt(origin), ...(start === undefined ? {} : { startTs: 0 }) };
    if (this.endRel < 0 || (n === 0 && start === undefined)) return table;
    return { ...table, endTs: Math.max(this.endRel - origin, n > 0 ? sorted.ts[n - 1]! : 0) };
  }
}
