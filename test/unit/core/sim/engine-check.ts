/**
 * Shared by the engine's focused tests (machine-*.test.ts): costs with some values fixed, and
 * the mean exit→reap latency of a run whose invariants hold. Each focused test fails when its
 * mechanism is removed (its comment says how it would).
 */
import assert from 'node:assert/strict';
import { computeMetrics } from '../../../../src/core/analysis/run-metrics';
import type { CostName, Costs } from '../../../../src/core/sim/costs';
import { simulate, type SimulationInput } from '../../../../src/core/sim/simulate';

export const fixed = (costs: Costs, values: Partial<Record<CostName, number>>): Costs => {
  const out = { ...costs };
  for (const [k, v] of Object.entries(values)) out[k as CostName] = { dist: 'fixed', meanNs: v! };
  return out;
};

export const meanLatency = (input: SimulationInput): number => {
  const r = simulate(input);
  assert.equal(r.invariants.ok, true, r.invariants.violations.join('\n'));
  return computeMetrics(r.table, { spanNs: input.durationNs, cpus: input.cpus }).exitToReapNs.mean;
};
