/**
 * A binary min-heap of CPU numbers keyed by the time of each CPU's next event, ties by CPU: the
 * one home of picking the next event when merging CPUs' time-ordered events (a table's columns,
 * time-order.ts; a reader's per-CPU queues, cpu-stream-merge.ts). Plain functions over an
 * Int32Array heap and a Float64Array of keys indexed by CPU, so the merge loops stay tight.
 */

/** Whether CPU `a` goes before CPU `b`: its key (ns) is earlier, or equal and `a` is the lower CPU. */
function before(key: Float64Array, a: number, b: number): boolean {
  return key[a]! < key[b]! || (key[a] === key[b] && a < b);
}

/** Adds `cpu` (its key set in `key`) to the heap of `size` CPUs; returns the new size. */
export function heapAdd(heap: Int32Array, key: Float64Array, size: number, cpu: number): number {
  let at = size;
  while (at > 0) {
    const up = (at - 1) >> 1;
    const u = heap[up]!;
    if (before(key, u, cpu)) break;
    heap[at] = u;
    at = up;
  }
  heap[at] = cpu;
  return size + 1;
}

/** Puts `cpu` (its key set in `key`) at the root of the heap of `size` CPUs, replacing the root, and moves it down to its place. */
export function heapReplaceRoot(heap: Int32Array, key: Float64Array, size: number, cpu: number): void {
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    let ch = heap[child]!;
    if (child + 1 < size) {
      const r = heap[child + 1]!;
      if (before(key, r, ch)) {
        child++;
        ch = r;
      }
    }
    if (before(key, cpu, ch)) break;
    heap[at] = ch;
    at = child;
  }
  heap[at] = cpu;
}

/** Removes the root of the heap of `size` CPUs; returns the new size. */
export function heapRemoveRoot(heap: Int32Array, key: Float64Array, size: number): number {
  const last = size - 1;
  if (last > 0) heapReplaceRoot(heap, key, last, heap[last]!);
  return last;
}
