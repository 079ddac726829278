/**
 * Dense slot numbers 0, 1, 2, … for thread ids, so per-thread state of a trace reader can live
 * in typed arrays indexed by slot instead of maps keyed by tid (a fork storm has a new thread
 * every few lines). Tids below {@link DIRECT_TIDS} (btrace's are kernel tid + 100000, below
 * 200000) are looked up in an array that grows to the largest one seen; others in a map.
 */
import { growTypedArray } from '../events/typed-array-growth';

/** Tids looked up directly: 4 bytes each at most (8 MiB). */
const DIRECT_TIDS = 1 << 21;

export class TidSlots {
  /** tid → slot + 1 (0: none yet), for 0 <= tid < DIRECT_TIDS. */
  private direct = new Int32Array(1024);
  private readonly other = new Map<number, number>();
  /** Slots handed out. */
  count = 0;

  /** The slot of `tid`, a new one (= the count before) the first time. */
  slot(tid: number): number {
    if (tid >= 0 && tid < DIRECT_TIDS) {
      if (tid >= this.direct.length) this.direct = growTypedArray(this.direct, tid + 1, this.direct.length, DIRECT_TIDS);
      const s = this.direct[tid]!;
      if (s > 0) return s - 1;
      this.direct[tid] = this.count + 1;
      return this.count++;
    }
    let s = this.other.get(tid);
    if (s === undefined) this.other.set(tid, (s = this.count++));
    return s;
  }

  /**
   * The thread `tid` named is gone (it died; the id may be given to a new thread): the next
   * {@link slot} of `tid` is a new one. Its old slot stays with whatever was kept for it.
   */
  retire(tid: number): void {
    if (tid >= 0 && tid < DIRECT_TIDS) {
      if (tid < this.direct.length) this.direct[tid] = 0;
    } else this.other.delete(tid);
  }

  /** The slot of `tid`, or -1 when it has none. */
  find(tid: number): number {
    if (tid >= 0 && tid < DIRECT_TIDS) return tid < this.direct.length ? this.direct[tid]! - 1 : -1;
    return this.other.get(tid) ?? -1;
  }
}
