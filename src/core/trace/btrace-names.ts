/**
 * Turns the probe and thread names of btrace lines into ids straight from the line's bytes:
 * a probe is compared with the known names of the same length, a thread name with the last
 * name its thread had; text is decoded only for a name not seen before.
 */
import { probeOf, type Probe } from './btrace-probes';
import { decodeLine } from './line-splitter';
import type { TraceSink } from './trace-sink';
import type { TidSlots } from './tid-slots';
import { NameInterner } from './name-interner';
import { growTypedArray } from '../events/typed-array-growth';

/** Probe names remembered (the distinct probes of one trace are few). */
const MAX_PROBES = 256;

/** Longest probe name remembered, in bytes (dt(4) names are short; a longer token is decoded each time). */
const MAX_PROBE_BYTES = 128;

const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== bytes[start + k]) return false;
  return true;
}

/** A probe name read before and what it denotes. */
interface KnownProbe {
  name: Uint8Array;
  probe: Probe | undefined;
}

export class ProbeMatcher {
  /** Names remembered, by length (an array: one index per line instead of a map lookup). */
  private readonly byLength: (KnownProbe[] | undefined)[] = [];
  private size = 0;

  /** The probe named bytes[start, end), or undefined for one Reaperscope does not read. */
  match(bytes: Uint8Array, start: number, end: number): Probe | undefined {
    const bucket = this.byLength[end - start];
    if (bucket !== undefined) {
      for (let k = 0; k < bucket.length; k++) if (sameBytes(bucket[k]!.name, bytes, start, end)) return bucket[k]!.probe;
    }
    return this.remember(bytes.slice(start, end), probeOf(decodeLine(bytes, start, end)));
  }

  /** The probe of a name given as text (general lines). */
  matchName(name: string): Probe | undefined {
    const bytes = encoder.encode(name);
    return this.match(bytes, 0, bytes.length);
  }

  private remember(name: Uint8Array, probe: Probe | undefined): Probe | undefined {
    if (this.size < MAX_PROBES && name.length <= MAX_PROBE_BYTES) {
      this.size++;
      const bucket = this.byLength[name.length];
      if (bucket) bucket.push({ name, probe });
      else {
        while (this.byLength.length < name.length) this.byLength.push(undefined);
        this.byLength[name.length] = [{ name, probe }];
      }
    }
    return probe;
  }
}

/**
 * Thread names as ids, straight from the bytes: a thread's line is compared with the name it
 * had last; a name it did not have is found by its bytes among the names seen (decoded only
 * the first time a name appears in the trace). Per-thread state is one id in a slot array.
 */
export class CommInterner {
  /** Per thread slot: the id of its last name, -1 before its first. */
  private lastId = new Int32Array(1024).fill(-1);
  /** Per name id: its UTF-8 bytes as read (undefined for names interned from elsewhere). */
  private readonly idBytes: (Uint8Array | undefined)[] = [];
  /** Every name seen, by its bytes. */
  private readonly names: NameInterner;

  constructor(private readonly sink: TraceSink, private readonly slots: TidSlots) {
    this.names = new NameInterner(sink);
  }

  /** The id of the name thread `tid` last had, or -1 when it was never seen. */
  known(tid: number): number {
    const slot = this.slots.find(tid);
    return slot >= 0 && slot < this.lastId.length ? this.lastId[slot]! : -1;
  }

  /** The id of the thread name bytes[start, end) for thread `tid`. */
  intern(tid: number, bytes: Uint8Array, start: number, end: number): number {
    const slot = this.slots.slot(tid);
    if (slot >= this.lastId.length) {
      const before = this.lastId.length;
      this.lastId = growTypedArray(this.lastId, slot + 1);
      this.lastId.fill(-1, before);
    }
    const prev = this.lastId[slot]!;
    if (prev >= 0) {
      const name = this.idBytes[prev];
      if (name && sameBytes(name, bytes, start, end)) return prev;
    }
    const id = this.idOf(bytes, start, end);
    this.lastId[slot] = id;
    if (prev < 0 && this.sink.awaitingNames > 0) this.sink.nameSeen(tid, id);
    return id;
  }

  /** Forgets the threads' last names (the reading is over); names already interned stay. */
  release(): void {
    this.lastId = new Int32Array(0);
  }

  /** The id of a thread name given as text (general lines). */
  internName(tid: number, comm: string): number {
    const bytes = encoder.encode(comm);
    return this.intern(tid, bytes, 0, bytes.length);
  }

  private idOf(bytes: Uint8Array, start: number, end: number): number {
    const id = this.names.internBytes(bytes, start, end);
    this.idBytes[id] ??= bytes.slice(start, end);
    return id;
  }
}
