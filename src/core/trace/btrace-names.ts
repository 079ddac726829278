/**
 * Turns the probe and thread names of btrace lines into ids straight from the line's bytes:
 * a probe is compared with the known names of the same length, a thread name with the last
 * name its thread had; text is decoded only for a name not seen before.
 */
import { probeOf, type Probe } from './btrace-probes';
import { decodeLine } from './line-splitter';
import type { TraceSink } from './trace-sink';

/** Probe names remembered (the distinct probes of one trace are few). */
const MAX_PROBES = 256;

const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== bytes[start + k]) return false;
  return true;
}

export class ProbeMatcher {
  private readonly byLength = new Map<number, { name: Uint8Array; probe: Probe | undefined }[]>();
  private size = 0;

  /** The probe named bytes[start, end), or undefined for one Reaperscope does not read. */
  match(bytes: Uint8Array, start: number, end: number): Probe | undefined {
    const bucket = this.byLength.get(end - start);
    if (bucket) {
      for (const entry of bucket) if (sameBytes(entry.name, bytes, start, end)) return entry.probe;
    }
    return this.remember(bytes.slice(start, end), probeOf(decodeLine(bytes, start, end)));
  }

  /** The probe of a name given as text (general lines). */
  matchName(name: string): Probe | undefined {
    const bytes = encoder.encode(name);
    return this.match(bytes, 0, bytes.length);
  }

  private remember(name: Uint8Array, probe: Probe | undefined): Probe | undefined {
    if (this.size < MAX_PROBES) {
      this.size++;
      const bucket = this.byLength.get(name.length);
      if (bucket) bucket.push({ name, probe });
      else this.byLength.set(name.length, [{ name, probe }]);
    }
    return probe;
  }
}

export class CommInterner {
  /** Per thread: its last name (UTF-8) and that name's id. */
  private readonly last = new Map<number, { name: Uint8Array; id: number }>();

  constructor(private readonly sink: TraceSink) {}

  /** The id of the name thread `tid` last had, or -1 when it was never seen. */
  known(tid: number): number {
    return this.last.get(tid)?.id ?? -1;
  }

  /** The id of the thread name bytes[start, end) for thread `tid`. */
  intern(tid: number, bytes: Uint8Array, start: number, end: number): number {
    const prev = this.last.get(tid);
    if (prev && sameBytes(prev.name, bytes, start, end)) return prev.id;
    const id = this.sink.intern(decodeLine(bytes, start, end));
    const name = bytes.slice(start, end);
    if (prev) {
      prev.name = name;
      prev.id = id;
    } else {
      this.last.set(tid, { name, id });
      if (this.sink.awaitingNames > 0) this.sink.nameSeen(tid, id);
    }
    return id;
  }

  /** The id of a thread name given as text (general lines). */
  internName(tid: number, comm: string): number {
    const bytes = encoder.encode(comm);
    return this.intern(tid, bytes, 0, bytes.length);
  }
}
