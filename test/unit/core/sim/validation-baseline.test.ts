import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValidationTable, validate } from '../../../../src/core/sim/validation';

// poisson exits, exponential reap cost (μ = 1/50 µs), every other cost zero: the mean
// exit→reap latency of baseline on 4 CPUs must be within 3 % of 1/(μ − λ) at ρ = 0.3, 0.6, 0.9.
// Run lengths: 100 k, 250 k and 1 M measured reaps (see validation.ts), fixed seeds.
test('baseline matches queueing theory within 3 %', () => {
  const rows = validate({ variants: ['baseline'], cpus: 4, seed: 11 });
  assert.deepEqual(rows.map((r) => r.rho), [0.3, 0.6, 0.9]);
  for (const r of rows) {
    assert.ok(r.reaps > 0.95 * (r.rho <= 0.3 ? 100_000 : r.rho <= 0.6 ? 250_000 : 1_000_000), `${r.reaps} reaps measured`);
    assert.ok(r.ok, `ρ = ${r.rho}: ${(r.meanNs / 1000).toFixed(1)} µs vs ${(r.theoryNs / 1000).toFixed(1)} µs\n${formatValidationTable(rows)}`);
  }
});

test('the theory column: 1/(μ − λ) for one reaper, 1/(μ − λ/N) per CPU', async () => {
  const { validationPlan } = await import('../../../../src/core/sim/validation');
  const plan = validationPlan({ rhos: [0.6], cpus: 4, reapCostNs: 50_000 });
  const byVariant = Object.fromEntries(plan.map((p) => [p.variant, p]));
  // μ = 20 000/s; baseline λ = 12 000/s → 1/8 000 s = 125 µs; per-CPU: λ = 48 000/s over 4 CPUs → 125 µs
  assert.equal(byVariant['baseline']!.exitRatePerSec, 12_000);
  assert.equal(byVariant['patched']!.exitRatePerSec, 48_000);
  assert.equal(Math.round(byVariant['baseline']!.theoryNs), 125_000);
  assert.equal(Math.round(byVariant['lockless']!.theoryNs), 125_000);
  assert.equal(formatValidationTable([]).split('\n')[0]!.length <= 72, true);
});
