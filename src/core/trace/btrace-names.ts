/**
 * Turns the probe and thread names of btrace lines into ids without copying them out of the
 * chunk text on the common path: a probe is matched against the known names of the same
 * length in place, a thread name against the last name its thread had.
 */
import { probeOf, Probe } from './btrace-probes';
import type { TraceSink } from './trace-sink';

/** Probe lookups remembered (distinct probe names of one trace are few). */
const MAX_PROBES = 256;

export class ProbeMatcher {
  private readonly byLength = new Map<number, { name: string; probe: Probe | undefined }[]>();
  private size = 0;

  /** The probe named src[start, end), or undefined for one Reaperscope does not read. */
  match(src: string, start: number, end: number): Probe | undefined {
    const len = end - start;
    const bucket = this.byLength.get(len);
    if (bucket) {
      for (const entry of bucket) if (src.startsWith(entry.name, start)) return entry.probe;
    }
    const name = src.slice(start, end);
    const probe = probeOf(name);
    if (this.size < MAX_PROBES) {
      this.size++;
      if (bucket) bucket.push({ name, probe });
      else this.byLength.set(len, [{ name, probe }]);
    }
    return probe;
  }
}

export class CommInterner {
  /** Per thread: its last name and that name's id. */
  private readonly last = new Map<number, { name: string; id: number }>();

  constructor(private readonly sink: TraceSink) {}

  /** The id of the thread name src[start, end) for thread `tid`. */
  intern(tid: number, src: string, start: number, end: number): number {
    const prev = this.last.get(tid);
    if (prev && prev.name.length === end - start && src.startsWith(prev.name, start)) return prev.id;
    const name = src.slice(start, end);
    const id = this.sink.intern(name);
    if (prev) {
      prev.name = name;
      prev.id = id;
    } else {
      this.last.set(tid, { name, id });
    }
    return id;
  }
}

export { Probe };
