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
  /** Probe name as printed, e.g. `tracepoint:sched:off__cpu`. */
  probe: string;
  args: number[];
  argCount: number;
  comm: string;
}

export function newRecord(): BtraceRecord {
  return { t: { sec: 0, ns: 0 }, cpu: 0, tid: -1, pid: -1, probe: '', args: new Array<number>(MAX_ARGS).fill(0), argCount: 0, comm: '' };
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
  const probe = text.slice(s, e);
  if (probe.indexOf(':') < 0) return false;
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
  rec.probe = probe;
  rec.argCount = 3;
  rec.comm = text.slice(e + 1, end);
  return true;
}
