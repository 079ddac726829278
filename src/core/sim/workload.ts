/**
 * Workloads: who forks, runs and exits. Each is a set of spawner threads that loop forever
 * (fork a child, wait for it) and/or an external Poisson stream of exiting threads. Children
 * end with the variant's exit path. User-mode run times are named costs (COST_NAMES).
 */
import { COST_NAMES, defaultCosts, type CostName, type Costs } from './costs';
import { Op, PRIO, wakeupDrafts, type Draft } from './program';

/** The workloads the simulator generates, the default first. */
export const WORKLOAD_NAMES = ['kernel-build', 'fork-storm', 'thread-churn', 'poisson'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export function isWorkloadName(s: string): s is WorkloadName {
  return (WORKLOAD_NAMES as readonly string[]).includes(s);
}

export interface ThreadTemplate {
  comm: string;
  /** The thread's own steps; a thread that `exits` continues with the variant's exit path. */
  body: Draft[];
  exits: boolean;
  user: boolean;
  prio: number;
  /** P_THREAD: shares its spawner's process. */
  isThread: boolean;
  /** What its Fork steps create. */
  child: ThreadTemplate | null;
  /** Costs drawn for each such thread when it is created (common random numbers across variants). */
  draws: CostName[];
}

export interface Workload {
  name: WorkloadName;
  description: string;
  spawners: { template: ThreadTemplate; count: number }[];
  /** External exits at `ratePerSec` spread uniformly over the CPUs (poisson). */
  arrivals: { ratePerSec: number; template: ThreadTemplate } | null;
  /**
   * Validation device: the arriving threads preempt anything (kernel threads included) at once,
   * so exits form a Poisson stream independent of the reaper. No real kernel does this.
   */
  preemptKernel: boolean;
}

export interface WorkloadOptions {
  cpus: number;
  /** Concurrent jobs (make -jN, fork-storm parents, thread-churn creators); default per workload. */
  jobs?: number;
  /** poisson: exits per second over the whole machine. */
  exitRatePerSec?: number;
}

/** Costs of the exit path that belong to the exiting thread (drawn per thread). */
const EXIT_COSTS: CostName[] = ['exit1', 'tuagg', 'uareaFree', 'uvmExit', 'procFree', 'zombie'];

/** A spawner's loop: fork a child under the kernel lock, wait until it is collected, repeat. */
function spawnerBody(think: CostName, collect: CostName | null): Draft[] {
  const got: Draft[] = collect ? [{ op: Op.Work, cost: collect, label: 'got' }] : [];
  return [
    { op: Op.Work, cost: think, user: true, label: 'loop' },
    { op: Op.Lock, lock: 'kernel_lock' },
    { op: Op.Work, cost: 'fork' },
    { op: Op.Fork },
    { op: Op.Unlock, lock: 'kernel_lock' },
    { op: Op.JumpIfChildDone, to_label: 'got', label: 'wait' },
    { op: Op.Lock, lock: 'sched_lock' },
    { op: Op.Sleep, chan: 'wait', prio: PRIO.PWAIT },
    { op: Op.Jump, to_label: 'wait' },
    ...got,
    { op: Op.Jump, to_label: 'loop', ...(collect ? {} : { label: 'got' }) },
  ];
}

function childOf(comm: string, run: CostName, isThread: boolean): ThreadTemplate {
  const notify: Draft[] = isThread
    ? [{ op: Op.NotifySpawner }, ...wakeupDrafts('wait', false)]
    : [];
  return {
    comm, exits: true, user: true, prio: PRIO.PUSER, isThread, child: null,
    body: [{ op: Op.Work, cost: run, user: true }, ...notify],
    draws: [run, ...EXIT_COSTS],
  };
}

function spawner(comm: string, child: ThreadTemplate, isThread: boolean, collect: CostName | null): ThreadTemplate {
  return {
    comm, exits: false, user: true, prio: PRIO.PUSER, isThread, child,
    body: spawnerBody('makeThink', collect), draws: [],
  };
}

export function makeWorkload(name: WorkloadName, options: WorkloadOptions): Workload {
  const cpus = options.cpus;
  switch (name) {
    case 'kernel-build': {
      const jobs = options.jobs ?? cpus;
      return {
        name, preemptKernel: false, arrivals: null,
        description: `make -j${jobs}: ${jobs} make processes each forking short-lived cc processes (log-normal run time) and waiting for them`,
        spawners: [{ template: spawner('make', childOf('cc', 'ccRun', false), false, 'wait4'), count: jobs }],
      };
    }
    case 'fork-storm': {
      const jobs = options.jobs ?? 2 * cpus;
      return {
        name, preemptKernel: false, arrivals: null,
        description: `${jobs} sh processes each forking children that run briefly (exponential) and exit`,
        spawners: [{ template: spawner('sh', childOf('true', 'childRun', false), false, 'wait4'), count: jobs }],
      };
    }
    case 'thread-churn': {
      const jobs = options.jobs ?? cpus;
      return {
        name, preemptKernel: false, arrivals: null,
        description: `one process, ${jobs} threads each creating a thread that runs briefly and exits (proc_free path)`,
        spawners: [{ template: spawner('churn', childOf('churn', 'threadRun', true), true, null), count: jobs }],
      };
    }
    case 'poisson': {
      const rate = options.exitRatePerSec ?? 10_000;
      return {
        name, preemptKernel: true, spawners: [],
        description: `exits at ${rate}/s spread uniformly over the CPUs, reap cost as given, every other cost zero (validation)`,
        arrivals: {
          ratePerSec: rate,
          template: { comm: 'exiter', body: [], exits: true, user: true, prio: 0, isThread: false, child: null, draws: EXIT_COSTS },
        },
      };
    }
  }
}

/**
 * The costs a workload runs with: poisson zeroes every cost except the reap cost (`uvmExit`,
 * exponential with mean `reapCostNs` unless the caller gave another distribution).
 */
export function workloadCosts(name: WorkloadName, costs: Costs, reapCostNs?: number): Costs {
  if (name !== 'poisson') {
    if (reapCostNs === undefined) return costs;
    return { ...costs, uvmExit: { ...costs.uvmExit, meanNs: reapCostNs } };
  }
  const zero = defaultCosts();
  for (const n of COST_NAMES) zero[n] = { dist: 'fixed', meanNs: 0 };
  zero.uvmExit = reapCostNs !== undefined ? { dist: 'exponential', meanNs: reapCostNs } : costs.uvmExit;
  return zero;
}
