/**
 * The stable permutation that sorts events by time, made for traces whose lines come in a few
 * long ascending runs (btrace prints each CPU's buffer in order): a natural merge sort that
 * carries the keys along (sequential memory access), O(n log r) for r runs, no comparator calls.
 * Temporary memory: 24 bytes per event.
 */

/** Indices 0..n-1 ordered by ts (ties keep index order). */
export function stableTimeOrder(ts: Float64Array, n: number): Uint32Array {
  let src = new Uint32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  if (n < 2) return src;
  const bounds: number[] = [0];
  for (let i = 1; i < n; i++) if (ts[i]! < ts[i - 1]!) bounds.push(i);
  if (bounds.length === 1) return src;
  bounds.push(n);
  let dst = new Uint32Array(n);
  let keys = ts.slice(0, n);
  let keysOut = new Float64Array(n);
  let runs = bounds;
  while (runs.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const lo = runs[r]!;
      const mid = runs[r + 1]!;
      const hi = r + 2 < runs.length ? runs[r + 2]! : mid;
      mergeRuns(keys, src, keysOut, dst, lo, mid, hi);
      next.push(hi);
    }
    if (next[next.length - 1] !== n) next.push(n);
    [src, dst] = [dst, src];
    [keys, keysOut] = [keysOut, keys];
    runs = next;
  }
  return src;
}

/** Merges [lo, mid) and [mid, hi) of (keys, idx) into (keysOut, idxOut); left wins ties. */
function mergeRuns(keys: Float64Array, idx: Uint32Array, keysOut: Float64Array, idxOut: Uint32Array, lo: number, mid: number, hi: number): void {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) {
    const a = keys[i]!;
    const b = keys[j]!;
    if (b < a) {
      keysOut[k] = b;
      idxOut[k++] = idx[j++]!;
    } else {
      keysOut[k] = a;
      idxOut[k++] = idx[i++]!;
    }
  }
  while (i < mid) {
    keysOut[k] = keys[i]!;
    idxOut[k++] = idx[i++]!;
  }
  while (j < hi) {
    keysOut[k] = keys[j]!;
    idxOut[k++] = idx[j++]!;
  }
}
