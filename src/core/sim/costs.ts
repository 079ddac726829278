/**
 * Every cost of the model as a named parameter, with its default and where the default comes
 * from (DESIGN.md "Cost defaults"; values marked `assumption` are this model's own choices and
 * say so in the UI). All durations are ns. Override with a JSON file (`--costs FILE`) holding
 * `{ "name": ns }` or `{ "name": { "dist": "exponential", "meanNs": ns } }`, or with flags.
 */

export type CostDistribution = 'fixed' | 'exponential' | 'lognormal' | 'uniform';

export interface CostSpec {
  dist: CostDistribution;
  /** Mean of the distribution, ns. */
  meanNs: number;
  /** lognormal: standard deviation of the underlying normal. */
  sigma?: number;
  /** uniform: half the width of the interval around the mean, ns. */
  spreadNs?: number;
}

export interface CostInfo {
  name: CostName;
  spec: CostSpec;
  /** What the cost is, with its unit. */
  what: string;
  /** Where the default comes from. */
  source: string;
}

/** The defaults' own citation: docs/simulator.md, shipped with the extension and the CLI (its "Costs, defaults and sources" table). */
const DESIGN = 'docs/simulator.md cost defaults';
const SOSP13 = 'David et al., "Everything you always wanted to know about synchronization", SOSP 2013';
const ASSUMED = 'assumption';

const fixed = (meanNs: number): CostSpec => ({ dist: 'fixed', meanNs });

const TABLE = {
  contextSwitch: [fixed(2000), 'context switch, total (mi_switch + cpu_switchto + refill)', `${DESIGN}: 2 µs (1–5)`],
  switchLocked: [fixed(500), 'part of the context switch done holding sched_lock', ASSUMED],
  mutex: [fixed(30), 'uncontended spin mutex enter + leave', `${DESIGN}: 30 ns`],
  cacheLineSocket: [fixed(70), 'cache-line transfer within a socket (lock hand-off)', `${SOSP13}: 70 ns`],
  cacheLineCross: [fixed(200), 'cache-line transfer across sockets (lock hand-off)', `${SOSP13}: 200 ns`],
  wakeup: [fixed(1000), 'wakeup()/wakeup_one() under sched_lock', `${DESIGN}: 1 µs`],
  idleWake: [fixed(1500), 'IPI to an idle CPU until it runs the woken thread, without C-state exit', `${DESIGN}: 1–2 µs`],
  ipi: [fixed(1000), 'IPI to a busy CPU to preempt its thread', `${ASSUMED} (low end of the idle wake figure)`],
  cstateC1: [fixed(1000), 'C1 exit latency', `${DESIGN}: 1 µs`],
  cstateC2: [fixed(18000), 'C2 exit latency', `${DESIGN}: 18 µs`],
  cstateC3: [fixed(350000), 'C3 exit latency', `${DESIGN}: 350 µs`],
  c2After: [fixed(100_000), 'idle time after which a CPU sits in C2 instead of C1', ASSUMED],
  c3After: [fixed(10_000_000), 'idle time after which a CPU sits in C3', ASSUMED],
  exit1: [fixed(5000), 'exit1() teardown under the kernel lock', ASSUMED],
  tuagg: [fixed(100), "exit2(): time accounting under the process's ps_mtx", ASSUMED],
  uareaFree: [fixed(2000), 'uvm_uarea_free(): kernel stack free', `${DESIGN}: kernel stack + proc free 5 µs (split 2 + 3)`],
  procFree: [fixed(3000), 'proc_free(): thread structure free', `${DESIGN}: kernel stack + proc free 5 µs (split 2 + 3)`],
  uvmExit: [fixed(50_000), 'uvm_exit(): address space teardown of a process', `${DESIGN}: 50 µs small process`],
  zombie: [fixed(2000), 'zombie, knote and SIGCHLD work under the kernel lock', ASSUMED],
  unknownCall: [fixed(1000), 'a call a model derived from the C source does not know (each one is listed as an assumption)', ASSUMED],
  fork: [fixed(20_000), 'fork1() under the kernel lock', ASSUMED],
  wait4: [fixed(5000), 'wait4(): collecting a zombie child', ASSUMED],
  makeThink: [{ dist: 'exponential', meanNs: 50_000 }, 'spawners (make, sh, churn threads): user time between forks', ASSUMED],
  ccRun: [{ dist: 'lognormal', meanNs: 5_000_000, sigma: 1 }, 'kernel-build: compiler process run time (user time)', ASSUMED],
  childRun: [{ dist: 'exponential', meanNs: 20_000 }, 'fork-storm: child run time (user time)', ASSUMED],
  threadRun: [{ dist: 'exponential', meanNs: 50_000 }, 'thread-churn: thread run time (user time)', ASSUMED],
} as const satisfies Record<string, readonly [CostSpec, string, string]>;

export type CostName = keyof typeof TABLE;

export const COST_NAMES = Object.keys(TABLE) as CostName[];

/** One value per cost name. */
export type Costs = Record<CostName, CostSpec>;

export function defaultCosts(): Costs {
  const out = {} as Costs;
  for (const name of COST_NAMES) out[name] = { ...TABLE[name][0] };
  return out;
}

export function costInfo(name: CostName, costs: Costs = defaultCosts()): CostInfo {
  const [, what, source] = TABLE[name];
  return { name, spec: costs[name], what, source };
}

export function isCostName(name: string): name is CostName {
  return Object.prototype.hasOwnProperty.call(TABLE, name);
}

/**
 * Applies overrides from parsed JSON: `{ name: ns }` or `{ name: { dist, meanNs, sigma?, spreadNs? } }`.
 * Returns the new costs and one message per entry it could not use.
 */
export function applyCostOverrides(base: Costs, overrides: unknown): { costs: Costs; errors: string[] } {
  const costs = { ...base };
  const errors: string[] = [];
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return { costs, errors: ['costs must be a JSON object of name → ns or name → { dist, meanNs }'] };
  }
  for (const [name, value] of Object.entries(overrides as Record<string, unknown>)) {
    if (!isCostName(name)) {
      errors.push(`unknown cost '${name}' (known: ${COST_NAMES.join(', ')})`);
      continue;
    }
    const spec = toSpec(value);
    if (typeof spec === 'string') errors.push(`cost '${name}': ${spec}`);
    else costs[name] = spec;
  }
  return { costs, errors };
}

function toSpec(value: unknown): CostSpec | string {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? fixed(value) : 'must be a number of ns ≥ 0';
  if (typeof value !== 'object' || value === null) return 'must be a number of ns or { dist, meanNs }';
  const v = value as Record<string, unknown>;
  const dist = v['dist'] ?? 'fixed';
  if (dist !== 'fixed' && dist !== 'exponential' && dist !== 'lognormal' && dist !== 'uniform') return `unknown dist '${String(dist)}'`;
  const meanNs = v['meanNs'];
  if (typeof meanNs !== 'number' || !(meanNs >= 0)) return 'meanNs must be a number ≥ 0';
  const spec: CostSpec = { dist, meanNs };
  if (dist === 'lognormal') {
    const sigma = v['sigma'] ?? 1;
    if (typeof sigma !== 'number' || !(sigma >= 0)) return 'sigma must be a number ≥ 0';
    spec.sigma = sigma;
  }
  if (dist === 'uniform') {
    const spreadNs = v['spreadNs'] ?? meanNs;
    if (typeof spreadNs !== 'number' || !(spreadNs >= 0) || spreadNs > meanNs) return 'spreadNs must be a number in [0, meanNs]';
    spec.spreadNs = spreadNs;
  }
  return spec;
}
