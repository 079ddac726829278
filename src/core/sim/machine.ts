/**
 * The discrete-event machine's step interpreter and event loop (the scheduler, the locks and
 * lists, and what they share are machine-scheduler.ts, machine-locks.ts, machine-base.ts): CPUs execute the step programs of their current threads
 * (program.ts), with per-CPU run queues, spin locks handed off in FIFO order at the cost of a
 * cache-line transfer, sleep/wakeup on channels, idle CPUs in C-states woken by IPIs,
 * preemption of user code, pegged threads and stealing. Every observable action is appended
 * to an EventTableBuilder in time order. Pure and deterministic: time is integer ns, ties are
 * broken by the event queue's sequence numbers, randomness comes from seeded streams.
 */
import { EventKind } from '../events/event-kind';
import { COST_NAMES, type CostName } from './costs';
import { sampleCost } from './cost-sampler';
import { Cpu, CpuMode, Process, Thread, ThreadState } from './machine-state';
import type { RandomStream } from './prng';
import { assemble, Op, PRIO, type Program, type Step } from './program';
import type { Variant } from './variants';
import type { ThreadTemplate, Workload } from './workload';
import { EV_ARRIVAL, EV_CPU, EV_PREEMPT, EV_WAKE, GEN_MASK, type MachineConfig, type MachineStreams } from './machine-base';
import { MachineScheduler } from './machine-scheduler';
import { MAX_CPUS } from './limits';

export { MAX_CPUS };
export type { MachineConfig, MachineStreams };

// Module-level copies of the enum members: imported objects are read through getters when
// the modules are transpiled one by one (tsx), which costs a call per step in the hot loop.
const { ExitMark: OP_EXITMARK, Fork: OP_FORK, IdleWait: OP_IDLEWAIT, Insert: OP_INSERT, Jump: OP_JUMP, JumpIfChildDone: OP_JUMPIFCHILDDONE, JumpIfEmpty: OP_JUMPIFEMPTY, JumpIfNotEmpty: OP_JUMPIFNOTEMPTY, JumpIfThread: OP_JUMPIFTHREAD, Lock: OP_LOCK, NotifySpawner: OP_NOTIFYSPAWNER, Peg: OP_PEG, ReapMark: OP_REAPMARK, Remove: OP_REMOVE, Requeue: OP_REQUEUE, Return: OP_RETURN, Sleep: OP_SLEEP, Switch: OP_SWITCH, Unlock: OP_UNLOCK, Wake: OP_WAKE, Work: OP_WORK, Zombie: OP_ZOMBIE } = Op;
const { Dead: K_DEAD, Exit: K_EXIT, Fork: K_FORK, LockAcquire: K_LOCKACQUIRE, OnCpu: K_ONCPU, Reap: K_REAP, Sleep: K_SLEEP } = EventKind;
const { Acquire: M_ACQUIRE, Halt: M_HALT, Run: M_RUN, Switch1: M_SWITCH1, Switch2: M_SWITCH2 } = CpuMode;
const { Dead: S_DEAD, Parked: S_PARKED, Reaped: S_REAPED, Runnable: S_RUNNABLE, Running: S_RUNNING, Sleeping: S_SLEEPING } = ThreadState;

/** Module-level binding: an imported function is read through a getter per call under tsx. */
const sampleFn = sampleCost;

/** First tid, as btrace prints them (kernel tid + 100000). */
const TID_BASE = 100_000;

export class Machine extends MachineScheduler {
  private readonly programs = new Map<ThreadTemplate, Program>();
  private readonly drawPlans = new Map<ThreadTemplate, { names: CostName[]; slotOf: Int8Array }>();
  private nextPid = 1;
  private arrivalCpuRng: RandomStream;

  constructor(config: MachineConfig, variant: Variant, workload: Workload, streams: MachineStreams) {
    super(config, variant, workload, streams);
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
  protected runCpu(cpu: Cpu): void {
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
}
