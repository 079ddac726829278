/**
 * A CPU's run queue as in OpenBSD: 32 FIFO queues indexed by priority / 4 and a bit mask of
 * the non-empty ones (spc_whichqs). Lower priority numbers run first.
 */
export interface Queued {
  /** Current priority (0..127). */
  prio: number;
  /** CPU the thread is pegged to, or -1. */
  peg: number;
}

export class RunQueue<T extends Queued> {
  private readonly queues: T[][] = Array.from({ length: 32 }, () => []);
  private readonly heads = new Int32Array(32);
  private whichqs = 0;
  private count = 0;
  /** Queued threads that are not pegged (candidates for stealing). */
  private stealableCount = 0;

  get length(): number {
    return this.count;
  }

  get stealable(): number {
    return this.stealableCount;
  }

  /** Appends at the tail of its priority's queue. */
  push(t: T): void {
    const q = t.prio >> 2;
    this.queues[q]!.push(t);
    this.whichqs |= 1 << q;
    this.count++;
    if (t.peg < 0) this.stealableCount++;
  }

  /** Priority of the best queued thread, or Infinity when empty. */
  bestPrio(): number {
    if (this.whichqs === 0) return Infinity;
    const q = 31 - Math.clz32(this.whichqs & -this.whichqs);
    return this.queues[q]![this.heads[q]!]!.prio;
  }

  /** Removes and returns the best thread (head of the first non-empty queue), or null. */
  pop(): T | null {
    if (this.whichqs === 0) return null;
    const q = 31 - Math.clz32(this.whichqs & -this.whichqs);
    return this.take(q, this.heads[q]!);
  }

  /** Removes and returns the best thread that is not pegged, or null (sched_steal_proc). */
  popStealable(): T | null {
    if (this.stealableCount === 0) return null;
    let mask = this.whichqs;
    while (mask !== 0) {
      const q = 31 - Math.clz32(mask & -mask);
      const list = this.queues[q]!;
      for (let i = this.heads[q]!; i < list.length; i++) if (list[i]!.peg < 0) return this.take(q, i);
      mask &= mask - 1;
    }
    return null;
  }

  private take(q: number, i: number): T {
    const list = this.queues[q]!;
    const head = this.heads[q]!;
    const t = list[i]!;
    if (i === head) {
      list[i] = undefined as unknown as T;
      this.heads[q] = head + 1;
    } else {
      list.splice(i, 1);
    }
    if (this.heads[q] === list.length) {
      list.length = 0;
      this.heads[q] = 0;
      this.whichqs &= ~(1 << q);
    } else if (this.heads[q]! > 64 && this.heads[q]! * 2 > list.length) {
      list.splice(0, this.heads[q]);
      this.heads[q] = 0;
    }
    this.count--;
    if (t.peg < 0) this.stealableCount--;
    return t;
  }
}
