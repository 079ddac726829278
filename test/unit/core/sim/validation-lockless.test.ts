import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValidationTable, validate } from '../../../../src/core/sim/validation';

// poisson exits, exponential reap cost (μ = 1/50 µs), every other cost zero: the mean
// exit→reap latency of lockless on 4 CPUs must be within 3 % of 1/(μ − λ/N) at ρ = 0.3, 0.6, 0.9.
// Run lengths: 100 k, 250 k and 1 M measured reaps (see validation.ts), fixed seeds.
test('lockless matches queueing theory within 3 %', () => {
  const rows = validate({ variants: ['lockless'], cpus: 4, seed: 11 });
  assert.deepEqual(rows.map((r) => r.rho), [0.3, 0.6, 0.9]);
  for (const r of rows) {
    assert.ok(r.reaps > 0.95 * (r.rho <= 0.3 ? 100_000 : r.rho <= 0.6 ? 250_000 : 1_000_000), `${r.reaps} reaps measured`);
    assert.ok(r.ok, `ρ = ${r.rho}: ${(r.meanNs / 1000).toFixed(1)} µs vs ${(r.theoryNs / 1000).toFixed(1)} µs\n${formatValidationTable(rows)}`);
  }
});
