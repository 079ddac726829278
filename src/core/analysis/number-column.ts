/**
 * A list of numbers that grows like an array but keeps them in a Float64Array: the analysis
 * passes collect one entry per reap, run or dead thread (hundreds of thousands in a fork
 * storm), without an object or a boxed number each.
 */
import { growTypedArray } from '../events/typed-array-growth';

export class NumberColumn {
  private data: Float64Array;
  length = 0;

  /** @param capacity entries it has room for before it grows */
  constructor(capacity = 16) {
    this.data = new Float64Array(Math.max(1, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.data = growTypedArray(this.data, this.length + 1);
    this.data[this.length++] = value;
  }

  /** Entry k (0 <= k < length). */
  at(k: number): number {
    return this.data[k]!;
  }

  /** The last entry, or `none` when empty. */
  last(none: number): number {
    return this.length > 0 ? this.data[this.length - 1]! : none;
  }

  /** The entries as a plain array (a copy). */
  toArray(): number[] {
    return Array.from(this.data.subarray(0, this.length));
  }

  /** The entries as a view of the column's storage (no copy): valid until the next push. */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  /** The entries as a Float64Array of their own (a copy). */
  toFloat64(): Float64Array {
    return this.data.slice(0, this.length);
  }

  static of(values: readonly number[]): NumberColumn {
    const c = new NumberColumn();
    for (const v of values) c.push(v);
    return c;
  }
}
