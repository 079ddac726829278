/**
 * Growing a typed array: the one place that picks the new capacity and copies the kept part.
 * Used by the event-table builder's first block, the simulator's event queue and the line
 * splitter's carried line.
 */

/** The typed arrays the code base grows. */
export type GrowableArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * A new array of `array`'s type with room for at least `need` elements: twice the current
 * capacity, or `need` when that is more, but never more than `limit` (elements). The first
 * `keep` elements (default: all) are copied; the rest are zero.
 * @param need elements the caller must be able to store (clamped to `limit`)
 * @param keep elements of `array` to carry over (<= array.length)
 * @param limit largest capacity wanted (elements)
 */
export function growTypedArray<T extends GrowableArray>(array: T, need: number, keep = array.length, limit = Infinity): T {
  const capacity = Math.min(Math.max(need, array.length * 2), limit);
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(keep === array.length ? array : array.subarray(0, keep));
  return next;
}

/**
 * `array` itself when index `need - 1` fits, else {@link growTypedArray}'s bigger copy with the
 * new elements set to `fill` (per-thread state in slot arrays: NaN, -1 or 0 for "none yet").
 */
export function roomFor<T extends GrowableArray>(array: T, need: number, fill: number): T {
  if (need <= array.length) return array;
  const before = array.length;
  const next = growTypedArray(array, need);
  if (fill !== 0) next.fill(fill, before);
  return next;
}
