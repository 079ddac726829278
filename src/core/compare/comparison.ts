/**
 * Comparing variants: every variant runs on the same workload and seeds (common
 * random numbers), over a sweep of CPU counts; for each CPU count and metric, the mean over
 * seeds and the mean paired difference (variant − baseline) with a 95 % confidence interval.
 */
import type { ActivityView, MetricRow, RunView } from '../analysis/activity-view-model';
import { fixedLogEdges } from '../analysis/activity-view';
import { pairedDifference, type Difference } from '../analysis/confidence';
import { METRICS } from '../analysis/metric-catalog';
import type { RunMetrics } from '../analysis/run-metrics';
import type { Costs } from '../sim/costs';
import { modelCosts } from '../sim/model-costs';
import type { SimJob, SimJobResult } from '../sim/sim-job';
import type { SimulationInput } from '../sim/simulate';
import type { Detection } from '../sim/variant-detection';
import type { Variant, VariantName } from '../sim/variants';
import { workloadCosts, type WorkloadName } from '../sim/workload';

export interface ComparisonPlan {
  /** baseline first. */
  variants: VariantName[];
  cpus: number[];
  seeds: number[];
  workload: WorkloadName;
  durationNs: number;
  costs: Costs;
  jobs?: number;
  exitRatePerSec?: number;
  reapCostNs?: number;
  /** CPU count whose first-seed runs feed the charts. */
  viewCpus: number;
  bins: number;
  /** Programs to run instead of the built-in ones, by variant (models derived from C, or model files). */
  models?: Partial<Record<VariantName, Variant>>;
}

export interface VariantAtCpus {
  variant: VariantName;
  /** Per seed, in plan order. */
  metrics: RunMetrics[];
  /** Mean over seeds per metric key. */
  mean: Record<string, number>;
  /** Against baseline (absent for baseline itself). */
  difference?: Record<string, Difference>;
}

export interface ComparisonPoint {
  cpus: number;
  variants: VariantAtCpus[];
}

export interface Comparison {
  plan: ComparisonPlan;
  detection: Detection | null;
  points: ComparisonPoint[];
  invariants: { ok: boolean; violations: string[]; runs: number; globalListCrossCpuTouches: number };
  events: number;
  views: RunView[];
}

/**
 * Histogram edges all runs of a comparison share (they are binned in separate workers, before
 * their range is known): 100 ns to 10 s in 560 log-spaced bins, each 3.3 % wider than the last,
 * so latencies a few µs apart (the idle hop) fall in different bins.
 */
const VIEW_EDGES_NS = fixedLogEdges(100, 1e10, 560);

export function comparisonJobs(plan: ComparisonPlan): SimJob[] {
  const jobs: SimJob[] = [];
  let id = 0;
  for (const cpus of plan.cpus) {
    for (const variant of plan.variants) {
      plan.seeds.forEach((seed, k) => {
        const input: SimulationInput = {
          variant, cpus, workload: plan.workload, seed, durationNs: plan.durationNs, costs: plan.costs,
          jobs: plan.jobs, exitRatePerSec: plan.exitRatePerSec, reapCostNs: plan.reapCostNs,
          ...(plan.models?.[variant] ? { model: plan.models[variant] } : {}),
        };
        const view = cpus === plan.viewCpus && k === 0 ? { bins: plan.bins, label: variant, edgesNs: VIEW_EDGES_NS } : undefined;
        jobs.push({ id: id++, kind: 'run', input, ...(view ? { view } : {}) });
      });
    }
  }
  return jobs;
}

export function summarizeComparison(plan: ComparisonPlan, detection: Detection | null, jobs: SimJob[], results: SimJobResult[]): Comparison {
  const byId = new Map(results.map((r) => [r.id, r]));
  const points: ComparisonPoint[] = [];
  const violations: string[] = [];
  let ok = true;
  let events = 0;
  let crossTouches = 0;
  const views: RunView[] = [];
  for (const cpus of plan.cpus) {
    const variants: VariantAtCpus[] = plan.variants.map((variant) => {
      const runs = jobs.filter((j) => j.kind === 'run' && j.input.cpus === cpus && j.input.variant === variant)
        .map((j) => byId.get(j.id)).filter((r): r is Extract<SimJobResult, { kind: 'run' }> => r?.kind === 'run');
      for (const r of runs) {
        events += r.events;
        crossTouches += r.invariants.globalListCrossCpuTouches;
        if (!r.invariants.ok) {
          ok = false;
          violations.push(...r.invariants.violations.map((v) => `${variant}, ${cpus} CPUs: ${v}`));
        }
        if (r.view) views.push(r.view);
      }
      const metrics = runs.map((r) => r.metrics);
      const mean: Record<string, number> = {};
      for (const d of METRICS) mean[d.key] = metrics.reduce((s, m) => s + d.get(m), 0) / Math.max(1, metrics.length);
      return { variant, metrics, mean };
    });
    const base = variants[0]!;
    for (const v of variants.slice(1)) {
      v.difference = {};
      for (const d of METRICS) v.difference[d.key] = pairedDifference(base.metrics.map(d.get), v.metrics.map(d.get));
    }
    points.push({ cpus, variants });
  }
  return { plan, detection, points, invariants: { ok, violations: violations.slice(0, 50), runs: jobs.length, globalListCrossCpuTouches: crossTouches }, events, views };
}

/** The ActivityView of the comparison: charts of the view CPU count, metrics as means over seeds with differences. */
export function comparisonView(c: Comparison, title: string, notes: string[]): ActivityView {
  const point = c.points.find((p) => p.cpus === c.plan.viewCpus) ?? c.points[c.points.length - 1]!;
  const metrics: MetricRow[] = METRICS.map((d) => ({
    key: d.key, label: d.label, unit: d.unit,
    values: point.variants.map((v) => v.mean[d.key] ?? null),
    difference: point.variants.map((v) => {
      const diff = v.difference?.[d.key];
      return diff ? { mean: diff.mean, low: diff.low, high: diff.high } : null;
    }),
  }));
  const order = new Map(c.plan.variants.map((v, i) => [v as string, i]));
  const runs = [...c.views].sort((a, b) => (order.get(a.label) ?? 0) - (order.get(b.label) ?? 0));
  const costs = modelCosts(workloadCosts(c.plan.workload, c.plan.costs, c.plan.reapCostNs));
  return { title, source: 'comparison', runs, metrics, notes, costs };
}
