/**
 * The stable permutation that sorts events by time, made for traces whose lines come in a few
 * long ascending runs (btrace prints each CPU's buffer in order): a natural merge sort,
 * O(n log r) for r runs, no comparator calls.
 * Given each event's CPU, events are first grouped by CPU (a counting sort), which turns the
 * many short runs of interleaved CPU buffers into about one run per CPU.
 * Temporary memory: 4 bytes per event besides the result (handed back for reuse, see
 * {@link timeOrderWithSpare}).
 */

/**
 * Indices 0..n-1 ordered by ts. Ties keep index order; with `cpus`, ties on different CPUs are
 * ordered by CPU instead (ties on one CPU still keep index order).
 */
export function stableTimeOrder(ts: Float64Array, n: number, cpus?: Uint16Array): Uint32Array {
  return timeOrderWithSpare(ts, n, cpus).order;
}

/**
 * {@link stableTimeOrder}, also handing back the merge's other buffer (n long, contents
 * undefined; null when no merge was needed) for the caller to reuse as scratch, so sorting
 * a table costs no more than 8 bytes per event at its peak.
 */
export function timeOrderWithSpare(ts: Float64Array, n: number, cpus?: Uint16Array): { order: Uint32Array; spare: Uint32Array | null } {
  let src: Uint32Array = cpus ? groupByCpu(cpus, n) : identity(n);
  if (n < 2) return { order: src, spare: null };
  const bounds: number[] = [0];
  for (let k = 1; k < n; k++) if (ts[src[k]!]! < ts[src[k - 1]!]!) bounds.push(k);
  if (bounds.length === 1) return { order: src, spare: null };
  bounds.push(n);
  let dst: Uint32Array = new Uint32Array(n);
  let runs = bounds;
  while (runs.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const lo = runs[r]!;
      const mid = runs[r + 1]!;
      const hi = r + 2 < runs.length ? runs[r + 2]! : mid;
      mergeRuns(ts, src, dst, lo, mid, hi);
      next.push(hi);
    }
    if (next[next.length - 1] !== n) next.push(n);
    [src, dst] = [dst, src];
    runs = next;
  }
  return { order: src, spare: dst };
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

/** Merges the runs [lo, mid) and [mid, hi) of `idx` (ordered by ts) into `out`; left wins ties. */
function mergeRuns(ts: Float64Array, idx: Uint32Array, out: Uint32Array, lo: number, mid: number, hi: number): void {
  let i = lo;
  let j = mid;
  let k = lo;
  let a = i < mid ? ts[idx[i]!]! : 0;
  let b = j < hi ? ts[idx[j]!]! : 0;
  while (i < mid && j < hi) {
    if (b < a) {
      out[k++] = idx[j++]!;
      if (j < hi) b = ts[idx[j]!]!;
    } else {
      out[k++] = idx[i++]!;
      if (i < mid) a = ts[idx[i]!]!;
    }
  }
  while (i < mid) out[k++] = idx[i++]!;
  while (j < hi) out[k++] = idx[j++]!;
}
