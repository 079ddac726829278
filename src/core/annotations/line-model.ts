/**
 * Which steps of the simulator's exit-path model a C source line is, per variant, and the
 * figures that belong to that line (a lock's wait, the wakeups made there, the idle hop), so a
 * hover or CodeLens shows the numbers of its own site and says "removed by the patch" where a
 * variant no longer runs that code. Derived from the variants' programs: each step carries the
 * file, function and statement text it models (sim/variants.ts). Pure: no `vscode`.
 */
import { Op, type Step } from '../sim/program';
import { assemble } from '../sim/program';
import { variant, VARIANT_NAMES, type Variant, type VariantName } from '../sim/variants';
import { REPORTED_LOCKS } from '../analysis/lock-wait';

/** One step of a variant at a source line. */
export interface LineStep {
  variant: VariantName;
  op: Op;
  lock?: string;
  chan?: string;
  all?: boolean;
  to?: 'idle' | 'next';
}

/** A figure a line's steps make meaningful: a metric key of the views and what it says there. */
export interface LineFigure {
  /** Metric key (activity views' metric rows). */
  key: string;
  /** What the figure counts, for people. */
  label: string;
  /** Variants whose step at the line this figure is about. */
  variants: VariantName[];
  /** The trace count that maps to the same site (TraceSiteCounts), when a trace can see it. */
  trace?: keyof TraceSiteCounts;
}

/** Counts of an OpenBSD trace that map to model sites (annotations/lock-sites.ts TraceCounts). */
export interface TraceSiteCounts {
  /** Sleeps of reaper threads (`tsleep_nsec`/`msleep_nsec` in reaper()). */
  reaperSleeps: number;
  /** Wakeups of reaper threads (`wakeup(&deadproc)`, `wakeup_one(&spc->spc_deadproc)`). */
  reaperWakeups: number;
  /** Of those, the cross-CPU ones. */
  reaperCrossCpuWakeups: number;
  /** Exits followed by a switch to the idle thread (`cpu_switchto(NULL, idle)` in sched_toidle). */
  idleHops: number;
}

const normal = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** All steps of a variant that carry a source reference. */
function stepsOf(v: Variant): Step[] {
  return [...assemble(`${v.name} exit path`, v.exitPath).steps, ...v.idle.steps, ...v.reaper.steps].filter((s) => s.src);
}

const fileMatches = (path: string, file: string): boolean => path.endsWith(file) || file.endsWith(path);

/** A step of a variant as a line shows it: its op and the object it works on. */
function lineStep(variant: VariantName, s: Step): LineStep {
  switch (s.op) {
    case Op.Lock:
    case Op.Unlock: return { variant, op: s.op, lock: s.lock };
    case Op.Wake: return { variant, op: s.op, chan: s.chan, all: s.all };
    case Op.Sleep: return { variant, op: s.op, chan: s.chan };
    case Op.Switch: return { variant, op: s.op, to: s.to };
    default: return { variant, op: s.op };
  }
}

/**
 * The model's steps at a line: steps of every variant whose source is in `path`, in function
 * `func` (null: any function), and whose statement the line starts with.
 */
export function modelStepsAt(path: string, func: string | null, lineText: string): LineStep[] {
  const line = normal(lineText);
  if (!line) return [];
  const out: LineStep[] = [];
  for (const name of VARIANT_NAMES) {
    for (const s of stepsOf(variant(name))) {
      const src = s.src!;
      if (!fileMatches(path, src.file) || (func !== null && src.func !== func)) continue;
      if (!line.startsWith(normal(src.text))) continue;
      out.push(lineStep(name, s));
    }
  }
  return out;
}

/** Every step of every variant in function `func` of `path`. */
export function modelStepsIn(path: string, func: string): LineStep[] {
  return VARIANT_NAMES.flatMap((name) => stepsOf(variant(name))
    .filter((s) => s.src!.func === func && fileMatches(path, s.src!.file))
    .map((s) => lineStep(name, s)));
}

/** The variants that model code in `func` of `path` at all. */
export function variantsInFunction(path: string, func: string): VariantName[] {
  return VARIANT_NAMES.filter((name) => stepsOf(variant(name)).some((s) => s.src!.func === func && fileMatches(path, s.src!.file)));
}

/** What a step does, as a kernel developer would say it. */
export function stepAction(s: LineStep): string {
  switch (s.op) {
    case Op.Lock: return `takes ${s.lock}`;
    case Op.Unlock: return `releases ${s.lock}`;
    case Op.Wake: return `wakes ${s.all ? 'all sleepers' : 'one sleeper'} on ${s.chan}`;
    case Op.Sleep: return `sleeps on ${s.chan}`;
    case Op.Switch: return s.to === 'idle' ? 'switches to the idle thread (idle hop)' : 'switches to the next thread';
    case Op.Insert: return 'puts the thread on a dead list';
    case Op.Remove: return 'takes a thread off a dead list';
    case Op.Peg: return 'pegs itself to its CPU';
    case Op.ExitMark: return 'leaves exit1';
    case Op.ReapMark: return 'frees the thread (reaped)';
    case Op.Work: return 'does work';
    default: return 'branches';
  }
}

/** The figures of a line's steps, in a stable order, each with the variants whose step it is. */
export function lineFigures(steps: readonly LineStep[]): LineFigure[] {
  const figures = new Map<string, LineFigure>();
  const add = (key: string, label: string, v: VariantName, trace?: keyof TraceSiteCounts): void => {
    const f = figures.get(key) ?? { key, label, variants: [], ...(trace ? { trace } : {}) };
    if (!f.variants.includes(v)) f.variants.push(v);
    figures.set(key, f);
  };
  for (const s of steps) {
    if (s.op === Op.Lock && s.lock && (REPORTED_LOCKS as readonly string[]).includes(s.lock)) add(`lockWaitNs.${s.lock}`, `wait on ${s.lock} (all its sites)`, s.variant);
    else if (s.op === Op.Wake && (s.chan === 'deadproc' || s.chan === 'spc_deadproc')) add('crossCpuWakeups.reaper', 'cross-CPU wakeups of a reaper', s.variant, 'reaperCrossCpuWakeups');
    else if (s.op === Op.Wake) add('crossCpuWakeups.other', 'cross-CPU wakeups of other threads (parents, joiners)', s.variant);
    else if (s.op === Op.Sleep && (s.chan === 'deadproc' || s.chan === 'spc_deadproc')) add('reaperSleeps', 'reaper sleeps', s.variant, 'reaperSleeps');
    else if (s.op === Op.Switch && s.to === 'idle') add('idleHops', 'idle hops', s.variant, 'idleHops');
  }
  return [...figures.values()];
}

/** Locks a step list takes, in first-use order. */
const locksOf = (steps: readonly Step[]): string[] => [...new Set(steps.flatMap((s) => (s.op === Op.Lock ? [s.lock] : [])))];

/** A kernel-lock take right before a sleep (within the sleep's own wakeup-lock steps). */
function kernelLockAroundSleep(steps: readonly Step[]): boolean {
  return steps.some((s, i) => s.op === Op.Lock && s.lock === 'kernel_lock' && steps.slice(i + 1, i + 4).some((n) => n.op === Op.Sleep));
}

/**
 * What a variant changes against the baseline in `func` of `path` (or the whole exit path when
 * `func` is null), in a kernel developer's words: `−idle hop, −deadproc_mutex, +KERNEL_LOCK
 * around tsleep`. Empty when nothing differs.
 */
export function changesAgainstBaseline(name: VariantName, path: string | null, func: string | null): string[] {
  const pick = (v: Variant): Step[] => stepsOf(v).filter((s) => (func === null || s.src!.func === func) && (path === null || fileMatches(path, s.src!.file)));
  const base = pick(variant('baseline'));
  const other = pick(variant(name));
  const out: string[] = [];
  const hop = (steps: Step[]): boolean => steps.some((s) => s.op === Op.Switch && s.to === 'idle');
  if (hop(base) && !hop(other)) out.push('−idle hop');
  if (!hop(base) && hop(other)) out.push('+idle hop');
  const [lb, lo] = [locksOf(base), locksOf(other)];
  for (const l of lb) if (!lo.includes(l) && l !== 'sched_lock') out.push(`−${l}`);
  for (const l of lo) if (!lb.includes(l) && l !== 'sched_lock') out.push(`+${l}`);
  if (kernelLockAroundSleep(other) && !kernelLockAroundSleep(base)) out.push('+KERNEL_LOCK around tsleep');
  const wakes = (steps: Step[]): string[] => [...new Set(steps.flatMap((s) => (s.op === Op.Wake && s.chan !== 'wait' ? [`${s.all ? 'wakeup' : 'wakeup_one'}(${s.chan})`] : [])))];
  const [wb, wo] = [wakes(base), wakes(other)];
  for (const w of wb) if (!wo.includes(w)) out.push(`−${w}`);
  for (const w of wo) if (!wb.includes(w)) out.push(`+${w}`);
  const pegs = (steps: Step[]): boolean => steps.some((s) => s.op === Op.Peg);
  if (pegs(other) && !pegs(base)) out.push('+reaper pegged to its CPU');
  if (func !== null && base.length > 0 && other.length === 0) return ['removed by the patch'];
  if (func !== null && base.length === 0 && other.length > 0 && out.length === 0) out.push('added by the patch');
  return out;
}
