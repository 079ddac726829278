import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isFixed, sampleCost } from '../../../../src/core/sim/cost-sampler';
import { StreamFactory } from '../../../../src/core/sim/prng';

test('a fixed cost is its mean rounded to whole ns and draws nothing from the stream', () => {
  const a = new StreamFactory(9).next();
  const b = new StreamFactory(9).next();
  assert.equal(sampleCost({ dist: 'fixed', meanNs: 70.6 }, a), 71);
  assert.equal(a.uniform(), b.uniform());
});

test('uniform: mean ± spread, the spread defaulting to the mean (so [0, 2·mean])', () => {
  fc.assert(fc.property(fc.integer(), (seed) => {
    const s = new StreamFactory(seed).next();
    const v = sampleCost({ dist: 'uniform', meanNs: 1000, spreadNs: 100 }, s);
    const w = sampleCost({ dist: 'uniform', meanNs: 1000 }, s);
    return Number.isInteger(v) && v >= 900 && v <= 1100 && w >= 0 && w <= 2000;
  }), { seed: 5, numRuns: 300 });
});

/** Mean of `n` samples of `spec` from one seeded stream. */
const meanOf = (spec: Parameters<typeof sampleCost>[0], n: number): number => {
  const s = new StreamFactory(17).next();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sampleCost(spec, s);
  return sum / n;
};

test('exponential and lognormal samples have the mean the spec gives', () => {
  // exponential: sd = mean, se over 40 000 = 10 000/200 = 50 ns
  assert.ok(Math.abs(meanOf({ dist: 'exponential', meanNs: 10_000 }, 40_000) - 10_000) < 4 * 50);
  // lognormal σ = 0.5: μ = ln 10 000 − 0.125; sd = mean·√(e^0.25 − 1) = 5 329 ns, se = 26.6 ns
  assert.ok(Math.abs(meanOf({ dist: 'lognormal', meanNs: 10_000, sigma: 0.5 }, 40_000) - 10_000) < 4 * 26.6);
  // σ defaults to 1: the mean still holds (sd = mean·√(e − 1) = 13 108 ns, se = 65.5 ns)
  assert.ok(Math.abs(meanOf({ dist: 'lognormal', meanNs: 10_000 }, 40_000) - 10_000) < 4 * 65.5);
});

test('random values are never negative', () => {
  const s = new StreamFactory(1).next();
  for (let i = 0; i < 2000; i++) {
    assert.ok(sampleCost({ dist: 'exponential', meanNs: 5 }, s) >= 0);
    assert.ok(sampleCost({ dist: 'lognormal', meanNs: 5, sigma: 2 }, s) >= 0);
  }
});

test('isFixed: fixed distributions and zero means', () => {
  assert.equal(isFixed({ dist: 'fixed', meanNs: 5 }), true);
  assert.equal(isFixed({ dist: 'exponential', meanNs: 0 }), true);
  assert.equal(isFixed({ dist: 'exponential', meanNs: 1 }), false);
  assert.equal(isFixed({ dist: 'uniform', meanNs: 10, spreadNs: 0 }), false);
});
