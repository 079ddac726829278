import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValidationTable, validationPlan } from '../../../../src/core/sim/validation';
import { assertMatchesTheory } from './validation-check';

test('baseline matches queueing theory within 3 %: 1/(μ − λ), one reaper, an M/M/1 queue', () => {
  assertMatchesTheory('baseline');
});

test('the theory column: 1/(μ − λ) for one reaper, 1/(μ − λ/N) per CPU', () => {
  const plan = validationPlan({ rhos: [0.6], cpus: 4, reapCostNs: 50_000 });
  const byVariant = Object.fromEntries(plan.map((p) => [p.variant, p]));
  // μ = 20 000/s; baseline λ = 12 000/s → 1/8 000 s = 125 µs; per-CPU: λ = 48 000/s over 4 CPUs → 125 µs
  assert.equal(byVariant['baseline']!.exitRatePerSec, 12_000);
  assert.equal(byVariant['patched']!.exitRatePerSec, 48_000);
  assert.equal(Math.round(byVariant['baseline']!.theoryNs), 125_000);
  assert.equal(Math.round(byVariant['lockless']!.theoryNs), 125_000);
  assert.ok(formatValidationTable([]).split('\n').every((l) => l.length <= 72));
});
