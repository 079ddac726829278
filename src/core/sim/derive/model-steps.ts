/**
 * Steps of a model as plain data, the form the CLI prints and model files hold: program, op
 * name (`lock`, `wakeup-one`, `switch-idle`, ...), the object as the model names it, the jump
 * target, and the file, side and line of the C statement. Also the equality the oracle tests
 * use: the same steps in the same order, modulo labels and jumps to the next step.
 */
import { assemble, Op, operands, type Step } from '../program';
import type { Variant } from '../variants';

export type ProgramName = 'exit' | 'idle' | 'reaper';
export const PROGRAM_NAMES: readonly ProgramName[] = ['exit', 'idle', 'reaper'];

export type StepOpName =
  | 'work' | 'lock' | 'unlock' | 'insert' | 'remove' | 'if-empty' | 'if-not-empty' | 'jump' | 'wakeup-one' | 'wakeup-all'
  | 'sleep' | 'switch-idle' | 'switch-next' | 'peg' | 'exit' | 'reaped' | 'if-thread' | 'zombie' | 'idle-wait';

export const STEP_OP_NAMES: readonly StepOpName[] = [
  'work', 'lock', 'unlock', 'insert', 'remove', 'if-empty', 'if-not-empty', 'jump', 'wakeup-one', 'wakeup-all',
  'sleep', 'switch-idle', 'switch-next', 'peg', 'exit', 'reaped', 'if-thread', 'zombie', 'idle-wait',
];

export interface ModelStep {
  program: ProgramName;
  op: StepOpName;
  /** The lock, list, channel or cost the step works on, as the model names it (model-objects.ts). */
  object?: string;
  /** Jumps: index of the target step in the same program. */
  target?: number;
  /** insert: the dying thread itself (not the one being handled). */
  self?: boolean;
  /** work: the cost belongs to the dead thread being handled. */
  ofSubject?: boolean;
  /** sleep: priority (OpenBSD numbering). */
  prio?: number;
  file: string;
  line: number;
  side?: 'old' | 'new';
  text: string;
}

/** The op name of a step (null for workload-only ops). */
export function stepOpName(s: Step): StepOpName | null {
  switch (s.op) {
    case Op.Work: return 'work';
    case Op.Lock: return 'lock';
    case Op.Unlock: return 'unlock';
    case Op.Insert: return 'insert';
    case Op.Remove: return 'remove';
    case Op.JumpIfEmpty: return 'if-empty';
    case Op.JumpIfNotEmpty: return 'if-not-empty';
    case Op.Jump: return 'jump';
    case Op.Wake: return s.all ? 'wakeup-all' : 'wakeup-one';
    case Op.Sleep: return 'sleep';
    case Op.Switch: return s.to === 'idle' ? 'switch-idle' : 'switch-next';
    case Op.Peg: return 'peg';
    case Op.ExitMark: return 'exit';
    case Op.ReapMark: return 'reaped';
    case Op.JumpIfThread: return 'if-thread';
    case Op.Zombie: return 'zombie';
    case Op.IdleWait: return 'idle-wait';
    default: return null;
  }
}

/** The object a step works on, as written in the model. */
export function stepObject(s: Step): string | undefined {
  const o = operands(s);
  return o.lock ?? o.list ?? o.chan ?? o.cost;
}

/** The steps of one program as data. */
export function programSteps(program: ProgramName, steps: readonly Step[]): ModelStep[] {
  return steps.map((step) => {
    const s = operands(step);
    const src = step.src;
    const op = stepOpName(step) ?? 'work';
    const object = stepObject(step);
    return {
      program, op,
      ...(object !== undefined ? { object } : {}),
      ...(s.target !== undefined ? { target: s.target } : {}),
      ...(s.self ? { self: true } : {}),
      ...(s.ofSubject ? { ofSubject: true } : {}),
      ...(s.prio !== undefined ? { prio: s.prio } : {}),
      file: src?.file ?? '', line: src?.line ?? 0, ...(src?.side ? { side: src.side } : {}), text: src?.text ?? '',
    };
  });
}

/** The three programs of a variant (the exit path assembled on its own). */
export function variantPrograms(v: Variant): Record<ProgramName, Step[]> {
  return { exit: assemble(`${v.name} exit path`, v.exitPath).steps, idle: v.idle.steps, reaper: v.reaper.steps };
}

/** Every step of a variant as data, exit path first. */
export function modelSteps(v: Variant): ModelStep[] {
  const p = variantPrograms(v);
  return PROGRAM_NAMES.flatMap((name) => programSteps(name, p[name]));
}

/** Drops jumps to the very next step and renumbers targets (a no-op in the engine). */
function withoutNoOpJumps(steps: readonly Step[]): Step[] {
  const keep = steps.map((s, i) => !(s.op === Op.Jump && s.target === i + 1));
  const newIndex: number[] = [];
  let n = 0;
  steps.forEach((_, i) => {
    newIndex[i] = n;
    if (keep[i]) n++;
  });
  newIndex[steps.length] = n;
  return steps.filter((_, i) => keep[i]).map((s) => ('target' in s ? { ...s, target: newIndex[s.target]! } : s));
}

/** One step's meaning, without its source reference or label. */
function signature(step: Step): string {
  const s = operands(step);
  return JSON.stringify([stepOpName(step), stepObject(step) ?? null, s.target ?? null, !!s.self, !!s.ofSubject, s.prio ?? null, !!s.user]);
}

/**
 * Null when the programs are the same steps in the same order (targets compared by index, jumps
 * to the next step ignored); else where they first differ.
 */
export function programDifference(a: readonly Step[], b: readonly Step[]): string | null {
  const x = withoutNoOpJumps(a);
  const y = withoutNoOpJumps(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const sa = x[i];
    const sb = y[i];
    if (!sa || !sb) return `step ${i}: ${sa ? signature(sa) : 'none'} vs ${sb ? signature(sb) : 'none'}`;
    if (signature(sa) !== signature(sb)) return `step ${i}: ${signature(sa)} (${sa.src?.text ?? ''}) vs ${signature(sb)} (${sb.src?.text ?? ''})`;
  }
  return null;
}

/** Per program, where two variants differ (empty when they are the same model). */
export function variantDifferences(a: Variant, b: Variant): string[] {
  const pa = variantPrograms(a);
  const pb = variantPrograms(b);
  const out = PROGRAM_NAMES.flatMap((name) => {
    const d = programDifference(pa[name], pb[name]);
    return d ? [`${name}: ${d}`] : [];
  });
  if (a.reapers !== b.reapers) out.push(`reapers: ${a.reapers} vs ${b.reapers}`);
  return out;
}

