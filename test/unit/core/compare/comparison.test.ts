import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonJobs, comparisonView, summarizeComparison, type ComparisonPlan } from '../../../../src/core/compare/comparison';
import { METRICS } from '../../../../src/core/analysis/metric-catalog';
import { defaultCosts } from '../../../../src/core/sim/costs';
import { runJob, type SimJobResult } from '../../../../src/core/sim/sim-job';
import { variant } from '../../../../src/core/sim/variants';

/** Two variants on 2 and 4 CPUs, 3 seeds each, 5 ms of a fork storm: 12 runs, charts of 4 CPUs. */
const plan: ComparisonPlan = {
  variants: ['baseline', 'patched'], cpus: [2, 4], seeds: [1, 2, 3], workload: 'fork-storm', durationNs: 5e6,
  costs: defaultCosts(), viewCpus: 4, bins: 10,
};

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

test('one job per CPU count, variant and seed, in that order; the charts come from the first seed at the view\'s CPU count', () => {
  const jobs = comparisonJobs(plan);
  assert.equal(jobs.length, 2 * 2 * 3);
  assert.deepEqual(jobs.map((j) => j.id), jobs.map((_, i) => i));
  const runs = jobs.flatMap((j) => (j.kind === 'run' ? [j] : []));
  assert.deepEqual(runs.slice(0, 6).map((j) => [j.input.cpus, j.input.variant, j.input.seed]), [
    [2, 'baseline', 1], [2, 'baseline', 2], [2, 'baseline', 3], [2, 'patched', 1], [2, 'patched', 2], [2, 'patched', 3]]);
  // Common random numbers: every variant gets the same seeds.
  assert.deepEqual(runs.filter((j) => j.input.variant === 'patched').map((j) => j.input.seed), [1, 2, 3, 1, 2, 3]);
  assert.deepEqual(runs.filter((j) => j.view).map((j) => [j.input.cpus, j.input.seed, j.view!.label, j.view!.bins]), [[4, 1, 'baseline', 10], [4, 1, 'patched', 10]]);
  // The views share one set of edges, so runs binned apart can be drawn together.
  const [a, b] = runs.filter((j) => j.view).map((j) => j.view!.edgesNs!);
  assert.equal(a, b);
  // A program given for a variant goes to that variant's runs only.
  const withModel = comparisonJobs({ ...plan, models: { patched: variant('lockless') } });
  assert.equal(withModel.filter((j) => j.kind === 'run' && j.input.model).length, 6);
  assert.ok(withModel.every((j) => j.kind !== 'run' || j.input.variant === 'patched' || !j.input.model));
});

// The runs, simulated once for the tests below (12 runs of 5 ms).
const jobs = comparisonJobs(plan);
const results: SimJobResult[] = jobs.map(runJob);

test('per CPU count and variant: the mean over the seeds, and the paired difference from baseline', () => {
  const c = summarizeComparison(plan, null, jobs, results);
  assert.deepEqual(c.points.map((p) => [p.cpus, p.variants.map((v) => [v.variant, v.metrics.length])]), [
    [2, [['baseline', 3], ['patched', 3]]], [4, [['baseline', 3], ['patched', 3]]]]);
  for (const point of c.points) {
    const [base, patched] = point.variants;
    assert.equal(base!.difference, undefined);
    for (const d of METRICS) {
      assert.equal(base!.mean[d.key], mean(base!.metrics.map(d.get)), d.key);
      // The mean of the paired differences is the difference of the means.
      const diff = patched!.difference![d.key]!;
      assert.ok(Math.abs(diff.mean - (patched!.mean[d.key]! - base!.mean[d.key]!)) < 1e-6 * (1 + Math.abs(diff.mean)), d.key);
      assert.equal(diff.n, 3);
      assert.ok(diff.low <= diff.mean && diff.mean <= diff.high, d.key);
    }
    // DESIGN.md: the patch removes the idle hop and deadproc_mutex.
    assert.ok(base!.mean.idleHops! > 0);
    assert.equal(patched!.mean.idleHops, 0);
    assert.equal(patched!.mean['lockWaitNs.deadproc_mutex'], 0);
  }
  const runResults = results.flatMap((r) => (r.kind === 'run' ? [r] : []));
  assert.equal(c.events, runResults.reduce((s, r) => s + r.events, 0));
  assert.deepEqual([c.invariants.ok, c.invariants.runs, c.invariants.violations], [true, 12, []]);
  assert.deepEqual(c.views.map((v) => v.label), ['baseline', 'patched']);
});

test('a broken invariant is reported with the variant and CPU count it happened in', () => {
  const broken = results.map((r) => (r.kind === 'run' && r.id === 4 ? { ...r, invariants: { ...r.invariants, ok: false, violations: ['reap of a thread still on its stack'] } } : r));
  // Job 4: 2 CPUs, patched, seed 2 (the order of the first test).
  const c = summarizeComparison(plan, null, jobs, broken);
  assert.deepEqual([c.invariants.ok, c.invariants.violations], [false, ['patched, 2 CPUs: reap of a thread still on its stack']]);
});

test('the view: the view CPU count\'s means, baseline without a difference, runs in plan order', () => {
  const c = summarizeComparison(plan, null, jobs, results);
  // Views as workers may finish: patched first.
  const view = comparisonView({ ...c, views: [...c.views].reverse() }, 'kern_sched.c', ['a note']);
  assert.deepEqual([view.title, view.source, view.notes], ['kern_sched.c', 'comparison', ['a note']]);
  assert.deepEqual(view.runs.map((r) => r.label), ['baseline', 'patched']);
  const at4 = c.points.find((p) => p.cpus === 4)!;
  const hops = view.metrics.find((m) => m.key === 'idleHops')!;
  assert.deepEqual(hops.values, at4.variants.map((v) => v.mean.idleHops));
  assert.equal(hops.difference![0], null);
  assert.equal(hops.difference![1]!.mean, at4.variants[1]!.difference!.idleHops!.mean);
  assert.deepEqual(view.metrics.map((m) => m.key), METRICS.map((d) => d.key));
  // A view CPU count that was not simulated falls back to the last one.
  const other = comparisonView({ ...c, plan: { ...plan, viewCpus: 16 } }, 't', []);
  assert.deepEqual(other.metrics.find((m) => m.key === 'idleHops')!.values, hops.values);
  assert.ok(view.costs && view.costs.length > 0, 'the costs the model ran with are listed');
});
