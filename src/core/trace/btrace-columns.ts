/**
 * btrace printf lines in general (not media/reaperscope.bt's format): which whitespace-separated
 * column is nsecs, cpu, tid, pid, comm, the probe and its arguments is found from the content.
 *
 * - The probe is the token shaped `provider:function:name` (or a known short sched probe name).
 * - `name=value` tokens (e.g. `cpu=3`) are taken by their name.
 * - Unnamed numbers before the probe are given roles from a sample of lines: nsecs is the
 *   column with the most digits, tid the one always ≥ 100000 (btrace tids are kernel tid +
 *   100000), cpu the one with the smallest maximum, pid the rest. Numbers after the probe are
 *   its arguments; a non-numeric token is the thread name.
 */
import { MAX_ARGS, type BtraceRecord } from './btrace-record';
import { scanNsecs, scanUint } from './number-scan';
import { digitsField, fieldEnd, nsecsField } from './btrace-fields';
import { isKnownShortProbe } from './btrace-probes';

export type Role = 'nsecs' | 'cpu' | 'tid' | 'pid' | 'comm' | 'skip';

/** Roles of the tokens before the probe, by position. */
export interface ColumnLayout {
  before: Role[];
}

const PROBE_SHAPE = /^[A-Za-z_][\w]*:[\w.]*:[\w.]+$/;
const NUMBER = /^\d+$/;
const LABELLED = /^(\w+)=(.*)$/;

/** Splits a line into tokens and finds the probe token; null when there is none. */
export function tokenize(line: string): { tokens: string[]; probeAt: number } | null {
  const tokens = line.trim().split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (PROBE_SHAPE.test(t) || isKnownShortProbe(t)) return { tokens, probeAt: i };
    if (t.startsWith('probe=')) {
      tokens[i] = t.slice('probe='.length);
      return { tokens, probeAt: i };
    }
  }
  return null;
}

/** Learns the roles of the unnamed columns before the probe from sample lines. */
export function learnLayout(samples: { tokens: string[]; probeAt: number }[]): ColumnLayout {
  const width = mostCommon(samples.map((s) => s.probeAt));
  const stats = Array.from({ length: width }, () => ({ numeric: true, digits: 0, min: Infinity, max: -Infinity, labelled: false }));
  for (const s of samples) {
    if (s.probeAt !== width) continue;
    for (let i = 0; i < width; i++) {
      const t = s.tokens[i]!;
      const st = stats[i]!;
      if (LABELLED.test(t) && !NUMBER.test(t)) st.labelled = true;
      if (!NUMBER.test(t)) {
        st.numeric = false;
        continue;
      }
      st.digits = Math.max(st.digits, t.length);
      const v = t.length > 15 ? Number.MAX_SAFE_INTEGER : Number(t);
      st.min = Math.min(st.min, v);
      st.max = Math.max(st.max, v);
    }
  }
  const before: Role[] = stats.map((st) => (st.labelled ? 'skip' : st.numeric ? 'skip' : 'comm'));
  const free = (): number[] => stats.map((st, i) => (st.numeric && !st.labelled && before[i] === 'skip' ? i : -1)).filter((i) => i >= 0);
  const pick = (role: Role, order: (a: number, b: number) => number, ok: (i: number) => boolean = () => true): void => {
    const candidates = free().filter(ok).sort(order);
    if (candidates.length > 0) before[candidates[0]!] = role;
  };
  pick('nsecs', (a, b) => stats[b]!.digits - stats[a]!.digits || a - b);
  pick('tid', (a, b) => a - b, (i) => stats[i]!.min >= 100_000);
  pick('cpu', (a, b) => stats[a]!.max - stats[b]!.max || a - b, (i) => stats[i]!.max < 4096);
  pick('pid', (a, b) => a - b);
  return { before };
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** Fills `rec` from a tokenized line with the layout; false when it has no usable time. */
export function applyLayout(tokens: string[], probeAt: number, layout: ColumnLayout, rec: BtraceRecord): boolean {
  let hasTime = false;
  let comm: string | null = null;
  rec.cpu = 0;
  rec.tid = -1;
  rec.pid = -1;
  rec.argCount = 0;
  const setRole = (role: string, value: string): void => {
    switch (role) {
      case 'nsecs':
      case 'ts':
      case 'time':
        hasTime = scanNsecs(value, 0, value.length, rec.t) || hasTime;
        break;
      case 'cpu':
      case 'tid':
      case 'pid': {
        const v = scanUint(value, 0, value.length);
        if (v >= 0) rec[role] = v;
        break;
      }
      case 'comm':
        comm = value;
        break;
      default: {
        const m = /^arg(\d)$/.exec(role);
        if (m) setArg(rec, Number(m[1]), value);
      }
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    if (i === probeAt) continue;
    const t = tokens[i]!;
    const labelled = NUMBER.test(t) ? null : LABELLED.exec(t);
    if (labelled) {
      setRole(labelled[1]!.toLowerCase(), labelled[2]!);
    } else if (i < probeAt) {
      const role = i < layout.before.length ? layout.before[i]! : 'skip';
      if (role !== 'skip') setRole(role, t);
    } else if (NUMBER.test(t)) {
      setArg(rec, rec.argCount, t);
    } else if (comm === null) {
      comm = tokens.slice(i).join(' ');
      break;
    }
  }
  rec.probe = tokens[probeAt]!;
  rec.comm = comm ?? '';
  return hasTime;
}

function setArg(rec: BtraceRecord, k: number, value: string): void {
  if (k >= MAX_ARGS) return;
  const v = scanUint(value, 0, value.length);
  rec.args[k] = v < 0 ? 0 : v;
  rec.argCount = Math.max(rec.argCount, k + 1);
}

const SPACE = 32;
const COLON = 58;
const EQUALS = 61;

const R_SKIP = 0;
const R_NSECS = 1;
const R_CPU = 2;
const R_TID = 3;
const R_PID = 4;
const R_COMM = 5;
const ROLE_CODES: Record<Role, number> = { skip: R_SKIP, nsecs: R_NSECS, cpu: R_CPU, tid: R_TID, pid: R_PID, comm: R_COMM };
const codesOf = new WeakMap<ColumnLayout, Uint8Array>();

/** The layout asked last and its codes (a reader asks for the same layout on every line). */
let lastLayout: ColumnLayout | null = null;
let lastCodes: Uint8Array = new Uint8Array(0);

/** The layout's roles as small numbers (kept per layout). */
function roleCodes(layout: ColumnLayout): Uint8Array {
  if (layout === lastLayout) return lastCodes;
  let codes = codesOf.get(layout);
  if (!codes) codesOf.set(layout, (codes = Uint8Array.from(layout.before, (r) => ROLE_CODES[r])));
  lastLayout = layout;
  lastCodes = codes;
  return codes;
}

/** The first space in bytes[i, end), or `end` (a short token: a loop beats a call to indexOf). */
function spaceAt(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && bytes[i] !== SPACE) i++;
  return i;
}

/** Whether bytes[start, end) has the probe token's shape `provider:function:name` ({@link PROBE_SHAPE}). */
function isProbeShape(bytes: Uint8Array, start: number, end: number): boolean {
  let colons = 0;
  let sinceColon = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === COLON) {
      if (++colons > 2 || (colons === 1 && i === start)) return false;
      sinceColon = 0;
      continue;
    }
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!word && !(c === 46 && colons > 0)) return false;
    if (i === start && c >= 48 && c <= 57) return false;
    sinceColon++;
  }
  return colons === 2 && sinceColon > 0;
}

/** Probe tokens whose shape was checked, by their bytes (a trace has few distinct probes). */
const shapedProbes: Uint8Array[] = [];
const MAX_SHAPED = 32;

/** {@link isProbeShape}, remembering the tokens that pass. */
function probeShaped(bytes: Uint8Array, start: number, end: number): boolean {
  const n = end - start;
  for (const p of shapedProbes) {
    if (p.length !== n) continue;
    let k = 0;
    while (k < n && p[k] === bytes[start + k]) k++;
    if (k === n) return true;
  }
  if (!isProbeShape(bytes, start, end)) return false;
  if (shapedProbes.length < MAX_SHAPED) shapedProbes.push(bytes.slice(start, end));
  return true;
}

/**
 * Whether byte `c` at j of a token starting at `start` is one the general path may read
 * differently: `=`, `:`, the second `_` of `__`, a control character or any non-ASCII one
 * (JavaScript's whitespace includes some).
 */
function isSpecial(bytes: Uint8Array, c: number, j: number, start: number): boolean {
  return c === EQUALS || c === COLON || c < SPACE || c >= 0x7f || (c === 95 && j > start && bytes[j - 1] === 95);
}

/** Whether bytes[start, end) holds a byte {@link isSpecial} names. */
function hasSpecial(bytes: Uint8Array, start: number, end: number): boolean {
  for (let j = start; j < end; j++) if (isSpecial(bytes, bytes[j]!, j, start)) return true;
  return false;
}

/** The end of the token from bytes[start] (the next space, or `end`), -1 when it is empty or holds a byte {@link isSpecial} names. */
function plainTokenEnd(bytes: Uint8Array, start: number, end: number): number {
  let j = start;
  for (; j < end; j++) {
    const c = bytes[j]!;
    if (c === SPACE) break;
    if (isSpecial(bytes, c, j, start)) return -1;
  }
  return j === start ? -1 : j;
}

/**
 * The fast path of {@link applyLayout}: reads a line straight from its bytes into `rec` (probe
 * and thread name as byte ranges, like parseDocumentedLine), for the common shape — tokens
 * separated by single spaces, numbers where the layout has numbers, no `name=value` token, the
 * probe where the layout expects it and nothing that could be a probe before it. False for any
 * other line, which then takes the general path (tokenize + applyLayout); where both apply they
 * give the same record.
 */
export function parseLayoutLine(bytes: Uint8Array, start: number, end: number, layout: ColumnLayout, rec: BtraceRecord): boolean {
  const before = roleCodes(layout);
  const width = before.length;
  let i = start;
  let hasTime = false;
  let commStart = -1;
  let commEnd = -1;
  rec.cpu = 0;
  rec.tid = -1;
  rec.pid = -1;
  rec.argCount = 0;
  for (let k = 0; k < width; k++) {
    const role = before[k]!;
    if (role === R_COMM || role === R_SKIP) {
      const sp = plainTokenEnd(bytes, i, end);
      if (sp < 0 || sp >= end) return false;
      if (role === R_COMM) {
        commStart = i;
        commEnd = sp;
      }
      i = sp + 1;
      continue;
    }
    if (role === R_NSECS) {
      nsecsField(bytes, i, end, rec.t);
      if (fieldEnd < 0 || fieldEnd >= end) return false;
      hasTime = true;
    } else {
      const v = digitsField(bytes, i, end);
      if (fieldEnd < 0 || fieldEnd >= end || fieldEnd - i > 15) return false;
      if (role === R_CPU) rec.cpu = v;
      else if (role === R_TID) rec.tid = v;
      else rec.pid = v;
    }
    i = fieldEnd + 1;
  }
  const probeStart = i;
  const probeEnd = spaceAt(bytes, i, end);
  if (!probeShaped(bytes, probeStart, probeEnd)) return false;
  rec.probeStart = probeStart;
  rec.probeEnd = probeEnd;
  i = probeEnd;
  // after the probe: numbers are arguments, the first other token starts the thread name (rest of line)
  while (i < end) {
    const from = i + 1; // after the space
    const v = digitsField(bytes, from, end);
    if (fieldEnd >= 0) {
      if (rec.argCount < MAX_ARGS) rec.args[rec.argCount++] = fieldEnd - from <= 15 || v <= Number.MAX_SAFE_INTEGER ? v : 0;
      i = fieldEnd;
      continue;
    }
    const sp = spaceAt(bytes, from, end);
    if (sp === from) return false;
    if (commStart < 0) {
      if (hasSpecial(bytes, from, end)) return false;
      for (let j = from; j < end; j++) if (bytes[j] === SPACE && (j + 1 === end || bytes[j + 1] === SPACE)) return false;
      commStart = from;
      commEnd = end;
      break;
    } else if (hasSpecial(bytes, from, sp)) return false;
    i = sp;
  }
  rec.commStart = commStart < 0 ? end : commStart;
  rec.commEnd = commStart < 0 ? end : commEnd;
  return hasTime;
}
