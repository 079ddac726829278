/**
 * The stable permutation that sorts events by time, made for traces whose lines come in a few
 * long ascending runs (btrace prints each CPU's buffer in order): a natural merge sort,
 * O(n log r) for r runs, no comparator calls.
 * Given each event's CPU, events are first grouped by CPU (a counting sort), which turns the
 * many short runs of interleaved CPU buffers into about one run per CPU.
 * Temporary memory: 4 bytes per event besides the result (handed back for reuse, see
 * {@link timeOrderWithSpare}); none for {@link cpuRunsOrder}, which merges the CPUs' events
 * where they lie.
 */

import { heapAdd, heapRemoveRoot, heapReplaceRoot } from './cpu-heap';

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

/** Most CPUs {@link cpuRunsOrder} merges: each CPU's cursor walks the CPU column between its events. */
export const MAX_MERGED_CPUS = 32;

/**
 * {@link stableTimeOrder} with `cpus` (ties by CPU, then by index) for events whose every CPU's
 * own events are in time order (btrace prints each CPU's buffer in order), but for a tail of
 * at most a quarter of them (events a reader adds at the end, such as btrace's Dead events):
 * a k-way merge of the CPUs in one pass ({@link mergeCpus}), the tail sorted on its own and
 * merged in from the back, with no memory besides the result and the tail's sort. Null when
 * the tail is longer or there are more than {@link MAX_MERGED_CPUS} CPUs (then use
 * stableTimeOrder).
 */
export function cpuRunsOrder(ts: Float64Array, n: number, cpus: Uint16Array): Uint32Array | null {
  let k = 0;
  for (let i = 0; i < n; i++) if (cpus[i]! >= k) k = cpus[i]! + 1;
  if (k > MAX_MERGED_CPUS) return null;
  // the prefix [0, inOrder) in which each CPU's events are in time order
  const last = new Float64Array(k).fill(-Infinity);
  let inOrder = 0;
  for (; inOrder < n; inOrder++) {
    const c = cpus[inOrder]!;
    if (ts[inOrder]! < last[c]!) break;
    last[c] = ts[inOrder]!;
  }
  const tail = n - inOrder;
  if (4 * tail > n) return null;
  const order = new Uint32Array(n);
  mergeCpus(ts, inOrder, cpus, k, order);
  if (tail === 0) return order;
  const tailOrder = stableTimeOrder(ts.subarray(inOrder, n), tail, cpus.subarray(inOrder, n));
  // from the back: the later of the two candidates goes last; on equal (time, CPU) the tail's
  // (pushed later)
  let i = inOrder - 1;
  let p = n - 1;
  for (let j = tail - 1; j >= 0; p--) {
    const b = tailOrder[j]! + inOrder;
    const a = i >= 0 ? order[i]! : -1;
    if (a >= 0 && (ts[a]! > ts[b]! || (ts[a] === ts[b] && cpus[a]! > cpus[b]!))) {
      order[p] = a;
      i--;
    } else {
      order[p] = b;
      j--;
    }
  }
  return order;
}

/**
 * Orders events 0..n-1, each of whose `k` CPUs' events are in time order, by (time, CPU,
 * index) into order[0, n): a cursor per CPU walks the CPU column to its next event (at most k
 * times n steps in all) and a binary heap of the CPUs, keyed by (time, CPU) of their next
 * event, picks the next one.
 */
function mergeCpus(ts: Float64Array, n: number, cpus: Uint16Array, k: number, order: Uint32Array): void {
  const cursor = new Int32Array(k).fill(-1);
  for (let i = n - 1; i >= 0; i--) cursor[cpus[i]!] = i;
  // the heap: CPUs with events left, ordered by (head time, CPU)
  const heap = new Int32Array(k);
  const head = new Float64Array(k);
  let size = 0;
  for (let c = 0; c < k; c++) {
    if (cursor[c]! < 0) continue;
    head[c] = ts[cursor[c]!]!;
    size = heapAdd(heap, head, size, c);
  }
  for (let o = 0; o < n; o++) {
    const c = heap[0]!;
    let j = cursor[c]!;
    order[o] = j;
    for (j++; j < n && cpus[j] !== c; j++);
    if (j < n) {
      cursor[c] = j;
      head[c] = ts[j]!;
      heapReplaceRoot(heap, head, size, c);
    } else if ((size = heapRemoveRoot(heap, head, size)) === 0) break;
  }
}
