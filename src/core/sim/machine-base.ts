/**
 * What every part of the discrete-event machine shares (machine.ts is the step interpreter and
 * the event loop on top of machine-scheduler.ts and machine-locks.ts): the clock, the CPUs,
 * the event queue and the output, the machine's objects (locks, dead lists, sleepers), and the
 * costs (a step's work, a cache-line transfer when a lock or a list moves between CPUs).
 */
import { EventKind } from '../events/event-kind';
import { EventTableBuilder } from '../events/event-table-builder';
import { COST_NAMES, type CostName, type Costs } from './costs';
import { isFixed, sampleCost } from './cost-sampler';
import { EventQueue } from './event-queue';
import { Cpu, SpinLock, Thread } from './machine-state';
import { MachineObjects } from './machine-objects';
import { StepProfile, type ProfiledProgram } from './step-profile';
import type { RandomStream } from './prng';
import type { Program, WorkStep } from './program';
import { InvariantLog } from './invariants';
import { pegProgram, preemptProgram, type Variant } from './variants';
import type { Workload } from './workload';
import { MAX_CPUS } from './limits';

/** Module-level binding: an imported function is read through a getter per call under tsx. */
const sampleFn = sampleCost;

/** Queue entry types (low 3 bits of the payload). */
export const EV_CPU = 0;
export const EV_WAKE = 1;
export const EV_PREEMPT = 2;
export const EV_ARRIVAL = 3;
export const GEN_MASK = 0xfffff;

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

export abstract class MachineBase {
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
  protected readonly queue = new EventQueue(1024);
  protected readonly objects: MachineObjects;
  protected readonly locks: { kernel_lock: SpinLock; sched_lock: SpinLock };
  protected readonly sleepers = new Map<number, Thread[]>();
  protected readonly preempt: Program = preemptProgram();
  protected readonly migrate: Program = pegProgram();
  protected readonly costIndex = new Map<CostName, number>();
  /** Fixed cost values by index in COST_NAMES (-1: random, drawn each time). */
  protected readonly fixedCost: Float64Array;
  /** The same by name, for the machine's own costs. */
  protected readonly fixed = {} as Record<CostName, number>;
  protected haltedCount = 0;
  protected stealableTotal = 0;
  /** The CPU whose steps are executing, null while handling an external event. */
  protected cur: Cpu | null = null;

  constructor(
    protected readonly config: MachineConfig,
    protected readonly variant: Variant,
    protected readonly workload: Workload,
    protected readonly streams: MachineStreams,
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
  }

  /** Executes the current thread of `cpu` until a step takes time or blocks (the step interpreter, machine.ts). */
  protected abstract runCpu(cpu: Cpu): void;

  /** Which program of the variant `th` runs (for the step profile): the idle loop, the reaper, else the exit path. */
  protected programKind(th: Thread): ProfiledProgram {
    return th.program === this.variant.idle ? 'idle' : th.program === this.variant.reaper ? 'reaper' : 'exit';
  }

  // ---- costs ------------------------------------------------------------------------------

  protected cost(name: CostName): number {
    const f = this.fixed[name];
    return f >= 0 ? f : sampleFn(this.config.costs[name], this.streams.machine);
  }

  protected workCost(step: WorkStep, th: Thread): number {
    const i = step.costIndex;
    const owner = step.ofSubject ? th.subject : th;
    if (owner && owner.drawn) {
      const k = owner.drawSlots![i]!;
      if (k >= 0) return owner.drawn[k]!;
    }
    const f = this.fixedCost[i]!;
    return f >= 0 ? f : sampleFn(this.config.costs[step.cost], this.streams.machine);
  }

  protected transfer(from: number, to: Cpu): number {
    if (from < 0 || from === to.id) return 0;
    return this.cpus[from]!.socket === to.socket ? this.cost('cacheLineSocket') : this.cost('cacheLineCross');
  }

  // ---- the clock ------------------------------------------------------------------------

  /**
   * When this CPU's continuation at `time` would be the next entry popped anyway (strictly
   * earlier than everything queued, and within the run), advances the clock to it and returns
   * true: the caller goes on at once, as if it had been queued and popped. The order of events
   * is exactly the same; only the queue round trip is saved.
   */
  protected runAhead(time: number): boolean {
    if (time >= this.queue.peekTime() || time > this.config.durationNs) return false;
    this.now = time;
    return true;
  }

  protected at(cpu: Cpu, time: number): void {
    this.queue.push(time, 1, ((cpu.gen & GEN_MASK) << 11) | (cpu.id << 3) | EV_CPU);
  }

  // ---- output -----------------------------------------------------------------------------

  protected emit(cpu: Cpu, kind: EventKind, th: Thread, arg0: number, arg1: number): void {
    this.out.push(this.now, cpu.id, kind, th.tid, th.process.pid, th.comm, arg0, arg1);
  }
}
