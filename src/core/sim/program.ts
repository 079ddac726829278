/**
 * Exit-path variants as data (DESIGN.md "The exit path, as the simulator must model it"): a
 * program is a list of steps the engine executes per CPU, each carrying the C source location
 * it models so the editor can show it next to the source line.
 */
import { COST_NAMES, type CostName } from './costs';

/** Where a step comes from in the kernel source: file, function, and the statement's text. */
export interface SourceRef {
  file: string;
  func: string;
  /** A snippet of the statement, as it reads in the source (enough to find the line). */
  text: string;
  /** 1-based line of the statement, when the step was derived from a file (derive/). */
  line?: number;
  /** Which image `line` numbers: the tree before the patch (`old`) or with it applied (`new`). */
  side?: 'old' | 'new';
}

/**
 * Locks by name: `kernel_lock`, `sched_lock`, a process's `ps_mtx`, the global `deadproc_mutex`,
 * and any other a derived model names; the scope follows the name (derive/model-objects.ts:
 * `spc_*`/`ci_*` per CPU, `ps_mtx` per process, the rest global).
 */
export type LockName = string;
/** Lists by name, scoped the same way: `spc_deadproc` the executing CPU's dead list, `deadproc` the global one. */
export type ListName = string;
/**
 * Wait channels by name, scoped the same way: `deadproc` (global), `spc_deadproc` (the executing
 * CPU's), `wait` (the wait channel of the thread that spawned the subject — its parent waiting
 * in wait4 or a joiner).
 */
export type ChannelName = string;

/** Numeric opcodes (the engine switches on them in its hot loop). */
export const Op = {
  /** Spend `cost` on this CPU. */
  Work: 0,
  Lock: 1,
  Unlock: 2,
  /** Put a thread (the subject, or the running thread with `self`) on a dead list. */
  Insert: 3,
  /** Take the first thread off a dead list; it becomes the subject. */
  Remove: 4,
  JumpIfEmpty: 5,
  JumpIfNotEmpty: 6,
  Jump: 7,
  /** Wake one or all sleepers on a channel (the caller holds sched_lock). */
  Wake: 8,
  /** Sleep on a channel at `prio` (the caller holds sched_lock; the kernel lock is released and re-taken around it). */
  Sleep: 9,
  /**
   * Switch to this CPU's idle thread or to the next runnable one (the caller holds sched_lock).
   * The running thread is dead after exit1, parked when it is the idle thread, and otherwise in
   * the state the previous step gave it (runnable after Requeue).
   */
  Switch: 10,
  /** Peg the running thread to the CPU it runs on (sched_peg_curproc). */
  Peg: 11,
  /** The running thread leaves exit1 (an Exit event). */
  ExitMark: 12,
  /** The subject's resources are freed (a Reap event naming the subject). */
  ReapMark: 13,
  /** Jump when the subject is a thread of a multi-threaded process (P_THREAD). */
  JumpIfThread: 14,
  /** The subject becomes a zombie: its spawner's count of finished children goes up. */
  Zombie: 15,
  /** Workload: create a child from the running thread's template. */
  Fork: 16,
  /** Workload: jump when a child of the running thread finished (and consume it). */
  JumpIfChildDone: 17,
  /** Workload: tell the spawner this thread is done (a joined thread's exit). */
  NotifySpawner: 18,
  /** Idle thread: halt until there is something to run; fall through when there is. */
  IdleWait: 19,
  /** Put the running thread back on its CPU's run queue (preemption). */
  Requeue: 20,
  /** Return from a pushed program (the preemption sequence). */
  Return: 21,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/** What every step carries: the C statement it models; absent for workload steps outside the kernel. */
interface StepSource {
  src?: SourceRef;
}

/** Spend `cost` on this CPU. */
export interface WorkStep extends StepSource {
  op: typeof Op.Work;
  cost: CostName;
  /** Index of `cost` in COST_NAMES (set by {@link assemble}). */
  costIndex: number;
  /** User-mode time (a thread may be preempted in it). */
  user?: boolean;
  /** The cost belongs to the subject (the dead thread being handled), drawn when it was created. */
  ofSubject?: boolean;
}
export interface LockStep extends StepSource { op: typeof Op.Lock | typeof Op.Unlock; lock: LockName }
export interface InsertStep extends StepSource {
  op: typeof Op.Insert;
  list: ListName;
  /** The running thread itself instead of the subject. */
  self?: boolean;
}
export interface RemoveStep extends StepSource { op: typeof Op.Remove; list: ListName }
/** Jump to `target` when `list` is empty (JumpIfEmpty) or not (JumpIfNotEmpty). */
export interface ListJumpStep extends StepSource { op: typeof Op.JumpIfEmpty | typeof Op.JumpIfNotEmpty; list: ListName; target: number }
/** Jumps that test no list: always, on P_THREAD, on a finished child. */
export interface JumpStep extends StepSource { op: typeof Op.Jump | typeof Op.JumpIfThread | typeof Op.JumpIfChildDone; target: number }
export interface WakeStep extends StepSource {
  op: typeof Op.Wake;
  chan: ChannelName;
  /** All sleepers (wakeup) instead of one (wakeup_one). */
  all: boolean;
}
export interface SleepStep extends StepSource {
  op: typeof Op.Sleep;
  chan: ChannelName;
  /** Priority the thread wakes up with (OpenBSD numbering, lower is better). */
  prio: number;
}
export interface SwitchStep extends StepSource { op: typeof Op.Switch; to: 'idle' | 'next' }
/** Steps with no operand. */
export interface PlainStep extends StepSource {
  op: typeof Op.Peg | typeof Op.ExitMark | typeof Op.ReapMark | typeof Op.Zombie | typeof Op.Fork | typeof Op.NotifySpawner
    | typeof Op.IdleWait | typeof Op.Requeue | typeof Op.Return;
}

/** One step of a program: a discriminated union on `op`, each op with the fields it needs. */
export type Step = WorkStep | LockStep | InsertStep | RemoveStep | ListJumpStep | JumpStep | WakeStep | SleepStep | SwitchStep | PlainStep;

/**
 * A step's operands as one flat record, absent ones undefined: for code that reads any step
 * the same way (reports, model files, comparisons); the engine switches on `op` instead.
 */
export interface StepOperands {
  op: Op;
  src?: SourceRef;
  cost?: CostName;
  user?: boolean;
  ofSubject?: boolean;
  lock?: LockName;
  list?: ListName;
  self?: boolean;
  chan?: ChannelName;
  all?: boolean;
  prio?: number;
  to?: 'idle' | 'next';
  target?: number;
}

export const operands = (s: Step | Draft): StepOperands => s;

/** A jump step (its `target` is resolved by {@link assemble}). */
export type JumpingStep = ListJumpStep | JumpStep;

export interface Program {
  name: string;
  steps: Step[];
}

/** A step before assembly, per op: jumps name a label (`to_label`) instead of a target, work has no cost index yet. */
type DraftOf<S extends Step> = S extends JumpingStep ? Omit<S, 'target'> & { to_label: string } : S extends WorkStep ? Omit<S, 'costIndex'> : S;
/** A step before assembly; `label` names the step itself. */
export type Draft = DraftOf<Step> & { label?: string };

/** OpenBSD priorities (sys/param.h): PVM 4, PWAIT 32, PUSER 50. */
export const PRIO = { PVM: 4, PWAIT: 32, PUSER: 50, IDLE: 127 } as const;

/** Resolves labels into step indices; throws on an unknown or duplicate label (a bug in a program). */
export function assemble(name: string, drafts: Draft[]): Program {
  const labels = new Map<string, number>();
  drafts.forEach((d, i) => {
    if (d.label === undefined) return;
    if (labels.has(d.label)) throw new Error(`program ${name}: duplicate label ${d.label}`);
    labels.set(d.label, i);
  });
  const steps = drafts.map((d): Step => {
    const { label: _label, ...draft } = d;
    if (draft.op === Op.Work) return { ...draft, costIndex: COST_NAMES.indexOf(draft.cost) };
    if (!('to_label' in draft)) return draft;
    const { to_label, ...rest } = draft;
    const target = labels.get(to_label);
    if (target === undefined) throw new Error(`program ${name}: unknown label ${to_label}`);
    return { ...rest, target };
  });
  return { name, steps };
}

/** wakeup()/wakeup_one(): take sched_lock, walk the sleep queue, make sleepers runnable, release. */
export function wakeupDrafts(chan: ChannelName, all: boolean, src?: SourceRef): Draft[] {
  return [
    { op: Op.Lock, lock: 'sched_lock', src },
    { op: Op.Work, cost: 'wakeup', src },
    { op: Op.Wake, chan, all, src },
    { op: Op.Unlock, lock: 'sched_lock', src },
  ];
}
