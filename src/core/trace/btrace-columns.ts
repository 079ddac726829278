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
