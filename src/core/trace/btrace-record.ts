/**
 * One btrace output line as fields: the columns of media/reaperscope.bt's documented format
 * (`NSECS CPU TID PID PROBE ARG0 ARG1 ARG2 COMM`), parsed allocation-light on the hot path.
 */
import type { SplitNs } from './number-scan';
import { BEGIN_PROBE, END_PROBE } from './btrace-probes';

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

/** Where the last {@link digitsThenSpace} stopped: the index after the space, or -1 on failure. */
let next = -1;

const SPACE = 32;
const COLON = 58;

/**
 * Reads the unsigned decimal starting at bytes[i] up to the next space (before `end`); sets
 * {@link next} past the space. One pass, no allocation; at most 15 digits (exact in a double).
 */
function digitsThenSpace(bytes: Uint8Array, i: number, end: number): number {
  let v = 0;
  const from = i;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c === SPACE) break;
    const d = c - 48;
    if (d >>> 0 > 9) {
      next = -1;
      return 0;
    }
    v = v * 10 + d;
  }
  next = i < end && i > from && i - from <= 15 ? i + 1 : -1;
  return v;
}

/** Digits of `nsecs` today (ns since the epoch from 2001 to 2286): the common case, parsed without a search. */
const EPOCH_NS_DIGITS = 19;

/** Reads `nsecs` (up to 19 digits) up to the next space into t, split at 10^9; sets {@link next}. */
function nsecsThenSpace(bytes: Uint8Array, i: number, end: number, t: SplitNs): void {
  if (i + EPOCH_NS_DIGITS < end && bytes[i + EPOCH_NS_DIGITS] === SPACE) {
    let sec = 0;
    let ns = 0;
    let k = i;
    for (const secEnd = i + EPOCH_NS_DIGITS - 9; k < secEnd; k++) {
      const d = bytes[k]! - 48;
      if (d >>> 0 > 9) break;
      sec = sec * 10 + d;
    }
    for (const nsEnd = i + EPOCH_NS_DIGITS; k < nsEnd; k++) {
      const d = bytes[k]! - 48;
      if (d >>> 0 > 9) break;
      ns = ns * 10 + d;
    }
    if (k === i + EPOCH_NS_DIGITS) {
      t.sec = sec;
      t.ns = ns;
      next = k + 1;
      return;
    }
  }
  let sp = i;
  while (sp < end && bytes[sp] !== SPACE) sp++;
  const digits = sp - i;
  if (sp >= end || digits === 0 || digits > 19) {
    next = -1;
    return;
  }
  const cut = Math.max(i, sp - 9);
  let sec = 0;
  let ns = 0;
  for (let k = i; k < sp; k++) {
    const d = bytes[k]! - 48;
    if (d >>> 0 > 9) {
      next = -1;
      return;
    }
    if (k < cut) sec = sec * 10 + d;
    else ns = ns * 10 + d;
  }
  t.sec = sec;
  t.ns = ns;
  next = sp + 1;
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
  nsecsThenSpace(bytes, start, end, rec.t);
  if (next < 0) return false;
  const cpu = digitsThenSpace(bytes, next, end);
  if (next < 0) return false;
  const tid = digitsThenSpace(bytes, next, end);
  if (next < 0) return false;
  const pid = digitsThenSpace(bytes, next, end);
  if (next < 0) return false;
  const probeStart = next;
  let colon = false;
  let i = probeStart;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c === SPACE) break;
    if (c === COLON) colon = true;
  }
  if ((!colon && !isSpecialProbe(bytes, probeStart, i)) || i >= end) return false;
  const args = rec.args;
  args[0] = digitsThenSpace(bytes, i + 1, end);
  if (next < 0) return false;
  args[1] = digitsThenSpace(bytes, next, end);
  if (next < 0) return false;
  args[2] = digitsThenSpace(bytes, next, end);
  if (next < 0) return false;
  rec.cpu = cpu;
  rec.tid = tid;
  rec.pid = pid;
  rec.probeStart = probeStart;
  rec.probeEnd = i;
  rec.commStart = next;
  rec.commEnd = end;
  rec.argCount = 3;
  return true;
}
