/**
 * Spin locks, dead lists and wait channels of the machine: a lock is taken at once (the mutex
 * cost plus a cache-line transfer when another CPU held it last) or spun for and handed to its
 * waiters in FIFO order; a dead list is touched only by its owner CPU (or is global, and its
 * cache line moves); a wakeup makes the channel's sleepers runnable where the scheduler says.
 */
import { EventKind } from '../events/event-kind';
import { CpuMode, type Cpu, type SpinLock, type Thread } from './machine-state';
import type { ListName } from './program';
import { MachineBase } from './machine-base';

const { LockAcquire: K_LOCKACQUIRE, LockRelease: K_LOCKRELEASE, LockWait: K_LOCKWAIT, Wakeup: K_WAKEUP } = EventKind;
const { Acquire: M_ACQUIRE, Spin: M_SPIN } = CpuMode;

export abstract class MachineLocks extends MachineBase {
  /** The CPU a woken thread goes to (the scheduler, machine-scheduler.ts). */
  protected abstract chooseCpu(t: Thread): number;
  /** Puts `t` on `target`'s run queue and wakes or preempts that CPU as needed. */
  protected abstract makeRunnable(t: Thread, target: number): void;

  // ---- locks ------------------------------------------------------------------------------

  /**
   * Takes `lock` for `th` on `cpu`. Returns the ns the acquisition takes (mutex cost plus a
   * cache-line transfer when another CPU held it last), or -1 when the CPU must spin: it then
   * gets the lock in FIFO order and continues (advancing pc when `advancePc`).
   */
  protected acquire(cpu: Cpu, th: Thread, lock: SpinLock, advancePc: boolean): number {
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

  protected release(cpu: Cpu, th: Thread, lock: SpinLock): void {
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

  protected assertSchedLocked(th: Thread, what: string): void {
    if (this.locks.sched_lock.owner !== th) throw new Error(`${th.program.name}: ${what} without sched_lock (program bug)`);
    const expected = 1 + (th.kernelLockHeld ? 1 : 0);
    if (th.holding !== expected) this.invariants.violation(`t=${this.now}: tid ${th.tid} switches holding a spin mutex`);
  }

  // ---- dead lists and channels ------------------------------------------------------------

  /** The owner of the list `th` changes (-1 = global), plus the invariant checks of that change. */
  protected touchList(cpu: Cpu, th: Thread, list: ListName): number {
    const owner = this.objects.listOwner(list, th, cpu.id);
    this.invariants.listAccesses++;
    if (owner < 0) {
      if (this.objects.touchGlobal(list, cpu.id)) this.invariants.globalListCrossCpuTouches++;
    } else if (owner !== cpu.id) {
      this.invariants.violation(`t=${this.now}: CPU ${cpu.id} touched the dead list of CPU ${owner} (${list})`);
    }
    return owner;
  }

  protected wake(cpu: Cpu, waker: Thread, key: number, all: boolean): void {
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
}
