/** Options `simulate` and `compare` share: workload, duration, costs (file and flags), threads. */
import { readFile } from 'node:fs/promises';
import { InputError, UsageError } from './command';
import { applyCostOverrides, defaultCosts, isCostName, type Costs } from '../core/sim/costs';
import { isWorkloadName, type WorkloadName } from '../core/sim/workload';

export interface SharedSimOptions {
  workload: WorkloadName;
  durationNs: number;
  costsFile?: string;
  /** `--cost NAME=NS` pairs, in order. */
  costFlags: string[];
  jobs?: number;
  exitRatePerSec?: number;
  reapCostNs?: number;
  threads?: number;
}

export const SHARED_USAGE = `  --workload W        kernel-build (default), fork-storm, thread-churn, poisson
  --duration-ms D     simulated time per run (default DEFAULT_DURATION)
  --exit-rate PER_S   poisson: exits per second over the machine
  --reap-cost-us MEAN mean reap cost (uvm_exit), µs; poisson: exponential
  --jobs N            concurrent jobs of the workload (make -jN, …)
  --costs FILE        JSON { "name": ns | { "dist", "meanNs", "sigma" } }
  --cost NAME=NS      one cost, repeatable (names: README, "The simulator")
  --threads N         worker threads (default: the CPUs of this machine)
`;

/** Reads a positive number; `integer` insists on a whole one. */
export function numberOption(value: string, name: string, integer = false): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} wants a positive ${integer ? 'whole ' : ''}number, not ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Consumes one shared option at args[i] (returns the index of its last word), or returns -1
 * when args[i] is not one.
 */
export function parseSharedOption(args: string[], i: number, o: SharedSimOptions): number {
  const a = args[i]!;
  const value = (): string => {
    const v = args[i + 1];
    if (v === undefined) throw new UsageError(`${a} needs a value`);
    return v;
  };
  switch (a) {
    case '--workload': {
      const w = value();
      if (!isWorkloadName(w)) throw new UsageError(`--workload takes kernel-build, fork-storm, thread-churn or poisson, not '${w}'`);
      o.workload = w;
      return i + 1;
    }
    case '--duration-ms': o.durationNs = Math.round(numberOption(value(), 'duration-ms') * 1e6); return i + 1;
    case '--exit-rate': o.exitRatePerSec = numberOption(value(), 'exit-rate'); return i + 1;
    case '--reap-cost-us': o.reapCostNs = Math.round(numberOption(value(), 'reap-cost-us') * 1e3); return i + 1;
    case '--jobs': o.jobs = numberOption(value(), 'jobs', true); return i + 1;
    case '--costs': o.costsFile = value(); return i + 1;
    case '--cost': o.costFlags.push(value()); return i + 1;
    case '--threads': o.threads = numberOption(value(), 'threads', true); return i + 1;
    default: return -1;
  }
}

/** Default costs, then the file, then the flags. A bad file is bad input; a bad flag, usage. */
export async function resolveCosts(o: SharedSimOptions): Promise<Costs> {
  let costs = defaultCosts();
  if (o.costsFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(o.costsFile, 'utf8'));
    } catch (error) {
      throw new InputError(`${o.costsFile}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`}`);
    }
    const r = applyCostOverrides(costs, parsed);
    if (r.errors.length > 0) throw new InputError(`${o.costsFile}: ${r.errors.join('; ')}`);
    costs = r.costs;
  }
  for (const flag of o.costFlags) {
    const m = /^([A-Za-z0-9]+)=(\d+(?:\.\d+)?)$/.exec(flag);
    if (!m || !isCostName(m[1]!)) throw new UsageError(`--cost wants NAME=NS with a known cost name, not '${flag}'`);
    costs = { ...costs, [m[1]!]: { ...costs[m[1]!], meanNs: Number(m[2]) } };
  }
  return costs;
}

/**
 * Walks `args`: shared options go to `o`; every other word to `other(word, value)`, where
 * value() takes the next word (a usage error when there is none).
 */
export function parseSimArgs(args: string[], o: SharedSimOptions, other: (word: string, value: () => string) => void): void {
  for (let i = 0; i < args.length; i++) {
    const shared = parseSharedOption(args, i, o);
    if (shared >= 0) {
      i = shared;
      continue;
    }
    const word = args[i]!;
    other(word, () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${word} needs a value`);
      return v;
    });
  }
}
