/**
 * The stable permutation that sorts events by time, made for traces whose lines come in a few
 * long ascending runs (btrace prints each CPU's buffer in order): a natural merge sort that
 * carries the keys along (sequential memory access), O(n log r) for r runs, no comparator calls.
 * Given each event's CPU, events are first grouped by CPU (a counting sort), which turns the
 * many short runs of interleaved CPU buffers into about one run per CPU.
 * Temporary memory: 24 bytes per event.
 */

/**
 * Indices 0..n-1 ordered by ts. Ties keep index order; with `cpus`, ties on different CPUs are
 * ordered by CPU instead (ties on one CPU still keep index order).
 */
export function stableTimeOrder(ts: Float64Array, n: number, cpus?: Uint16Array): Uint32Array {
  let src: Uint32Array = cpus ? groupByCpu(cpus, n) : identity(n);
  if (n < 2) return src;
  let keys = new Float64Array(n);
  for (let k = 0; k < n; k++) keys[k] = ts[src[k]!]!;
  const bounds: number[] = [0];
  for (let k = 1; k < n; k++) if (keys[k]! < keys[k - 1]!) bounds.push(k);
  if (bounds.length === 1) return src;
  bounds.push(n);
  let dst: Uint32Array = new Uint32Array(n);
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

function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Indices grouped by CPU (ascending), index order kept within a CPU. */
function groupByCpu(cpus: Uint16Array, n: number): Uint32Array {
  const start = new Uint32Array(0x10001);
  for (let i = 0; i < n; i++) start[cpus[i]! + 1]!++;
  for (let c = 1; c < start.length; c++) start[c]! += start[c - 1]!;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[start[cpus[i]!]!++] = i;
  return out;
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
