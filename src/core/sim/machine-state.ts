/** The simulated machine's mutable objects: threads, processes, CPUs and spin locks. */
import type { Program } from './program';
import { RunQueue } from './run-queue';
import type { RandomStream } from './prng';
import type { ThreadTemplate } from './workload';

export const ThreadState = { Runnable: 0, Running: 1, Sleeping: 2, Dead: 3, Reaped: 4, Parked: 5 } as const;

export class Process {
  /** ps_mtx, created on first use. */
  psMtx: SpinLock | null = null;
  constructor(readonly pid: number) {}
}

export class Thread {
  state: number = ThreadState.Runnable;
  /** Current priority; `basePrio` when running user code, the sleep priority after a wakeup. */
  prio: number;
  sleepPrio: number;
  /** CPU it runs or last ran on. */
  cpu = 0;
  /** CPU it is running on now, -1 when off CPU. */
  runningOn = -1;
  peg = -1;
  /** The CPU whose per-CPU state it works on (a reaper's `ci`, an idle thread's CPU), or -1 for curcpu(). */
  home = -1;
  pc = 0;
  /** Saved (program, pc) pairs of pushed programs (preemption, pegging); allocated on first use. */
  stack: (Program | number)[] | null = null;
  /** The dead thread it is handling (exit2 in idle, the reaper). */
  subject: Thread | null = null;
  /** Spin locks held (the kernel lock included). */
  holding = 0;
  kernelLockHeld = false;
  /** The kernel lock was released at a switch and must be re-taken when it runs again. */
  kernelLockReacquire = false;
  /** Work left of a preempted Work step, ns; -1 when none. */
  remainingNs = -1;
  exited = false;
  reaped = false;
  /** Slot in `drawn` by cost index (-1: not drawn), shared by the threads of a template. */
  drawSlots: Int8Array | null = null;
  /** Children (processes or joined threads) that finished and were not yet collected. */
  doneChildren = 0;

  constructor(
    readonly index: number,
    readonly tid: number,
    readonly process: Process,
    readonly comm: number,
    public program: Program,
    readonly basePrio: number,
    /** Runs user code (preemptible in user Work steps). */
    readonly user: boolean,
    /** P_THREAD: not the main thread of its process (reaped with proc_free). */
    readonly isThread: boolean,
    /** The thread whose fork created it (its parent waiting in wait4, or its joiner); null for boot threads. */
    readonly spawner: Thread | null,
    readonly template: ThreadTemplate | null,
    /** Stream this thread's own children draw from (spawners only). */
    readonly stream: RandomStream | null,
    /** Per-thread values of the random costs drawn at creation; `drawSlots` says which is where. */
    readonly drawn: Float64Array | null,
  ) {
    this.prio = basePrio;
    this.sleepPrio = basePrio;
  }
}

export class SpinLock {
  owner: Thread | null = null;
  /** CPU that last held it (where its cache line is), -1 before first use. */
  lastCpu = -1;
  readonly waiters: Cpu[] = [];
  /** @param ticket hands off in FIFO order (the kernel lock); mutexes are modelled FIFO too. */
  constructor(readonly nameId: number, readonly ticket: boolean) {}
}

export const CpuMode = { Run: 0, Spin: 1, Acquire: 2, Switch1: 3, Switch2: 4, Halt: 5 } as const;

export class Cpu {
  curr: Thread;
  mode: number = CpuMode.Halt;
  readonly runq = new RunQueue<Thread>();
  /** Generation of the pending continuation; bumping it cancels the pending one. */
  gen = 0;
  inWork = false;
  workEnd = 0;
  workUser = false;
  haltedSince = 0;
  wakePending = false;
  preemptPending = false;
  wantResched = false;
  /** Lock being handed to this CPU (Acquire mode) and whether the step completes with it. */
  acquireLock: SpinLock | null = null;
  acquireAdvancesPc = true;
  /** When the spin for `acquireLock` began, ns (for the step profile). */
  spinSince = 0;
  /** Thread switched away from (Switch modes). */
  switchPrev: Thread | null = null;

  constructor(readonly id: number, readonly socket: number, readonly idle: Thread) {
    this.curr = idle;
  }
}
