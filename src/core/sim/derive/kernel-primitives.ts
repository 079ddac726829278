/**
 * The table of kernel primitives a model derived from C knows (issue "simulate the code"):
 * what each call does in the model. Locks and channels are given by the index of the argument
 * that names them (see model-objects.ts) or by a fixed name; named work has a cost from the
 * cost table (costs.ts). A call not in the table is inlined when the tree defines it, and
 * otherwise becomes work of the `unknownCall` cost, listed as an assumption.
 */
import type { CostName } from '../costs';
import { PRIO } from '../program';

/** An object given by a fixed name, or by the argument at `arg` (0-based). */
export type ObjectRef = { name: string } | { arg: number };

export type Primitive =
  | { kind: 'lock'; object: ObjectRef }
  | { kind: 'unlock'; object: ObjectRef }
  /** `__mp_release_all(&kernel_lock)`: releases the kernel lock when held. */
  | { kind: 'release-all'; object: ObjectRef }
  /** Sleep on the channel at `chan`, releasing the lock at `lock` around it (msleep, rwsleep); `prio` is the argument holding the priority. */
  | { kind: 'sleep'; chan: number; lock: number | null; prio: number }
  | { kind: 'wakeup'; chan: number; all: boolean }
  | { kind: 'peg' }
  /** Switch away: to the thread the argument `to` holds (cpu_switchto), or the next runnable one (mi_switch). */
  | { kind: 'switch'; to: number | null }
  | { kind: 'insert'; head: number; elm: number }
  /** Remove `elm` (from the list it was taken from when `head` is null: LIST_REMOVE), or the head (SIMPLEQ_REMOVE_HEAD, `elm` null). */
  | { kind: 'remove'; head: number | null; elm: number | null }
  | { kind: 'first'; head: number }
  | { kind: 'empty'; head: number }
  | { kind: 'work'; cost: CostName }
  /** The subject becomes a zombie and its parent is told (prsignal of SIGCHLD). */
  | { kind: 'zombie' }
  /** cpu_exit(p): the thread leaves exit1; the machine-dependent code calls sched_exit(p). */
  | { kind: 'exit' }
  /** The idle thread halts until there is something to run. */
  | { kind: 'idle-cycle' }
  /** sched_chooseproc(): the next runnable thread. */
  | { kind: 'choose-next' }
  /** Bookkeeping the model leaves out (no cost): assertions, tracepoints, flags, statistics. */
  | { kind: 'ignore'; why: string }
  /** The path does not go on (panic). */
  | { kind: 'ends' };

const KERNEL_LOCK: ObjectRef = { name: 'kernel_lock' };
const SCHED_LOCK: ObjectRef = { name: 'sched_lock' };
const ASSERT = 'an assertion (no cost in the model)';
const BOOKKEEPING = 'bookkeeping the model leaves out (no cost)';

const lists = (prefix: string, first: boolean): Record<string, Primitive> => ({
  [`${prefix}_INSERT_HEAD`]: { kind: 'insert', head: 0, elm: 1 },
  [`${prefix}_INSERT_TAIL`]: { kind: 'insert', head: 0, elm: 1 },
  [`${prefix}_FIRST`]: { kind: 'first', head: 0 },
  [`${prefix}_EMPTY`]: { kind: 'empty', head: 0 },
  ...(first ? {} : { [`${prefix}_REMOVE`]: { kind: 'remove', head: 0, elm: 1 } as Primitive }),
});

export const PRIMITIVES: Readonly<Record<string, Primitive>> = {
  mtx_enter: { kind: 'lock', object: { arg: 0 } },
  mtx_leave: { kind: 'unlock', object: { arg: 0 } },
  rw_enter_write: { kind: 'lock', object: { arg: 0 } },
  rw_exit_write: { kind: 'unlock', object: { arg: 0 } },
  rw_enter: { kind: 'lock', object: { arg: 0 } },
  rw_exit: { kind: 'unlock', object: { arg: 0 } },
  KERNEL_LOCK: { kind: 'lock', object: KERNEL_LOCK },
  KERNEL_UNLOCK: { kind: 'unlock', object: KERNEL_LOCK },
  __mp_release_all: { kind: 'release-all', object: { arg: 0 } },
  SCHED_LOCK: { kind: 'lock', object: SCHED_LOCK },
  SCHED_UNLOCK: { kind: 'unlock', object: SCHED_LOCK },
  msleep_nsec: { kind: 'sleep', chan: 0, lock: 1, prio: 2 },
  msleep: { kind: 'sleep', chan: 0, lock: 1, prio: 2 },
  rwsleep_nsec: { kind: 'sleep', chan: 0, lock: 1, prio: 2 },
  rwsleep: { kind: 'sleep', chan: 0, lock: 1, prio: 2 },
  tsleep_nsec: { kind: 'sleep', chan: 0, lock: null, prio: 1 },
  tsleep: { kind: 'sleep', chan: 0, lock: null, prio: 1 },
  wakeup: { kind: 'wakeup', chan: 0, all: true },
  wakeup_one: { kind: 'wakeup', chan: 0, all: false },
  wakeup_n: { kind: 'wakeup', chan: 0, all: true },
  sched_peg_curproc: { kind: 'peg' },
  cpu_switchto: { kind: 'switch', to: 1 },
  mi_switch: { kind: 'switch', to: null },
  sched_chooseproc: { kind: 'choose-next' },
  ...lists('LIST', true),
  LIST_REMOVE: { kind: 'remove', head: null, elm: 0 },
  ...lists('TAILQ', false),
  ...lists('SIMPLEQ', true),
  SIMPLEQ_REMOVE_HEAD: { kind: 'remove', head: 0, elm: null },
  uvm_uarea_free: { kind: 'work', cost: 'uareaFree' },
  uvm_exit: { kind: 'work', cost: 'uvmExit' },
  proc_free: { kind: 'work', cost: 'procFree' },
  tuagg_add_process: { kind: 'work', cost: 'tuagg' },
  knote_processexit: { kind: 'work', cost: 'zombie' },
  prsignal: { kind: 'zombie' },
  cpu_exit: { kind: 'exit' },
  cpu_idle_cycle: { kind: 'idle-cycle' },
  panic: { kind: 'ends' },
  KASSERT: { kind: 'ignore', why: ASSERT },
  KASSERTMSG: { kind: 'ignore', why: ASSERT },
  KERNEL_ASSERT_LOCKED: { kind: 'ignore', why: ASSERT },
  KERNEL_ASSERT_UNLOCKED: { kind: 'ignore', why: ASSERT },
  SCHED_ASSERT_LOCKED: { kind: 'ignore', why: ASSERT },
  SCHED_ASSERT_UNLOCKED: { kind: 'ignore', why: ASSERT },
  MUTEX_ASSERT_LOCKED: { kind: 'ignore', why: ASSERT },
  MUTEX_ASSERT_UNLOCKED: { kind: 'ignore', why: ASSERT },
  splassert: { kind: 'ignore', why: ASSERT },
  TRACEPOINT: { kind: 'ignore', why: 'a tracepoint (no cost in the model)' },
  WITNESS_THREAD_EXIT: { kind: 'ignore', why: 'lock-order checking (no cost in the model)' },
  tu_enter: { kind: 'ignore', why: BOOKKEEPING },
  tu_leave: { kind: 'ignore', why: BOOKKEEPING },
  atomic_setbits_int: { kind: 'ignore', why: BOOKKEEPING },
  atomic_clearbits_int: { kind: 'ignore', why: BOOKKEEPING },
  atomic_inc_int: { kind: 'ignore', why: BOOKKEEPING },
  atomic_dec_int: { kind: 'ignore', why: BOOKKEEPING },
  cpuset_add: { kind: 'ignore', why: BOOKKEEPING },
  cpuset_del: { kind: 'ignore', why: BOOKKEEPING },
  clockintr_cancel: { kind: 'ignore', why: BOOKKEEPING },
  cpu_idle_enter: { kind: 'ignore', why: BOOKKEEPING },
  cpu_idle_leave: { kind: 'ignore', why: BOOKKEEPING },
  curcpu: { kind: 'ignore', why: BOOKKEEPING },
  ISSET: { kind: 'ignore', why: BOOKKEEPING },
  snprintf: { kind: 'ignore', why: BOOKKEEPING },
};

/** OpenBSD sleep priorities (sys/param.h) by name. */
export const SLEEP_PRIORITIES: Readonly<Record<string, number>> = {
  PSWP: 0, PVM: PRIO.PVM, PINOD: 8, PRIBIO: 16, PVFS: 20, PZERO: 22, PSOCK: 24, PWAIT: PRIO.PWAIT, PLOCK: 36, PPAUSE: 40, PUSER: PRIO.PUSER,
};
