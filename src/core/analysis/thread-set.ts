/**
 * A set of thread ids for the passes over an event table: a flag per thread slot
 * ({@link TidSlots}) instead of a hash set, so adding and asking cost an array read each
 * (a fork storm's table asks for hundreds of thousands of threads).
 */
import { TidSlots } from '../trace/tid-slots';
import { roomFor } from '../events/typed-array-growth';

export class ThreadSet {
  private readonly slots = new TidSlots();
  /** Per slot: 1 when its thread is in the set. */
  private flags = new Uint8Array(1024);
  /** Threads in the set. */
  size = 0;

  /** Adds `tid`; true when it was not in the set yet. */
  add(tid: number): boolean {
    const s = this.slots.slot(tid);
    if (s >= this.flags.length) this.flags = roomFor(this.flags, s + 1, 0);
    if (this.flags[s] === 1) return false;
    this.flags[s] = 1;
    this.size++;
    return true;
  }

  has(tid: number): boolean {
    const s = this.slots.find(tid);
    return s >= 0 && this.flags[s] === 1;
  }
}
