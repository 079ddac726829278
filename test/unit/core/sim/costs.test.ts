import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyCostOverrides, COST_NAMES, costInfo, defaultCosts } from '../../../../src/core/sim/costs';
import { sampleCost } from '../../../../src/core/sim/cost-sampler';
import { StreamFactory } from '../../../../src/core/sim/prng';

test('defaults are DESIGN.md\'s cost figures', () => {
  const c = defaultCosts();
  const mean = (n: keyof typeof c): number => c[n].meanNs;
  assert.equal(mean('contextSwitch'), 2000);
  assert.equal(mean('mutex'), 30);
  assert.equal(mean('cacheLineSocket'), 70);
  assert.equal(mean('cacheLineCross'), 200);
  assert.equal(mean('wakeup'), 1000);
  assert.deepEqual([mean('cstateC1'), mean('cstateC2'), mean('cstateC3')], [1000, 18_000, 350_000]);
  assert.equal(mean('uareaFree') + mean('procFree'), 5000, 'kernel stack + proc free 5 µs');
  assert.equal(mean('uvmExit'), 50_000);
  assert.ok(mean('idleWake') >= 1000 && mean('idleWake') <= 2000);
  for (const n of COST_NAMES) assert.ok(costInfo(n).source.length > 0, `${n} names its source`);
});

test('overrides: plain ns, distributions, and clear errors', () => {
  const r = applyCostOverrides(defaultCosts(), { uvmExit: 200_000, ccRun: { dist: 'exponential', meanNs: 1e6 }, nope: 1, wakeup: -5, fork: { dist: 'gamma', meanNs: 3 } });
  assert.deepEqual(r.costs.uvmExit, { dist: 'fixed', meanNs: 200_000 });
  assert.deepEqual(r.costs.ccRun, { dist: 'exponential', meanNs: 1e6 });
  assert.equal(r.costs.wakeup.meanNs, 1000, 'a bad value leaves the default');
  assert.equal(r.errors.length, 3);
  assert.match(r.errors.join('\n'), /unknown cost 'nope'/);
  assert.match(r.errors.join('\n'), /unknown dist 'gamma'/);
  assert.deepEqual(applyCostOverrides(defaultCosts(), [1]).errors.length, 1);
});

test('sampled costs have the requested mean', () => {
  const rng = new StreamFactory(3).next();
  for (const spec of [{ dist: 'exponential', meanNs: 5000 }, { dist: 'lognormal', meanNs: 5000, sigma: 1 }, { dist: 'uniform', meanNs: 5000, spreadNs: 4000 }] as const) {
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) sum += sampleCost(spec, rng);
    assert.ok(Math.abs(sum / n / 5000 - 1) < 0.02, `${spec.dist}: ${sum / n}`);
  }
});

test('the simulator\'s documentation lists every cost', () => {
  const doc = readFileSync(new URL('../../../../docs/simulator.md', import.meta.url), 'utf8');
  for (const n of COST_NAMES) assert.ok(doc.includes(`| \`${n}\` |`), n);
});
