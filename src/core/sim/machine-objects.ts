/**
 * The machine's named objects: spin locks, thread lists and wait channels, found by the name a
 * step gives (program.ts) and scoped by it (model-objects.ts): the kernel lock and sched_lock,
 * a lock/list per CPU (`spc_*`, `ci_*`: the one of the CPU whose state the thread works on), a
 * process's `ps_mtx`, the parent's wait channel, and global ones created on first use. A lock or
 * list a derived model introduces needs no code here.
 */
import { SpinLock, type Process, type Thread } from './machine-state';
import { objectScope, type ObjectScope } from './model-objects';

export class MachineObjects {
  readonly kernelLock: SpinLock;
  readonly schedLock: SpinLock;
  private readonly globalLocks = new Map<string, SpinLock>();
  private readonly cpuLocks = new Map<string, SpinLock[]>();
  private readonly globalLists = new Map<string, Thread[]>();
  private readonly cpuLists = new Map<string, Thread[][]>();
  /** CPU that last changed each global list (-1 before any change). */
  private readonly lastToucher = new Map<string, number>();
  private readonly ids = new Map<string, number>();
  private readonly scopes = new Map<string, ObjectScope>();

  constructor(private readonly intern: (s: string) => number, private readonly cpus: number) {
    // interned first, in this order, so the built-in variants' events keep their string ids
    for (const name of ['kernel_lock', 'sched_lock', 'deadproc_mutex', 'ps_mtx', 'deadproc', 'spc_deadproc', 'wait']) this.nameId(name);
    this.kernelLock = new SpinLock(this.nameId('kernel_lock'), true);
    this.schedLock = new SpinLock(this.nameId('sched_lock'), false);
  }

  /** The interned string id of a name (events carry it). */
  nameId(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.intern(name)));
    return id;
  }

  scope(name: string): ObjectScope {
    let s = this.scopes.get(name);
    if (s === undefined) this.scopes.set(name, (s = objectScope(name)));
    return s;
  }

  /** The CPU whose per-CPU state `th` works on: its home (a reaper's `ci`), else the CPU it runs on. */
  private static ownerCpu(th: Thread, cpu: number): number {
    return th.home >= 0 ? th.home : cpu;
  }

  lock(name: string, th: Thread, cpu: number): SpinLock {
    if (name === 'kernel_lock') return this.kernelLock;
    if (name === 'sched_lock') return this.schedLock;
    switch (this.scope(name)) {
      case 'process': {
        const p: Process = (th.subject ?? th).process;
        return p.psMtx ?? (p.psMtx = new SpinLock(this.nameId(name), false));
      }
      case 'cpu': {
        let per = this.cpuLocks.get(name);
        if (!per) this.cpuLocks.set(name, (per = Array.from({ length: this.cpus }, () => new SpinLock(this.nameId(name), false))));
        return per[MachineObjects.ownerCpu(th, cpu)]!;
      }
      default: {
        let l = this.globalLocks.get(name);
        if (!l) this.globalLocks.set(name, (l = new SpinLock(this.nameId(name), false)));
        return l;
      }
    }
  }

  /** The CPU owning the list `th` means there (-1: a global list). */
  listOwner(name: string, th: Thread, cpu: number): number {
    return this.scope(name) === 'cpu' ? MachineObjects.ownerCpu(th, cpu) : -1;
  }

  /** The list `name` of `owner` (-1: the global one). LIFO, as LIST_INSERT_HEAD / LIST_FIRST. */
  list(name: string, owner: number): Thread[] {
    if (owner < 0) {
      let l = this.globalLists.get(name);
      if (!l) this.globalLists.set(name, (l = []));
      return l;
    }
    let per = this.cpuLists.get(name);
    if (!per) this.cpuLists.set(name, (per = Array.from({ length: this.cpus }, () => [])));
    return per[owner]!;
  }

  /** Records that `cpu` changed the global list `name`; true when another CPU changed it last. */
  touchGlobal(name: string, cpu: number): boolean {
    const last = this.lastToucher.get(name) ?? -1;
    this.lastToucher.set(name, cpu);
    return last >= 0 && last !== cpu;
  }

  /**
   * The sleep-queue key of channel `name` for `th` on `cpu`: global channels by name, per-CPU
   * ones by name and CPU, the parent's wait channel by the sleeping thread (or the subject's
   * spawner when waking; -1 when it has none).
   */
  chanKey(name: string, th: Thread, cpu: number, sleeping: boolean): number {
    switch (this.scope(name)) {
      case 'parent': {
        if (sleeping) return -1 - th.index;
        const spawner = (th.subject ?? th).spawner;
        return spawner ? -1 - spawner.index : Number.MIN_SAFE_INTEGER;
      }
      case 'cpu':
        return this.nameId(name) * 1024 + 1 + MachineObjects.ownerCpu(th, cpu);
      default:
        return this.nameId(name) * 1024;
    }
  }
}
