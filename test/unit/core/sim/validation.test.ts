import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultReapsFor, formatValidationTable, runReplication, validationPlan, validationRow, type ValidationPoint,
} from '../../../../src/core/sim/validation';

test('the plan: rates, replications, run lengths and seeds of each point', () => {
  const plan = validationPlan({ cpus: 4, rhos: [0.5], reapCostNs: 50_000, variants: ['baseline', 'patched'], reapsFor: () => 1000, replicationReaps: 500, seed: 7 });
  assert.equal(plan.length, 2);
  const [base, per] = plan as [ValidationPoint, ValidationPoint];
  // μ = 1e9 / 50 000 ns = 20 000/s. baseline: λ = 0.5 · 20 000 = 10 000/s, theory 1/(20 000 − 10 000) s = 100 µs
  assert.equal(base.exitRatePerSec, 10_000);
  assert.equal(base.theoryNs, 100_000);
  // replications: max(4, ceil(1000 / 500) = 2) = 4; each measures 250 reaps over 88 % of the run:
  // 250 / 10 000/s / 0.88 = 28.409 090 9 ms → 28 409 091 ns
  assert.equal(base.runs.length, 4);
  assert.deepEqual(base.runs.map((r) => r.durationNs), [28_409_091, 28_409_091, 28_409_091, 28_409_091]);
  assert.deepEqual(base.runs.map((r) => r.seed), [7, 8, 9, 10]);
  assert.ok(base.runs.every((r) => r.workload === 'poisson' && r.variant === 'baseline' && r.cpus === 4 && r.reapCostNs === 50_000 && r.exitRatePerSec === 10_000));
  // patched: 4 reapers, λ = 0.5 · 20 000 · 4 = 40 000/s; theory 1/(20 000 − 40 000/4) = 100 µs;
  // 250 / 40 000/s / 0.88 = 7.102 272 7 ms → 7 102 273 ns; seeds continue at 11
  assert.equal(per.exitRatePerSec, 40_000);
  assert.equal(per.theoryNs, 100_000);
  assert.deepEqual(per.runs.map((r) => r.durationNs), [7_102_273, 7_102_273, 7_102_273, 7_102_273]);
  assert.deepEqual(per.runs.map((r) => r.seed), [11, 12, 13, 14]);
});

test('the default plan: every variant at ρ 0.3, 0.6, 0.9, with more replications at high load', () => {
  const plan = validationPlan();
  assert.deepEqual(plan.map((p) => `${p.variant}@${p.rho}`), [
    'baseline@0.3', 'baseline@0.6', 'baseline@0.9', 'patched@0.3', 'patched@0.6', 'patched@0.9', 'lockless@0.3', 'lockless@0.6', 'lockless@0.9',
  ]);
  // 100 000 reaps / 125 000 per run → the minimum, 4; 250 000 → 2 → 4; 1 000 000 → 8
  assert.deepEqual(plan.slice(0, 3).map((p) => p.runs.length), [4, 4, 8]);
  assert.deepEqual([0.3, 0.31, 0.6, 0.61, 0.9].map(defaultReapsFor), [100_000, 250_000, 250_000, 1_000_000, 1_000_000]);
  // seeds never repeat across points
  const seeds = plan.flatMap((p) => p.runs.map((r) => r.seed));
  assert.equal(new Set(seeds).size, seeds.length);
});

test('a row pools the replications: reap-weighted mean, CI over the replication means', () => {
  const [point] = validationPlan({ variants: ['baseline'], rhos: [0.5], reapCostNs: 50_000, reapsFor: () => 1000, replicationReaps: 500 });
  // replication means 100 000 and 103 000 ns; pooled (1 000 000 + 3 090 000) / 40 = 102 250 ns → +2.25 %
  const results = [{ sumNs: 1_000_000, count: 10 }, { sumNs: 3_090_000, count: 30 }];
  const row = validationRow(point!, results);
  assert.equal(row.meanNs, 102_250);
  assert.ok(Math.abs(row.errorPct - 2.25) < 1e-9);
  assert.equal(row.reaps, 40);
  assert.equal(row.replications, 2);
  assert.equal(row.ok, true);
  assert.equal(validationRow(point!, results, 0.02).ok, false);
  // the interval is centred on the mean of the two replication means, 101 500 ns (t with 1 d.f. is wide)
  assert.ok(Math.abs((row.ciLowNs + row.ciHighNs) / 2 - 101_500) < 1e-6);
  // sd of {100 000, 103 000} = 2 121.3, se = 1 500; t(0.975, 1 d.f.) = 12.706 → ± 19 059 ns
  assert.ok(Math.abs(row.ciLowNs - 82_441) < 10, `low ${row.ciLowNs}`);
  assert.ok(Math.abs(row.ciHighNs - 120_559) < 10, `high ${row.ciHighNs}`);
  assert.equal('runs' in row, false);
});

test('the table prints µs with one decimal, a signed error and ok/NO', () => {
  const [point] = validationPlan({ variants: ['baseline'], rhos: [0.5], reapCostNs: 50_000, reapsFor: () => 1000, replicationReaps: 500 });
  const good = validationRow(point!, [{ sumNs: 1_000_000, count: 10 }, { sumNs: 3_090_000, count: 30 }]);
  const bad = validationRow(point!, [{ sumNs: 900_000, count: 10 }], 0.03);
  const lines = formatValidationTable([good, bad]).split('\n');
  assert.equal(lines.length, 5); // header, rule, two rows, trailing newline
  assert.match(lines[2]!, /^baseline {5}4 {2}0\.5 {6}100\.0 {3}102\.3 {2}82\.4–120\.6 +\+2\.3% {2}ok$/);
  // 90 µs against 100 µs: −10 %
  assert.match(lines[3]!, /-10\.0% {2}NO$/);
  assert.ok(lines.every((l) => l.length <= 72));
});

test('a replication measures the exits of [2 %, 90 %] of the run', () => {
  // λ = 10 000/s for 100 ms: about 1 000 exits, 880 of them in the measured window (Poisson sd ≈ 30)
  const input = { variant: 'baseline' as const, cpus: 4, workload: 'poisson' as const, seed: 3, durationNs: 100_000_000, exitRatePerSec: 10_000, reapCostNs: 50_000 };
  const r = runReplication(input);
  assert.ok(Math.abs(r.count - 880) < 90, `count ${r.count}`);
  // ρ = 0.5: mean exit→reap 100 µs in theory; one short run stays well within a factor of 2
  const mean = r.sumNs / r.count;
  assert.ok(mean > 50_000 && mean < 200_000, `mean ${mean}`);
  assert.deepEqual(runReplication(input), r);
});
