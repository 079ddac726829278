// Shared by validation-{baseline,patched,lockless}.test.ts (one file per variant, so the node
// test runner runs them in parallel): poisson exits, exponential reap cost (μ = 1/50 µs), every
// other cost zero; the mean exit→reap latency on 4 CPUs must be within 3 % of queueing theory
// at ρ = 0.3, 0.6, 0.9. Run lengths: 100 k, 250 k and 1 M measured reaps, fixed seeds.
import assert from 'node:assert/strict';
import { defaultReapsFor, formatValidationTable, validate } from '../../../../src/core/sim/validation';
import type { VariantName } from '../../../../src/core/sim/variants';

export function assertMatchesTheory(variant: VariantName): void {
  const rows = validate({ variants: [variant], cpus: 4, seed: 11 });
  assert.deepEqual(rows.map((r) => r.rho), [0.3, 0.6, 0.9]);
  for (const r of rows) {
    assert.ok(r.reaps > 0.95 * defaultReapsFor(r.rho), `${r.reaps} reaps measured`);
    assert.ok(r.ok, `ρ = ${r.rho}: ${(r.meanNs / 1000).toFixed(1)} µs vs ${(r.theoryNs / 1000).toFixed(1)} µs\n${formatValidationTable(rows)}`);
  }
}
