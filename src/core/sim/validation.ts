/**
 * Validation against queueing theory. With the `poisson` workload every cost is zero
 * except the reap cost, exponential with rate μ, and exits arrive as a Poisson stream of rate λ:
 * - baseline has one reaper for the machine: an M/M/1 queue, mean exit→reap = 1/(μ − λ);
 * - patched and lockless have one reaper per CPU and each CPU gets λ/N of the exits:
 *   N independent M/M/1 queues, mean exit→reap = 1/(μ − λ/N).
 * ρ is the load of one reaper (λ/μ, or λ/(Nμ)). Each point pools independent replications; the
 * confidence interval is over the replications' means (Student t).
 */
import { exitToReap } from '../analysis/exit-to-reap';
import { meanWithCi } from '../analysis/confidence';
import { simulate, type SimulationInput } from './simulate';
import { VARIANT_NAMES, type VariantName } from './variants';
import { formatUs as us } from '../common/format-ns';

export interface ValidationOptions {
  /** CPUs for the per-CPU variants (baseline's queue does not depend on it); default 4. */
  cpus?: number;
  rhos?: number[];
  /** Mean reap cost 1/μ, ns; default 50 µs (DESIGN.md uvm_exit of a small process). */
  reapCostNs?: number;
  variants?: VariantName[];
  /** Reaps to simulate per point, by ρ (high loads need far longer runs for the same precision). */
  reapsFor?: (rho: number) => number;
  /** Reaps per replication (bounds the memory of one run). */
  replicationReaps?: number;
  seed?: number;
  /** Allowed relative error, default 0.03. */
  tolerance?: number;
}

export interface ValidationPoint {
  variant: VariantName;
  cpus: number;
  rho: number;
  exitRatePerSec: number;
  reapCostNs: number;
  theoryNs: number;
  runs: SimulationInput[];
}

export interface ReplicationResult {
  /** Sum of the exit→reap latencies measured after the warm-up, ns. */
  sumNs: number;
  count: number;
}

export interface ValidationRow extends Omit<ValidationPoint, 'runs'> {
  meanNs: number;
  ciLowNs: number;
  ciHighNs: number;
  errorPct: number;
  reaps: number;
  replications: number;
  ok: boolean;
}

/**
 * Default run lengths (measured reaps): about 1 % standard error at ρ ≤ 0.6 and 1.5–2 % at 0.9,
 * where the M/M/1 queue's long busy periods make samples strongly correlated.
 */
export const defaultReapsFor = (rho: number): number => (rho <= 0.3 ? 100_000 : rho <= 0.6 ? 250_000 : 1_000_000);

/**
 * Exits measured: those in [2 %, 90 %] of each run. The start is warm-up (the machine starts
 * empty); the end is left to drain, so that the slowest exits (the dead lists are LIFO) are
 * reaped before the run stops instead of being censored.
 */
const MEASURE_FROM = 0.02;
const MEASURE_UNTIL = 0.9;

export function validationPlan(options: ValidationOptions = {}): ValidationPoint[] {
  const cpus = options.cpus ?? 4;
  const reapCostNs = options.reapCostNs ?? 50_000;
  const mu = 1e9 / reapCostNs;
  const perRun = options.replicationReaps ?? 125_000;
  const reapsFor = options.reapsFor ?? defaultReapsFor;
  const points: ValidationPoint[] = [];
  let seed = options.seed ?? 1;
  for (const variant of options.variants ?? VARIANT_NAMES) {
    /** Reapers sharing the exits: one for baseline, one per CPU otherwise. */
    const n = variant === 'baseline' ? 1 : cpus;
    for (const rho of options.rhos ?? [0.3, 0.6, 0.9]) {
      const lambda = rho * mu * n;
      const total = reapsFor(rho);
      const reps = Math.max(4, Math.ceil(total / perRun));
      const durationNs = Math.round(((total / reps) / lambda / (MEASURE_UNTIL - MEASURE_FROM)) * 1e9);
      const runs: SimulationInput[] = [];
      for (let r = 0; r < reps; r++) {
        runs.push({ variant, cpus, workload: 'poisson', seed: seed++, durationNs, exitRatePerSec: lambda, reapCostNs });
      }
      points.push({ variant, cpus, rho, exitRatePerSec: lambda, reapCostNs, theoryNs: 1e9 / (mu - lambda / n), runs });
    }
  }
  return points;
}

/** Runs one replication and measures it (after the warm-up). */
export function runReplication(input: SimulationInput): ReplicationResult {
  const { table } = simulate(input);
  const from = input.durationNs * MEASURE_FROM;
  const until = input.durationNs * MEASURE_UNTIL;
  const { latenciesNs, startsNs } = exitToReap(table);
  let sumNs = 0;
  let count = 0;
  for (let i = 0; i < latenciesNs.length; i++) {
    const start = startsNs[i]!;
    if (start < from || start > until) continue;
    sumNs += latenciesNs[i]!;
    count++;
  }
  return { sumNs, count };
}

export function validationRow(point: ValidationPoint, results: ReplicationResult[], tolerance = 0.03): ValidationRow {
  const { runs: _runs, ...rest } = point;
  let sum = 0;
  let count = 0;
  for (const r of results) {
    sum += r.sumNs;
    count += r.count;
  }
  const meanNs = count > 0 ? sum / count : 0;
  const ci = meanWithCi(results.map((r) => (r.count > 0 ? r.sumNs / r.count : 0)));
  const errorPct = ((meanNs - point.theoryNs) / point.theoryNs) * 100;
  return {
    ...rest, meanNs, ciLowNs: ci.low, ciHighNs: ci.high, errorPct, reaps: count, replications: results.length,
    ok: Math.abs(errorPct) <= tolerance * 100,
  };
}

/** The whole validation, sequentially (the CLI spreads the runs over worker threads). */
export function validate(options: ValidationOptions = {}): ValidationRow[] {
  return validationPlan(options).map((p) => validationRow(p, p.runs.map(runReplication), options.tolerance));
}

/** The table `simulate --validate` prints (fits 72 columns). */
export function formatValidationTable(rows: ValidationRow[]): string {
  const lines = [
    'variant   cpus  rho  theory µs  sim µs  95% CI µs        error  ok',
    '--------  ----  ---  ---------  ------  ---------------  -----  --',
  ];
  for (const r of rows) {
    lines.push([
      r.variant.padEnd(8), String(r.cpus).padStart(4), r.rho.toFixed(1).padStart(3), us(r.theoryNs).padStart(9),
      us(r.meanNs).padStart(6), `${us(r.ciLowNs)}–${us(r.ciHighNs)}`.padEnd(15),
      `${r.errorPct >= 0 ? '+' : ''}${r.errorPct.toFixed(1)}%`.padStart(5), r.ok ? 'ok' : 'NO',
    ].join('  '));
  }
  return lines.join('\n') + '\n';
}
