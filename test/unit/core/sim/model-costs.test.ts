import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyCostOverrides, COST_NAMES, defaultCosts } from '../../../../src/core/sim/costs';
import { modelCosts } from '../../../../src/core/sim/model-costs';
import { simulate } from '../../../../src/core/sim/simulate';

test('defaults: every cost once, in the model order, none overridden, sources as DESIGN.md cites them', () => {
  const costs = modelCosts(defaultCosts());
  assert.deepEqual(costs.map((c) => c.name), COST_NAMES);
  assert.ok(costs.every((c) => !c.overridden && c.valueNs === c.defaultNs));
  const byName = new Map(costs.map((c) => [c.name, c]));
  // DESIGN.md "Cost defaults": context switch 2 µs (1–5); mutex 30 ns; cache line 70/200 ns (SOSP 2013).
  assert.deepEqual({ ...byName.get('contextSwitch'), description: '' }, {
    name: 'contextSwitch', valueNs: 2000, dist: 'fixed', defaultNs: 2000, description: '', source: 'docs/simulator.md cost defaults: 2 µs (1–5)', overridden: false,
  });
  assert.equal(byName.get('mutex')!.valueNs, 30);
  assert.match(byName.get('cacheLineCross')!.source, /SOSP 2013: 200 ns/);
  assert.equal(byName.get('switchLocked')!.source, 'assumption');
  assert.equal(byName.get('ccRun')!.dist, 'lognormal');
});

test('marks the costs an override or a workload changed, and only those', () => {
  const { costs, errors } = applyCostOverrides(defaultCosts(), { contextSwitch: 4000, mutex: 30, makeThink: { dist: 'fixed', meanNs: 50000 } });
  assert.deepEqual(errors, []);
  const overridden = modelCosts(costs).filter((c) => c.overridden);
  // mutex 30 is the default value; makeThink keeps its mean but loses its exponential distribution.
  assert.deepEqual(overridden.map((c) => [c.name, c.valueNs, c.defaultNs]), [['contextSwitch', 4000, 2000], ['makeThink', 50000, 50000]]);
  // --reap-cost-us changes uvmExit through the workload; the run reports what it used.
  const run = simulate({ variant: 'baseline', cpus: 2, workload: 'kernel-build', seed: 1, durationNs: 1e6, reapCostNs: 7000 });
  assert.deepEqual(modelCosts(run.costs).filter((c) => c.overridden).map((c) => [c.name, c.valueNs]), [['uvmExit', 7000]]);
});
