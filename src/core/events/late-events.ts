/**
 * Events that came after a later one (a reader's events added at the end of the input, such as
 * btrace's Dead events; a line out of order): held aside in their own columns while the events
 * in time order are written where they stay, then sorted alone and merged into those in one
 * pass from the back ({@link LateEvents.mergeInto}), so a table in order but for a few late
 * events is never sorted as a whole. 31 bytes per late event (twice that while growing).
 */
import { copyRow, emptyColumns, setRow, type EventColumns } from './event-columns';
import type { EventKind } from './event-kind';
import { stableTimeOrder } from './time-order';

/** Capacity of the first columns, in events; they double as needed. */
const INITIAL_CAPACITY = 1024;

export class LateEvents {
  private columns: EventColumns = emptyColumns(0);
  private n = 0;

  /** Late events held. */
  get length(): number {
    return this.n;
  }

  /** Holds one event (the arguments as EventTableBuilder.push takes them). */
  push(ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0: number, arg1: number): void {
    if (this.n === this.columns.ts.length) this.grow();
    setRow(this.columns, this.n++, ts, cpu, kind, tid, pid, comm, arg0, arg1);
  }

  /** Hands the late events, as pushed, to `push` (events of another layout), and lets go of them. */
  replay(push: (ts: number, cpu: number, kind: EventKind, tid: number, pid: number, comm: number, arg0: number, arg1: number) => void): void {
    const c = this.columns;
    const n = this.n;
    this.clear();
    for (let j = 0; j < n; j++) push(c.ts[j]!, c.cpu[j]!, c.kind[j]! as EventKind, c.tid[j]!, c.pid[j]!, c.comm[j]!, c.arg0[j]!, c.arg1[j]!);
  }

  /**
   * Merges the late events into rows [0, n) of `to`, events in order by time (with `byCpu`: by
   * time, then CPU), each pushed before any late event of the same time (and CPU), giving rows
   * [0, n + length) in the order a stable sort of all events would give: by time, then (with
   * `byCpu`) by CPU, then in push order. `to` must have room for n + length rows. Lets go of the
   * late events.
   */
  mergeInto(to: EventColumns, n: number, byCpu: boolean): void {
    const late = this.columns;
    const d = this.n;
    if (d === 0) return;
    const order = stableTimeOrder(late.ts, d, byCpu ? late.cpu : undefined);
    const ts = to.ts;
    const cpu = to.cpu;
    // from the back: the later of the two candidates goes last; on equal keys the late event
    // (pushed after every in-order event of its time)
    let i = n - 1;
    let p = n + d - 1;
    for (let j = d - 1; j >= 0; p--) {
      const b = order[j]!;
      const tb = late.ts[b]!;
      if (i >= 0 && (ts[i]! > tb || (byCpu && ts[i] === tb && cpu[i]! > late.cpu[b]!))) {
        copyRow(to, p, to, i);
        i--;
      } else {
        copyRow(to, p, late, b);
        j--;
      }
    }
    this.clear();
  }

  private grow(): void {
    const size = Math.max(INITIAL_CAPACITY, 2 * this.columns.ts.length);
    const bigger = emptyColumns(size);
    for (let j = 0; j < this.n; j++) copyRow(bigger, j, this.columns, j);
    this.columns = bigger;
  }

  private clear(): void {
    this.columns = emptyColumns(0);
    this.n = 0;
  }
}
