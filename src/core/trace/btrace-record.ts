/**
 * One btrace output line as fields: the columns of media/reaperscope.bt's documented format
 * (`NSECS CPU TID PID PROBE ARG0 ARG1 ARG2 COMM`), parsed allocation-light on the hot path.
 */
import { scanNsecs, scanUint, type SplitNs } from './number-scan';

/** Arguments a record holds at most (btrace has arg0..arg9). */
export const MAX_ARGS = 10;

export interface BtraceRecord {
  /** `nsecs`, split exactly. */
  t: SplitNs;
  cpu: number;
  /** Current thread (kernel tid + 100000), -1 when the line has none. */
  tid: number;
  pid: number;
  /**
   * The text holding the probe name and the thread name (the chunk text on the hot path: no
   * copy per line): probe = src[probeStart, probeEnd), e.g. `tracepoint:sched:off__cpu`,
   * comm = src[commStart, commEnd).
   */
  src: string;
  probeStart: number;
  probeEnd: number;
  commStart: number;
  commEnd: number;
  args: number[];
  argCount: number;
}

/** Sets the probe and thread names from separate strings (the general, slower path). */
export function setNames(rec: BtraceRecord, probe: string, comm: string): void {
  rec.src = `${probe} ${comm}`;
  rec.probeStart = 0;
  rec.probeEnd = probe.length;
  rec.commStart = probe.length + 1;
  rec.commEnd = rec.src.length;
}

export function newRecord(): BtraceRecord {
  return { t: { sec: 0, ns: 0 }, cpu: 0, tid: -1, pid: -1, src: '', probeStart: 0, probeEnd: 0, commStart: 0, commEnd: 0, args: new Array<number>(MAX_ARGS).fill(0), argCount: 0 };
}

const scratch = [0, 0, 0];

/** Index of the next space in text[from, end), or -1. */
function nextSpace(text: string, from: number, end: number): number {
  const i = text.indexOf(' ', from);
  return i < 0 || i >= end ? -1 : i;
}

/**
 * Parses text[start, end) as a line of the documented format into `rec`.
 * False when the line is not in exactly that shape (the caller then tries the general columns).
 */
export function parseDocumentedLine(text: string, start: number, end: number, rec: BtraceRecord): boolean {
  let s = start;
  let e = nextSpace(text, s, end);
  if (e < 0 || !scanNsecs(text, s, e, rec.t)) return false;
  const ints = scratch;
  for (let k = 0; k < 3; k++) {
    s = e + 1;
    e = nextSpace(text, s, end);
    if (e < 0) return false;
    const v = scanUint(text, s, e);
    if (v < 0) return false;
    ints[k] = v;
  }
  s = e + 1;
  e = nextSpace(text, s, end);
  if (e < 0) return false;
  const probeStart = s;
  const probeEnd = e;
  const colon = text.indexOf(':', s);
  if (colon < 0 || colon >= e) return false;
  for (let k = 0; k < 3; k++) {
    s = e + 1;
    e = nextSpace(text, s, end);
    if (e < 0) return false;
    const v = scanUint(text, s, e);
    if (v < 0) return false;
    rec.args[k] = v;
  }
  rec.cpu = ints[0]!;
  rec.tid = ints[1]!;
  rec.pid = ints[2]!;
  rec.src = text;
  rec.probeStart = probeStart;
  rec.probeEnd = probeEnd;
  rec.commStart = e + 1;
  rec.commEnd = end;
  rec.argCount = 3;
  return true;
}
