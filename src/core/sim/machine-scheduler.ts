/**
 * The machine's scheduler: where a runnable thread goes (sched_choosecpu, simplified), run
 * queues and stealing (sched_chooseproc), waking a halted CPU (an IPI plus the exit latency of
 * the C-state its idle time put it in), the context switch with sched_lock passed from the
 * outgoing to the incoming thread, and preemption of user work (or any work, for poisson).
 */
import { EventKind } from '../events/event-kind';
import { CpuMode, ThreadState, type Cpu, type Thread } from './machine-state';
import { Op, type Step } from './program';
import { EV_PREEMPT, EV_WAKE } from './machine-base';
import { MachineLocks } from './machine-locks';

const { Work: OP_WORK } = Op;
const { OffCpu: K_OFFCPU, Steal: K_STEAL } = EventKind;
const { Halt: M_HALT, Run: M_RUN, Switch1: M_SWITCH1 } = CpuMode;
const { Runnable: S_RUNNABLE, Running: S_RUNNING } = ThreadState;

export abstract class MachineScheduler extends MachineLocks {
  // ---- scheduling -------------------------------------------------------------------------

  protected isIdle(c: Cpu): boolean {
    return c.curr === c.idle && c.runq.length === 0 && !c.wakePending;
  }

  /** sched_choosecpu, simplified: pegged CPU; else its last CPU if idle; else an idle CPU; else its last CPU. */
  protected chooseCpu(t: Thread): number {
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

  protected enqueue(cpu: Cpu, t: Thread): void {
    cpu.runq.push(t);
    if (t.peg < 0) this.stealableTotal++;
  }

  protected makeRunnable(t: Thread, target: number): void {
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
  protected wakeDelay(c: Cpu): number {
    const idleFor = this.now - c.haltedSince;
    const cstate = idleFor >= this.cost('c3After') ? 'cstateC3' : idleFor >= this.cost('c2After') ? 'cstateC2' : 'cstateC1';
    return this.cost('idleWake') + this.cost(cstate);
  }

  /** sched_chooseproc: the best local thread, else one stolen from the busiest queue, else idle. */
  protected chooseNext(cpu: Cpu): Thread {
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
  protected switchAway(cpu: Cpu, prev: Thread, next: Thread): boolean {
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

  protected preemptible(cpu: Cpu, th: Thread): boolean {
    return th !== cpu.idle && th.holding === 0 && th.program !== this.preempt && th.program !== this.migrate;
  }

  /** An IPI arrived: preempt the running thread in user work (or anything, for poisson) when a better one waits. */
  protected tryPreempt(cpu: Cpu): void {
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
  protected preemptAtBoundary(cpu: Cpu, th: Thread, step: Step): boolean {
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

  protected startPreempt(cpu: Cpu, th: Thread): void {
    (th.stack ??= []).push(th.program, th.pc);
    th.program = this.preempt;
    th.pc = 0;
  }
}
