/**
 * The discrete-event machine: CPUs execute the step programs of their current threads
 * (program.ts), with per-CPU run queues, spin locks handed off in FIFO order at the cost of a
 * cache-line transfer, sleep/wakeup on channels, idle CPUs in C-states woken by IPIs,
 * preemption of user code, pegged threads and stealing. Every observable action is appended
 * to an EventTableBuilder in time order. Pure and deterministic: time is integer ns, ties are
 * broken by the event queue's sequence numbers, randomness comes from seeded streams.
 */
import { EventKind } from '../events/event-kind';
import { EventTableBuilder } from '../events/event-table-builder';
import { COST_NAMES, type CostName, type Costs } from './costs';
import { isFixed, sampleCost } from './cost-sampler';
import { EventQueue } from './event-queue';
import { Cpu, CpuMode, Process, SpinLock, Thread, ThreadState } from './machine-state';
import { MachineObjects } from './machine-objects';
import { StepProfile, type ProfiledProgram } from './step-profile';
import type { RandomStream } from './prng';
import { assemble, Op, PRIO, type ListName, type Program, type Step, type WorkStep } from './program';
import { InvariantLog } from './invariants';
import { pegProgram, preemptProgram, type Variant } from './variants';
import type { ThreadTemplate, Workload } from './workload';

import { MAX_CPUS } from './limits';

export { MAX_CPUS };

// Module-level copies of the enum members: imported objects are read through getters when
// the modules are transpiled one by one (tsx), which costs a call per step in the hot loop.
const { ExitMark: OP_EXITMARK, Fork: OP_FORK, IdleWait: OP_IDLEWAIT, Insert: OP_INSERT, Jump: OP_JUMP, JumpIfChildDone: OP_JUMPIFCHILDDONE, JumpIfEmpty: OP_JUMPIFEMPTY, JumpIfNotEmpty: OP_JUMPIFNOTEMPTY, JumpIfThread: OP_JUMPIFTHREAD, Lock: OP_LOCK, NotifySpawner: OP_NOTIFYSPAWNER, Peg: OP_PEG, ReapMark: OP_REAPMARK, Remove: OP_REMOVE, Requeue: OP_REQUEUE, Return: OP_RETURN, Sleep: OP_SLEEP, Switch: OP_SWITCH, Unlock: OP_UNLOCK, Wake: OP_WAKE, Work: OP_WORK, Zombie: OP_ZOMBIE } = Op;
const { Dead: K_DEAD, Exit: K_EXIT, Fork: K_FORK, LockAcquire: K_LOCKACQUIRE, LockRelease: K_LOCKRELEASE, LockWait: K_LOCKWAIT, OffCpu: K_OFFCPU, OnCpu: K_ONCPU, Reap: K_REAP, Sleep: K_SLEEP, Steal: K_STEAL, Wakeup: K_WAKEUP } = EventKind;
const { Acquire: M_ACQUIRE, Halt: M_HALT, Run: M_RUN, Spin: M_SPIN, Switch1: M_SWITCH1, Switch2: M_SWITCH2 } = CpuMode;
const { Dead: S_DEAD, Parked: S_PARKED, Reaped: S_REAPED, Runnable: S_RUNNABLE, Running: S_RUNNING, Sleeping: S_SLEEPING } = ThreadState;

/** Module-level binding: an imported function is read through a getter per call under tsx. */
const sampleFn = sampleCost;

/** Queue entry types (low 3 bits of the payload). */
const EV_CPU = 0;
const EV_WAKE = 1;
const EV_PREEMPT = 2;
const EV_ARRIVAL = 3;
const GEN_MASK = 0xfffff;

/** First tid, as btrace prints them (kernel tid + 100000). */
const TID_BASE = 100_000;

export interface MachineConfig {
  cpus: number;
  /** CPUs per socket: lock hand-offs within a socket cost cacheLineSocket, across cacheLineCross. */
  cpusPerSocket: number;
  durationNs: number;
  costs: Costs;
  /** Sum simulated time per C line of the steps (step-profile.ts). */
  profileSteps?: boolean;
}

export interface MachineStreams {
  /** Machine-level random costs (when a machine cost is given a distribution). */
  machine: RandomStream;
  /** Poisson arrivals: inter-arrival times, CPU choice, the arrivals' own costs. */
  arrivals: RandomStream;
  /** One stream per spawner, in workload order. */
  spawner: () => RandomStream;
}

export class Machine {
  now = 0;
  readonly out: EventTableBuilder;
  readonly invariants = new InvariantLog();
  /** Time per C line, when the config asks for it. */
  readonly profile: StepProfile | null;
  readonly cpus: Cpu[] = [];
  /** Threads created so far (tids and wait-channel keys derive from it). */
  threadCount = 0;
  /** Threads that left exit1. */
  exits = 0;
  private readonly queue = new EventQueue(1024);
  private readonly objects: MachineObjects;
  private readonly locks: { kernel_lock: SpinLock; sched_lock: SpinLock };
  private readonly sleepers = new Map<number, Thread[]>();
  private readonly preempt: Program = preemptProgram();
  private readonly migrate: Program = pegProgram();
  private readonly programs = new Map<ThreadTemplate, Program>();
  private readonly drawPlans = new Map<ThreadTemplate, { names: CostName[]; slotOf: Int8Array }>();
  private readonly costIndex = new Map<CostName, number>();
  /** Fixed cost values by index in COST_NAMES (-1: random, drawn each time). */
  private readonly fixedCost: Float64Array;
  /** The same by name, for the machine's own costs. */
  private readonly fixed = {} as Record<CostName, number>;
  private nextPid = 1;
  private haltedCount = 0;
  private stealableTotal = 0;
  /** The CPU whose steps are executing, null while handling an external event. */
  private cur: Cpu | null = null;
  private arrivalCpuRng: RandomStream;

  constructor(
    private readonly config: MachineConfig,
    private readonly variant: Variant,
    private readonly workload: Workload,
    private readonly streams: MachineStreams,
  ) {
    if (!(config.cpus >= 1 && config.cpus <= MAX_CPUS && Number.isInteger(config.cpus))) throw new RangeError(`cpus must be 1..${MAX_CPUS}, got ${config.cpus}`);
    this.out = new EventTableBuilder();
    this.profile = config.profileSteps ? new StepProfile() : null;
    const s = this.out.strings;
    this.objects = new MachineObjects((name) => s.intern(name), config.cpus);
    this.locks = { kernel_lock: this.objects.kernelLock, sched_lock: this.objects.schedLock };
    this.fixedCost = new Float64Array(COST_NAMES.length);
    COST_NAMES.forEach((name, i) => {
      this.costIndex.set(name, i);
      const spec = config.costs[name];
      this.fixedCost[i] = isFixed(spec) ? Math.round(spec.meanNs) : -1;
      this.fixed[name] = this.fixedCost[i]!;
    });
    this.arrivalCpuRng = streams.arrivals;
    this.boot();
  }

  /** Runs until the queue is empty or the next event is past the duration. */
  run(): void {
    const q = this.queue;
    const end = this.config.durationNs;
    while (q.length > 0) {
      const t = q.peekTime();
      if (t > end) break;
      if (t < this.now) this.invariants.violation(`time went back from ${this.now} to ${t} ns`);
      this.now = t;
      this.dispatch(q.pop());
    }
    this.now = Math.max(this.now, end);
  }

  // ---- boot and workload ------------------------------------------------------------------

  private boot(): void {
    const n = this.config.cpus;
    const s = this.out.strings;
    for (let c = 0; c < n; c++) {
      const idle = this.newThread(s.intern(`idle${c}`), this.variant.idle, PRIO.IDLE, false, false, null, null, null);
      idle.home = c;
      idle.cpu = c;
      idle.runningOn = c;
      idle.state = S_RUNNING;
      const cpu = new Cpu(c, Math.floor(c / this.config.cpusPerSocket), idle);
      this.cpus.push(cpu);
      this.haltedCount++;
    }
    if (this.variant.reapers === 'one') {
      this.startKernelThread(s.intern('reaper'), -1, 0);
    } else {
      for (let c = 0; c < n; c++) this.startKernelThread(s.intern(`reaper${c}`), c, c);
    }
    let k = 0;
    for (const { template, count } of this.workload.spawners) {
      for (let i = 0; i < count; i++, k++) this.spawn(template, null, k % n, -1, this.streams.spawner());
    }
    if (this.workload.arrivals) this.scheduleArrival();
  }

  private startKernelThread(comm: number, home: number, cpu: number): void {
    const t = this.newThread(comm, this.variant.reaper, PRIO.PVM, false, false, null, null, null);
    t.home = home;
    t.cpu = cpu;
    this.makeRunnable(t, cpu);
  }

  private newThread(comm: number, program: Program, prio: number, user: boolean, isThread: boolean,
    spawner: Thread | null, template: ThreadTemplate | null, stream: RandomStream | null, drawn: Float64Array | null = null): Thread {
    const process = isThread && spawner ? spawner.process : new Process(this.nextPid++);
    const index = this.threadCount++;
    return new Thread(index, TID_BASE + index + 1, process, comm, program, prio, user, isThread, spawner, template, stream, drawn);
  }

  private programOf(template: ThreadTemplate): Program {
    let p = this.programs.get(template);
    if (!p) {
      p = assemble(template.comm, [...template.body, ...(template.exits ? this.variant.exitPath : [])]);
      this.programs.set(template, p);
    }
    return p;
  }

  /** The random costs a template's threads draw at creation, and where each sits in `drawn` (by cost index, -1: none). */
  private drawPlan(template: ThreadTemplate): { names: CostName[]; slotOf: Int8Array } {
    let plan = this.drawPlans.get(template);
    if (!plan) {
      const names = template.draws.filter((n) => this.fixed[n] < 0);
      const slotOf = new Int8Array(COST_NAMES.length).fill(-1);
      names.forEach((n, k) => (slotOf[this.costIndex.get(n)!] = k));
      plan = { names, slotOf };
      this.drawPlans.set(template, plan);
    }
    return plan;
  }

  /** Creates a thread from a template; its random costs are drawn from `draw` (the spawner's stream). */
  private spawn(template: ThreadTemplate, spawner: Thread | null, nearCpu: number, peg: number, own: RandomStream | null, draw?: RandomStream): Thread {
    let drawn: Float64Array | null = null;
    const rng = draw ?? own;
    const plan = this.drawPlan(template);
    if (plan.names.length > 0 && rng) {
      drawn = new Float64Array(plan.names.length);
      for (let k = 0; k < plan.names.length; k++) drawn[k] = sampleFn(this.config.costs[plan.names[k]!], rng);
    }
    const comm = this.out.strings.intern(template.comm);
    const t = this.newThread(comm, this.programOf(template), template.prio, template.user, template.isThread, spawner, template, own, drawn);
    t.drawSlots = plan.slotOf;
    t.cpu = nearCpu;
    t.peg = peg;
    this.makeRunnable(t, peg >= 0 ? peg : this.chooseCpu(t));
    return t;
  }

  private scheduleArrival(): void {
    const a = this.workload.arrivals!;
    const gap = Math.round(this.streams.arrivals.exponential(1e9 / a.ratePerSec));
    this.queue.push(this.now + gap, 0, EV_ARRIVAL);
  }

  private arrive(): void {
    const a = this.workload.arrivals!;
    const cpu = this.arrivalCpuRng.below(this.config.cpus);
    this.spawn(a.template, null, cpu, cpu, null, this.streams.arrivals);
    this.scheduleArrival();
  }

  // ---- event dispatch ---------------------------------------------------------------------

  private dispatch(payload: number): void {
    const type = payload & 7;
    if (type === EV_ARRIVAL) {
      this.cur = null;
      this.arrive();
      return;
    }
    const cpu = this.cpus[(payload >> 3) & 255]!;
    this.cur = cpu;
    if (type === EV_CPU) {
      if (payload >>> 11 !== (cpu.gen & GEN_MASK)) return;
      this.continueCpu(cpu);
    } else if (type === EV_WAKE) {
      cpu.wakePending = false;
      if (cpu.mode === M_HALT) {
        cpu.mode = M_RUN;
        this.haltedCount--;
        this.runCpu(cpu);
      }
    } else if (type === EV_PREEMPT) {
      cpu.preemptPending = false;
      this.tryPreempt(cpu);
    }
  }

  /**
   * When this CPU's continuation at `time` would be the next entry popped anyway (strictly
   * earlier than everything queued, and within the run), advances the clock to it and returns
   * true: the caller goes on at once, as if it had been queued and popped. The order of events
   * is exactly the same; only the queue round trip is saved.
   */
  private runAhead(time: number): boolean {
    if (time >= this.queue.peekTime() || time > this.config.durationNs) return false;
    this.now = time;
    return true;
  }

  private at(cpu: Cpu, time: number): void {
    this.queue.push(time, 1, ((cpu.gen & GEN_MASK) << 11) | (cpu.id << 3) | EV_CPU);
  }

  private continueCpu(cpu: Cpu): void {
    switch (cpu.mode) {
      case M_RUN:
        cpu.inWork = false;
        this.runCpu(cpu);
        return;
      case M_ACQUIRE: {
        const th = cpu.curr;
        this.emit(cpu, K_LOCKACQUIRE, th, cpu.acquireLock!.nameId, -1);
        cpu.acquireLock = null;
        cpu.mode = M_RUN;
        if (this.profile && cpu.acquireAdvancesPc) this.profile.add(th.program.steps[th.pc]!, this.programKind(th), 0, this.now - cpu.spinSince);
        if (cpu.acquireAdvancesPc) th.pc++;
        this.runCpu(cpu);
        return;
      }
      case M_SWITCH1: {
        const th = cpu.curr;
        const prev = cpu.switchPrev!;
        cpu.switchPrev = null;
        this.emit(cpu, K_ONCPU, th, prev.tid, prev.process.pid);
        this.release(cpu, th, this.locks.sched_lock);
        const rest = this.cost('contextSwitch') - this.cost('switchLocked');
        if (rest > 0 && !this.runAhead(this.now + rest)) {
          cpu.mode = M_SWITCH2;
          this.at(cpu, this.now + rest);
          return;
        }
        this.afterSwitchIn(cpu);
        return;
      }
      case M_SWITCH2:
        this.afterSwitchIn(cpu);
        return;
    }
  }

  private afterSwitchIn(cpu: Cpu): void {
    cpu.mode = M_RUN;
    const th = cpu.curr;
    if (th.kernelLockReacquire) {
      th.kernelLockReacquire = false;
      const d = this.acquire(cpu, th, this.locks.kernel_lock, false);
      if (d < 0) return;
      if (d > 0) {
        this.at(cpu, this.now + d);
        return;
      }
    }
    this.runCpu(cpu);
  }

  // ---- the step interpreter ---------------------------------------------------------------

  /** Executes the current thread's steps until one takes time or blocks. */
  private runCpu(cpu: Cpu): void {
    for (;;) {
      const th = cpu.curr;
      const step = th.program.steps[th.pc]!;
      if (cpu.wantResched && this.preemptAtBoundary(cpu, th, step)) continue;
      switch (step.op) {
        case OP_WORK: {
          let d = th.remainingNs;
          if (d >= 0) th.remainingNs = -1;
          else d = this.workCost(step, th);
          if (this.profile) this.profile.add(step, this.programKind(th), d, 0);
          if (step.ofSubject && th.subject && th.subject.runningOn >= 0) {
            this.invariants.violation(`t=${this.now}: tid ${th.subject.tid} freed (${step.cost}) while it still runs on CPU ${th.subject.runningOn}`);
          }
          th.pc++;
          if (d > 0) {
            if (this.runAhead(this.now + d)) break;
            cpu.inWork = true;
            cpu.workEnd = this.now + d;
            cpu.workUser = step.user === true;
            this.at(cpu, cpu.workEnd);
            return;
          }
          break;
        }
        case OP_LOCK: {
          const d = this.acquire(cpu, th, this.objects.lock(step.lock, th, cpu.id), true);
          if (d < 0) {
            cpu.spinSince = this.now;
            return;
          }
          if (this.profile) this.profile.add(step, this.programKind(th), d, 0);
          th.pc++;
          if (d > 0) {
            if (this.runAhead(this.now + d)) break;
            this.at(cpu, this.now + d);
            return;
          }
          break;
        }
        case OP_UNLOCK:
          this.release(cpu, th, this.objects.lock(step.lock, th, cpu.id));
          th.pc++;
          break;
        case OP_INSERT: {
          const item = step.self ? th : th.subject!;
          const owner = this.touchList(cpu, th, step.list);
          this.objects.list(step.list, owner).push(item);
          this.out.push(this.now, cpu.id, K_DEAD, item.tid, item.process.pid, item.comm, this.objects.nameId(step.list), owner);
          th.pc++;
          break;
        }
        case OP_REMOVE: {
          const owner = this.touchList(cpu, th, step.list);
          const item = this.objects.list(step.list, owner).pop();
          if (!item) throw new Error(`${th.program.name}: Remove on an empty ${step.list} (program bug)`);
          if (item.runningOn >= 0) this.invariants.violation(`t=${this.now}: tid ${item.tid} taken for reaping while still on CPU ${item.runningOn}`);
          th.subject = item;
          th.pc++;
          break;
        }
        case OP_JUMPIFEMPTY:
        case OP_JUMPIFNOTEMPTY: {
          const empty = this.objects.list(step.list, this.objects.listOwner(step.list, th, cpu.id)).length === 0;
          th.pc = empty === (step.op === OP_JUMPIFEMPTY) ? step.target : th.pc + 1;
          break;
        }
        case OP_JUMP:
          th.pc = step.target;
          break;
        case OP_JUMPIFTHREAD:
          th.pc = th.subject!.isThread ? step.target : th.pc + 1;
          break;
        case OP_WAKE:
          this.wake(cpu, th, this.objects.chanKey(step.chan, th, cpu.id, false), step.all === true);
          th.pc++;
          break;
        case OP_SLEEP: {
          this.assertSchedLocked(th, 'Sleep');
          const key = this.objects.chanKey(step.chan, th, cpu.id, true);
          th.state = S_SLEEPING;
          th.sleepPrio = step.prio ?? th.basePrio;
          let list = this.sleepers.get(key);
          if (!list) this.sleepers.set(key, (list = []));
          list.push(th);
          this.emit(cpu, K_SLEEP, th, this.objects.nameId(step.chan), -1);
          th.pc++;
          if (this.switchAway(cpu, th, this.chooseNext(cpu))) return;
          break;
        }
        case OP_SWITCH: {
          this.assertSchedLocked(th, 'Switch');
          th.pc++;
          if (th.exited) th.state = S_DEAD;
          else if (th === cpu.idle) th.state = S_PARKED;
          const next = step.to === 'idle' ? cpu.idle : this.chooseNext(cpu);
          if (this.switchAway(cpu, th, next)) return;
          break;
        }
        case OP_PEG:
          // sched_peg_curproc(ci): peg to the home CPU and move there through the run queue
          th.peg = th.home >= 0 ? th.home : cpu.id;
          th.pc++;
          if (th.peg !== cpu.id) {
            (th.stack ??= []).push(th.program, th.pc);
            th.program = this.migrate;
            th.pc = 0;
          }
          break;
        case OP_EXITMARK:
          th.exited = true;
          this.exits++;
          // arg1: the exit syscall (1 exit, 302 __threxit), for the btrace writer
          this.emit(cpu, K_EXIT, th, 0, th.isThread ? 302 : 1);
          th.pc++;
          break;
        case OP_REAPMARK: {
          const s = th.subject!;
          if (s.reaped) this.invariants.violation(`t=${this.now}: tid ${s.tid} reaped twice`);
          if (!s.exited) this.invariants.violation(`t=${this.now}: tid ${s.tid} reaped without having exited`);
          s.reaped = true;
          s.state = S_REAPED;
          this.out.push(this.now, cpu.id, K_REAP, th.tid, th.process.pid, th.comm, s.tid, s.process.pid);
          this.invariants.reaps++;
          th.subject = null;
          th.pc++;
          break;
        }
        case OP_ZOMBIE: {
          const parent = th.subject!.spawner;
          if (parent) parent.doneChildren++;
          th.pc++;
          break;
        }
        case OP_NOTIFYSPAWNER:
          if (th.spawner) th.spawner.doneChildren++;
          th.pc++;
          break;
        case OP_FORK: {
          const child = this.spawn(th.template!.child!, th, cpu.id, -1, null, th.stream ?? this.streams.machine);
          this.emit(cpu, K_FORK, th, child.tid, child.process.pid);
          th.pc++;
          break;
        }
        case OP_JUMPIFCHILDDONE:
          if (th.doneChildren > 0) {
            th.doneChildren--;
            th.pc = step.target;
          } else th.pc++;
          break;
        case OP_IDLEWAIT:
          if (cpu.runq.length > 0) {
            th.pc++;
            break;
          }
          cpu.mode = M_HALT;
          cpu.haltedSince = this.now;
          this.haltedCount++;
          return;
        case OP_REQUEUE:
          th.prio = th.basePrio;
          if (th.peg >= 0 && th.peg !== cpu.id) {
            this.makeRunnable(th, th.peg);
          } else {
            th.state = S_RUNNABLE;
            this.enqueue(cpu, th);
          }
          th.pc++;
          break;
        case OP_RETURN:
          th.pc = th.stack!.pop() as number;
          th.program = th.stack!.pop() as Program;
          break;
        default:
          throw new Error(`unknown op ${(step as Step).op}`);
      }
    }
  }

  /** Which program of the variant `th` runs (for the step profile): the idle loop, the reaper, else the exit path. */
  private programKind(th: Thread): ProfiledProgram {
    return th.program === this.variant.idle ? 'idle' : th.program === this.variant.reaper ? 'reaper' : 'exit';
  }

  // ---- costs ------------------------------------------------------------------------------

  private cost(name: CostName): number {
    const f = this.fixed[name];
    return f >= 0 ? f : sampleFn(this.config.costs[name], this.streams.machine);
  }

  private workCost(step: WorkStep, th: Thread): number {
    const i = step.costIndex;
    const owner = step.ofSubject ? th.subject : th;
    if (owner && owner.drawn) {
      const k = owner.drawSlots![i]!;
      if (k >= 0) return owner.drawn[k]!;
    }
    const f = this.fixedCost[i]!;
    return f >= 0 ? f : sampleFn(this.config.costs[step.cost], this.streams.machine);
  }

  private transfer(from: number, to: Cpu): number {
    if (from < 0 || from === to.id) return 0;
    return this.cpus[from]!.socket === to.socket ? this.cost('cacheLineSocket') : this.cost('cacheLineCross');
  }

  // ---- locks ------------------------------------------------------------------------------

  /**
   * Takes `lock` for `th` on `cpu`. Returns the ns the acquisition takes (mutex cost plus a
   * cache-line transfer when another CPU held it last), or -1 when the CPU must spin: it then
   * gets the lock in FIFO order and continues (advancing pc when `advancePc`).
   */
  private acquire(cpu: Cpu, th: Thread, lock: SpinLock, advancePc: boolean): number {
    if (lock.owner === null) {
      lock.owner = th;
      th.holding++;
      if (lock === this.locks.kernel_lock) th.kernelLockHeld = true;
      this.emit(cpu, K_LOCKACQUIRE, th, lock.nameId, -1);
      const d = this.cost('mutex') + this.transfer(lock.lastCpu, cpu);
      lock.lastCpu = cpu.id;
      return d;
    }
    if (lock.owner === th) throw new Error(`tid ${th.tid} (${th.program.name}) takes ${this.out.strings.get(lock.nameId)} twice`);
    this.emit(cpu, K_LOCKWAIT, th, lock.nameId, -1);
    lock.waiters.push(cpu);
    cpu.mode = M_SPIN;
    cpu.acquireLock = lock;
    cpu.acquireAdvancesPc = advancePc;
    return -1;
  }

  private release(cpu: Cpu, th: Thread, lock: SpinLock): void {
    if (lock.owner !== th) throw new Error(`tid ${th.tid} (${th.program.name}) releases ${this.out.strings.get(lock.nameId)} it does not hold`);
    this.emit(cpu, K_LOCKRELEASE, th, lock.nameId, -1);
    th.holding--;
    if (lock === this.locks.kernel_lock) th.kernelLockHeld = false;
    const next = lock.waiters.shift();
    if (!next) {
      lock.owner = null;
      return;
    }
    const nt = next.curr;
    lock.owner = nt;
    nt.holding++;
    if (lock === this.locks.kernel_lock) nt.kernelLockHeld = true;
    next.mode = M_ACQUIRE;
    lock.lastCpu = next.id;
    this.at(next, this.now + this.transfer(cpu.id, next));
  }

  private assertSchedLocked(th: Thread, what: string): void {
    if (this.locks.sched_lock.owner !== th) throw new Error(`${th.program.name}: ${what} without sched_lock (program bug)`);
    const expected = 1 + (th.kernelLockHeld ? 1 : 0);
    if (th.holding !== expected) this.invariants.violation(`t=${this.now}: tid ${th.tid} switches holding a spin mutex`);
  }

  // ---- dead lists and channels ------------------------------------------------------------

  /** The owner of the list `th` changes (-1 = global), plus the invariant checks of that change. */
  private touchList(cpu: Cpu, th: Thread, list: ListName): number {
    const owner = this.objects.listOwner(list, th, cpu.id);
    this.invariants.listAccesses++;
    if (owner < 0) {
      if (this.objects.touchGlobal(list, cpu.id)) this.invariants.globalListCrossCpuTouches++;
    } else if (owner !== cpu.id) {
      this.invariants.violation(`t=${this.now}: CPU ${cpu.id} touched the dead list of CPU ${owner} (${list})`);
    }
    return owner;
  }

  private wake(cpu: Cpu, waker: Thread, key: number, all: boolean): void {
    const list = this.sleepers.get(key);
    if (!list || list.length === 0) return;
    const woken = all ? list.splice(0) : [list.shift()!];
    for (const t of woken) {
      t.prio = t.sleepPrio;
      const target = this.chooseCpu(t);
      this.emit(cpu, K_WAKEUP, waker, t.tid, target);
      this.makeRunnable(t, target);
    }
  }

  // ---- scheduling -------------------------------------------------------------------------

  private isIdle(c: Cpu): boolean {
    return c.curr === c.idle && c.runq.length === 0 && !c.wakePending;
  }

  /** sched_choosecpu, simplified: pegged CPU; else its last CPU if idle; else an idle CPU; else its last CPU. */
  private chooseCpu(t: Thread): number {
    if (t.peg >= 0) return t.peg;
    const cpus = this.cpus;
    const last = t.cpu;
    if (this.isIdle(cpus[last]!)) return last;
    if (this.haltedCount > 0) {
      const n = cpus.length;
      for (let i = 1; i < n; i++) {
        const c = (last + i) % n;
        if (this.isIdle(cpus[c]!)) return c;
      }
    }
    return last;
  }

  private enqueue(cpu: Cpu, t: Thread): void {
    cpu.runq.push(t);
    if (t.peg < 0) this.stealableTotal++;
  }

  private makeRunnable(t: Thread, target: number): void {
    t.state = S_RUNNABLE;
    const c = this.cpus[target]!;
    this.enqueue(c, t);
    if (c.mode === M_HALT) {
      if (!c.wakePending) {
        c.wakePending = true;
        this.queue.push(this.now + this.wakeDelay(c), 2, (c.id << 3) | EV_WAKE);
      }
    } else if (c.curr !== c.idle && t.prio < c.curr.prio) {
      if (c === this.cur) c.wantResched = true;
      else if (!c.preemptPending) {
        c.preemptPending = true;
        this.queue.push(this.now + this.cost('ipi'), 2, (c.id << 3) | EV_PREEMPT);
      }
    }
  }

  /** IPI to a halted CPU plus the exit latency of the C-state its idle time put it in. */
  private wakeDelay(c: Cpu): number {
    const idleFor = this.now - c.haltedSince;
    const cstate = idleFor >= this.cost('c3After') ? 'cstateC3' : idleFor >= this.cost('c2After') ? 'cstateC2' : 'cstateC1';
    return this.cost('idleWake') + this.cost(cstate);
  }

  /** sched_chooseproc: the best local thread, else one stolen from the busiest queue, else idle. */
  private chooseNext(cpu: Cpu): Thread {
    const local = cpu.runq.pop();
    if (local) {
      if (local.peg < 0) this.stealableTotal--;
      return local;
    }
    if (this.stealableTotal > 0) {
      let victim: Cpu | null = null;
      const n = this.cpus.length;
      for (let i = 1; i < n; i++) {
        const c = this.cpus[(cpu.id + i) % n]!;
        if (c.runq.stealable > (victim?.runq.stealable ?? 0)) victim = c;
      }
      const t = victim?.runq.popStealable();
      if (victim && t) {
        this.stealableTotal--;
        this.emit(cpu, K_STEAL, cpu.curr, t.tid, victim.id);
        return t;
      }
    }
    return cpu.idle;
  }

  /**
   * Switches `cpu` from `prev` to `next` (prev holds sched_lock, which passes to next and is
   * released after the locked part of the switch). Returns false when next is prev (no switch).
   */
  private switchAway(cpu: Cpu, prev: Thread, next: Thread): boolean {
    if (next === prev) {
      prev.state = S_RUNNING;
      this.release(cpu, prev, this.locks.sched_lock);
      return false;
    }
    if (prev.kernelLockHeld) {
      this.release(cpu, prev, this.locks.kernel_lock);
      prev.kernelLockReacquire = true;
    }
    this.emit(cpu, K_OFFCPU, prev, next.tid, next.process.pid);
    prev.runningOn = -1;
    if (next.runningOn >= 0) this.invariants.violation(`t=${this.now}: tid ${next.tid} switched in on CPU ${cpu.id} while running on CPU ${next.runningOn}`);
    next.runningOn = cpu.id;
    next.cpu = cpu.id;
    next.state = S_RUNNING;
    cpu.curr = next;
    const sched = this.locks.sched_lock;
    sched.owner = next;
    prev.holding--;
    next.holding++;
    cpu.switchPrev = prev;
    cpu.mode = M_SWITCH1;
    cpu.wantResched = false;
    cpu.inWork = false;
    this.at(cpu, this.now + this.cost('switchLocked'));
    return true;
  }

  // ---- preemption -------------------------------------------------------------------------

  private preemptible(cpu: Cpu, th: Thread): boolean {
    return th !== cpu.idle && th.holding === 0 && th.program !== this.preempt && th.program !== this.migrate;
  }

  /** An IPI arrived: preempt the running thread in user work (or anything, for poisson) when a better one waits. */
  private tryPreempt(cpu: Cpu): void {
    const th = cpu.curr;
    if (cpu.mode === M_HALT || th === cpu.idle || cpu.runq.bestPrio() >= th.prio) return;
    if (cpu.mode === M_RUN && cpu.inWork && (cpu.workUser || this.workload.preemptKernel) && this.preemptible(cpu, th)) {
      th.remainingNs = cpu.workEnd - this.now;
      th.pc--;
      cpu.inWork = false;
      cpu.gen++;
      this.startPreempt(cpu, th);
      this.runCpu(cpu);
      return;
    }
    cpu.wantResched = true;
  }

  /** At a step boundary: preempt (push the preempt program) when allowed; true when it did. */
  private preemptAtBoundary(cpu: Cpu, th: Thread, step: Step): boolean {
    if (cpu.runq.bestPrio() >= th.prio) {
      cpu.wantResched = false;
      return false;
    }
    const userret = step.op === OP_WORK && step.user === true;
    if (!this.preemptible(cpu, th) || !(userret || this.workload.preemptKernel)) return false;
    cpu.wantResched = false;
    this.startPreempt(cpu, th);
    return true;
  }

  private startPreempt(cpu: Cpu, th: Thread): void {
    (th.stack ??= []).push(th.program, th.pc);
    th.program = this.preempt;
    th.pc = 0;
  }

  // ---- output -----------------------------------------------------------------------------

  private emit(cpu: Cpu, kind: EventKind, th: Thread, arg0: number, arg1: number): void {
    this.out.push(this.now, cpu.id, kind, th.tid, th.process.pid, th.comm, arg0, arg1);
  }
}
