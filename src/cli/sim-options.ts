/** Options `simulate` and `compare` share: workload, duration, costs (file and flags), threads. */
import { readFile } from 'node:fs/promises';
import { InputError, UsageError } from './command';
import { systemReason } from './file-error';
import { applyCostOverrides, defaultCosts, isCostName, type Costs } from '../core/sim/costs';
import { isWorkloadName, WORKLOAD_NAMES, type WorkloadName } from '../core/sim/workload';
import { alternatives } from '../core/common/word-list';

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

export const SHARED_USAGE = `  --workload W        ${WORKLOAD_NAMES[0]} (default), ${WORKLOAD_NAMES.slice(1).join(', ')}
  --duration-ms D     simulated time per run (default DEFAULT_DURATION)
  --exit-rate PER_S   poisson: exits per second over the machine
  --reap-cost-us MEAN mean reap cost (uvm_exit), µs; poisson: exponential
  --jobs N            concurrent jobs of the workload (make -jN, …)
  --costs FILE        JSON { "name": ns | { "dist", "meanNs", "sigma" } }
  --cost NAME=NS      one cost, repeatable (names: docs/simulator.md)
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

/** The parseArgs options (src/cli/parse-command-args.ts) that `simulate` and `compare` share. */
export const SHARED_SIM_ARGS = {
  workload: { type: 'string' },
  'duration-ms': { type: 'string' },
  'exit-rate': { type: 'string' },
  'reap-cost-us': { type: 'string' },
  jobs: { type: 'string' },
  costs: { type: 'string' },
  cost: { type: 'string', multiple: true },
  threads: { type: 'string' },
} as const;

/** What parseArgs gives for {@link SHARED_SIM_ARGS}. */
export interface SharedSimArgValues {
  workload?: string;
  'duration-ms'?: string;
  'exit-rate'?: string;
  'reap-cost-us'?: string;
  jobs?: string;
  costs?: string;
  cost?: string[];
  threads?: string;
}

/** The shared options from parsed values, checked; `defaultDurationMs` when --duration-ms is absent. */
export function sharedSimOptions(v: SharedSimArgValues, defaultDurationMs: number): SharedSimOptions {
  const o: SharedSimOptions = { workload: 'kernel-build', durationNs: defaultDurationMs * 1e6, costFlags: v.cost ?? [] };
  if (v.workload !== undefined) {
    if (!isWorkloadName(v.workload)) throw new UsageError(`--workload takes ${alternatives(WORKLOAD_NAMES)}, not '${v.workload}'`);
    o.workload = v.workload;
  }
  if (v['duration-ms'] !== undefined) o.durationNs = Math.round(numberOption(v['duration-ms'], 'duration-ms') * 1e6);
  if (v['exit-rate'] !== undefined) o.exitRatePerSec = numberOption(v['exit-rate'], 'exit-rate');
  if (v['reap-cost-us'] !== undefined) o.reapCostNs = Math.round(numberOption(v['reap-cost-us'], 'reap-cost-us') * 1e3);
  if (v.jobs !== undefined) o.jobs = numberOption(v.jobs, 'jobs', true);
  if (v.costs !== undefined) o.costsFile = v.costs;
  if (v.threads !== undefined) o.threads = numberOption(v.threads, 'threads', true);
  return o;
}

/** Default costs, then the file, then the flags. A bad file is bad input; a bad flag, usage. */
export async function resolveCosts(o: SharedSimOptions): Promise<Costs> {
  let costs = defaultCosts();
  if (o.costsFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(o.costsFile, 'utf8'));
    } catch (error) {
      throw new InputError(`${o.costsFile}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : `cannot read the file (${systemReason(error)})`}`);
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
