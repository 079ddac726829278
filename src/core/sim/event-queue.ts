/**
 * The simulator's pending-event queue: a binary min-heap ordered by (time, priority, sequence).
 * Time is integer ns; a lower priority number is served first at equal time; the sequence
 * number (insertion order) breaks the remaining ties, so the order is total and the run is
 * deterministic. Entries are stored in parallel typed arrays: no allocation per event.
 */
import { growTypedArray } from '../events/typed-array-growth';

export class EventQueue {
  private time: Float64Array;
  private prio: Int32Array;
  private seq: Float64Array;
  private payload: Int32Array;
  private size = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 256) {
    const cap = Math.max(4, initialCapacity);
    this.time = new Float64Array(cap);
    this.prio = new Int32Array(cap);
    this.seq = new Float64Array(cap);
    this.payload = new Int32Array(cap);
  }

  get length(): number {
    return this.size;
  }

  /** Time (ns) of the earliest entry; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.time[0]! : Infinity;
  }

  /** Adds an entry. @param timeNs integer ns @param payload caller's event code */
  push(timeNs: number, priority: number, payload: number): void {
    if (this.size === this.time.length) this.grow();
    const s = this.nextSeq++;
    let i = this.size++;
    const time = this.time, prio = this.prio, seq = this.seq, pay = this.payload;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = time[parent]!;
      if (pt < timeNs || (pt === timeNs && (prio[parent]! < priority || (prio[parent] === priority && seq[parent]! < s)))) break;
      time[i] = pt;
      prio[i] = prio[parent]!;
      seq[i] = seq[parent]!;
      pay[i] = pay[parent]!;
      i = parent;
    }
    time[i] = timeNs;
    prio[i] = priority;
    seq[i] = s;
    pay[i] = payload;
  }

  /** Removes the earliest entry and returns its payload; read its time with peekTime() first. */
  pop(): number {
    const time = this.time, prio = this.prio, seq = this.seq, pay = this.payload;
    const top = pay[0]!;
    const n = --this.size;
    if (n === 0) return top;
    const t = time[n]!, p = prio[n]!, s = seq[n]!, v = pay[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && less(time, prio, seq, right, child)) child = right;
      const ct = time[child]!;
      if (t < ct || (t === ct && (p < prio[child]! || (p === prio[child] && s < seq[child]!)))) break;
      time[i] = ct;
      prio[i] = prio[child]!;
      seq[i] = seq[child]!;
      pay[i] = pay[child]!;
      i = child;
    }
    time[i] = t;
    prio[i] = p;
    seq[i] = s;
    pay[i] = v;
    return top;
  }

  private grow(): void {
    const need = this.size + 1;
    this.time = growTypedArray(this.time, need);
    this.prio = growTypedArray(this.prio, need);
    this.seq = growTypedArray(this.seq, need);
    this.payload = growTypedArray(this.payload, need);
  }
}

function less(time: Float64Array, prio: Int32Array, seq: Float64Array, a: number, b: number): boolean {
  const ta = time[a]!, tb = time[b]!;
  if (ta !== tb) return ta < tb;
  const pa = prio[a]!, pb = prio[b]!;
  if (pa !== pb) return pa < pb;
  return seq[a]! < seq[b]!;
}
