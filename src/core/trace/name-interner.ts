/**
 * Thread names of trace lines (ftrace task names, btrace comms) as string ids, straight from the
 * bytes: the hash of a name's byte range finds its id in an open-addressing table; the bytes are compared to be sure, and decoded
 * only the first time a name is seen (then interned in the sink's string table, so the id is the
 * one the text of the name has there). No allocation per lookup.
 */
import { decodeLine } from './line-splitter';
import type { TraceSink } from './trace-sink';
import { growTypedArray } from '../events/typed-array-growth';
import { viewOf } from './ftrace-literals';

/** FNV-1a (32 bits): the offset basis a hash starts from, and the prime each byte multiplies by. */
export const NAME_HASH_SEED = 0x811c9dc5 | 0;
export const NAME_HASH_PRIME = 0x01000193;

/** The FNV-1a hash of bytes[start, end), as a signed 32-bit number (what a scan that hashes as it reads gives). */
export function hashNameBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = NAME_HASH_SEED;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, NAME_HASH_PRIME);
  return h;
}

/** Table slots to begin with (a power of two); the table doubles when it is half full. */
const INITIAL_SLOTS = 1024;

export class NameInterner {
  /** Per slot: entry number + 1, 0 when free. */
  private slots = new Int32Array(INITIAL_SLOTS);
  /** Per entry: the name's hash, its string id, where its bytes start in {@link pool} and how many. */
  private hashes = new Int32Array(INITIAL_SLOTS >> 1);
  private ids = new Int32Array(INITIAL_SLOTS >> 1);
  private starts = new Int32Array(INITIAL_SLOTS >> 1);
  private lengths = new Int32Array(INITIAL_SLOTS >> 1);
  /** The names' bytes, one after the other. */
  private pool = new Uint8Array(16 * INITIAL_SLOTS);
  private poolView = new DataView(this.pool.buffer);
  private poolLength = 0;
  private count = 0;

  constructor(private readonly sink: TraceSink) {}

  /** Distinct byte sequences seen. */
  get size(): number {
    return this.count;
  }

  /** The string id of the name bytes[start, end), whose {@link hashNameBytes} is `hash`. */
  intern(hash: number, bytes: Uint8Array, start: number, end: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const n = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = slots[s]! - 1;
      if (e < 0) break;
      if (this.hashes[e] === hash && this.lengths[e] === n && this.sameBytes(this.starts[e]!, bytes, start, n)) return this.ids[e]!;
    }
    return this.add(hash, bytes, start, end);
  }

  /** Whether pool[at, at + n) holds bytes[start, start + n), compared 4 bytes at a time. */
  private sameBytes(at: number, bytes: Uint8Array, start: number, n: number): boolean {
    const pool = this.poolView;
    const line = viewOf(bytes);
    let k = 0;
    for (; k + 4 <= n; k += 4) if (pool.getInt32(at + k, true) !== line.getInt32(start + k, true)) return false;
    for (; k < n; k++) if (pool.getUint8(at + k) !== line.getUint8(start + k)) return false;
    return true;
  }

  /** The string id of a name given by its bytes alone. */
  internBytes(bytes: Uint8Array, start: number, end: number): number {
    return this.intern(hashNameBytes(bytes, start, end), bytes, start, end);
  }

  private add(hash: number, bytes: Uint8Array, start: number, end: number): number {
    const id = this.sink.intern(decodeLine(bytes, start, end));
    const e = this.count++;
    if (e >= this.hashes.length) {
      const room = this.hashes.length * 2;
      this.hashes = growTypedArray(this.hashes, room);
      this.ids = growTypedArray(this.ids, room);
      this.starts = growTypedArray(this.starts, room);
      this.lengths = growTypedArray(this.lengths, room);
    }
    const n = end - start;
    if (this.poolLength + n > this.pool.length) {
      this.pool = growTypedArray(this.pool, this.poolLength + n, this.poolLength);
      this.poolView = new DataView(this.pool.buffer);
    }
    this.pool.set(bytes.subarray(start, end), this.poolLength);
    this.hashes[e] = hash;
    this.ids[e] = id;
    this.starts[e] = this.poolLength;
    this.lengths[e] = n;
    this.poolLength += n;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.slots, e);
    return id;
  }

  private place(slots: Int32Array, e: number): void {
    const mask = slots.length - 1;
    let s = this.hashes[e]! & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = e + 1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    for (let e = 0; e < this.count; e++) this.place(slots, e);
    this.slots = slots;
  }
}
