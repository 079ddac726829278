/**
 * Positions sorted by a non-negative integer key, ties in position order, without a comparator
 * call per comparison: each position becomes the number key * n + position, exact below 2^53,
 * and a Float64Array of those is sorted natively. Keys that are not such integers, or too large
 * to pack, take a comparator sort. The analysis orders reap-ordered pairs and dead threads by
 * table index this way.
 */

/** The positions 0..n-1 ordered by `keyAt(position)`, ties in position order. */
export function orderByIntegerKey(n: number, keyAt: (position: number) => number): Int32Array {
  let max = 0;
  let integers = true;
  for (let k = 0; k < n && integers; k++) {
    const v = keyAt(k);
    integers = Number.isInteger(v) && v >= 0;
    if (v > max) max = v;
  }
  if (integers && (max + 1) * n < Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n);
    for (let k = 0; k < n; k++) packed[k] = keyAt(k) * n + k;
    packed.sort();
    const order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[k] = packed[k]! % n;
    return order;
  }
  return Int32Array.from(Array.from({ length: n }, (_, k) => k).sort((a, b) => keyAt(a) - keyAt(b)));
}
