/**
 * The stable permutation that sorts events by time, made for traces whose lines come in a few
 * long ascending runs (btrace prints each CPU's buffer in order): a natural merge sort over
 * typed arrays, O(n log r) for r runs, no comparator calls.
 */

/** Indices 0..n-1 ordered by ts (ties keep index order). */
export function stableTimeOrder(ts: Float64Array, n: number): Uint32Array {
  let src = new Uint32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  if (n < 2) return src;
  // run boundaries: starts of maximal non-decreasing runs, plus n
  const bounds: number[] = [0];
  for (let i = 1; i < n; i++) if (ts[i]! < ts[i - 1]!) bounds.push(i);
  bounds.push(n);
  let dst = new Uint32Array(n);
  let runs = bounds;
  while (runs.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const lo = runs[r]!;
      const mid = runs[r + 1]!;
      const hi = r + 2 < runs.length ? runs[r + 2]! : mid;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = ts[src[j]!]! < ts[src[i]!]! ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
      next.push(hi);
    }
    if (next[next.length - 1] !== n) next.push(n);
    [src, dst] = [dst, src];
    runs = next;
  }
  return src;
}
