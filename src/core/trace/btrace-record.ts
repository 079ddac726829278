/**
 * One btrace output line as fields: the columns of media/reaperscope.bt's documented format
 * (`NSECS CPU TID PID PROBE ARG0 ARG1 ARG2 COMM`), parsed allocation-light on the hot path.
 */
import type { SplitNs } from './number-scan';
import { BEGIN_PROBE, END_PROBE } from './btrace-probes';
import { digitsField, fieldEnd, nsecsField } from './btrace-fields';

/** Arguments a record holds at most (btrace has arg0..arg9). */
export const MAX_ARGS = 10;

export interface BtraceRecord {
  /** `nsecs`, split exactly. */
  t: SplitNs;
  cpu: number;
  /** Current thread (kernel tid + 100000), -1 when the line has none. */
  tid: number;
  pid: number;
  /** Documented lines: the probe name is bytes[probeStart, probeEnd), the thread name bytes[commStart, commEnd). */
  probeStart: number;
  probeEnd: number;
  commStart: number;
  commEnd: number;
  args: number[];
  argCount: number;
  /** General lines (decoded, slower path): the probe and thread names as text. */
  probe: string;
  comm: string;
}

export function newRecord(): BtraceRecord {
  return { t: { sec: 0, ns: 0 }, cpu: 0, tid: -1, pid: -1, probeStart: 0, probeEnd: 0, commStart: 0, commEnd: 0, args: new Array<number>(MAX_ARGS).fill(0), argCount: 0, probe: '', comm: '' };
}

const SPACE = 32;
const COLON = 58;

/** Longest count btrace prints that a double holds exactly, in digits. */
const MAX_COUNT_DIGITS = 15;

/** Reads the count from bytes[i] up to the next space, which must come before `end`; -1 when there is none such. */
function countThenSpace(bytes: Uint8Array, i: number, end: number): number {
  const v = digitsField(bytes, i, end);
  return fieldEnd >= 0 && fieldEnd < end && fieldEnd - i <= MAX_COUNT_DIGITS ? v : -1;
}

/** The names of bt(5)'s special probes, as bytes: `END` and `BEGIN` (no provider, hence no colon). */
const SPECIAL_PROBES = [END_PROBE, BEGIN_PROBE].map((name) => new TextEncoder().encode(name));

/** bytes[start, end) is `END` or `BEGIN`, the probe column of the lines that mark the end and the start of the recording. */
function isSpecialProbe(bytes: Uint8Array, start: number, end: number): boolean {
  return SPECIAL_PROBES.some((name) => name.length === end - start && name.every((c, k) => bytes[start + k] === c));
}

/**
 * Parses bytes[start, end) as a line of the documented format into `rec` (names as byte
 * ranges: rec.probeStart.. and rec.commStart.. index `bytes`).
 * False when the line is not in exactly that shape (the caller then tries the general columns).
 */
export function parseDocumentedLine(bytes: Uint8Array, start: number, end: number, rec: BtraceRecord): boolean {
  nsecsField(bytes, start, end, rec.t);
  if (fieldEnd < 0 || fieldEnd >= end) return false;
  const cpu = countThenSpace(bytes, fieldEnd + 1, end);
  if (cpu < 0) return false;
  const tid = countThenSpace(bytes, fieldEnd + 1, end);
  if (tid < 0) return false;
  const pid = countThenSpace(bytes, fieldEnd + 1, end);
  if (pid < 0) return false;
  const probeStart = fieldEnd + 1;
  let colon = false;
  let i = probeStart;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c <= SPACE) break;
    if (c === COLON) colon = true;
  }
  // a control character (a tab) ends the probe where the general reader splits, not here
  if ((!colon && !isSpecialProbe(bytes, probeStart, i)) || i >= end || bytes[i] !== SPACE) return false;
  const args = rec.args;
  if ((args[0] = countThenSpace(bytes, i + 1, end)) < 0) return false;
  if ((args[1] = countThenSpace(bytes, fieldEnd + 1, end)) < 0) return false;
  if ((args[2] = countThenSpace(bytes, fieldEnd + 1, end)) < 0) return false;
  rec.cpu = cpu;
  rec.tid = tid;
  rec.pid = pid;
  rec.probeStart = probeStart;
  rec.probeEnd = i;
  rec.commStart = fieldEnd + 1;
  rec.commEnd = end;
  rec.argCount = 3;
  return true;
}
