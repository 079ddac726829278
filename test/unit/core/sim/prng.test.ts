import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StreamFactory } from '../../../../src/core/sim/prng';

const draws = (f: StreamFactory, n: number): number[] => {
  const s = f.next();
  return Array.from({ length: n }, () => s.uniform());
};

test('the same seed gives the same streams; the k-th stream does not depend on how much the others drew', () => {
  const a = new StreamFactory(42);
  const b = new StreamFactory(42);
  const a0 = a.next();
  for (let i = 0; i < 1000; i++) a0.uniform(); // stream 0 used a lot in one factory only
  b.next();
  assert.deepEqual(draws(a, 5), draws(b, 5));
  // different seeds, different streams; different streams of one seed differ
  assert.notDeepEqual(draws(new StreamFactory(1), 5), draws(new StreamFactory(2), 5));
  const f = new StreamFactory(7);
  assert.notDeepEqual(draws(f, 5), draws(f, 5));
});

test('seeds are taken as 32-bit integers (seed | 0)', () => {
  assert.deepEqual(draws(new StreamFactory(2 ** 32 + 5), 3), draws(new StreamFactory(5), 3));
});

test('ranges: uniform in [0, 1), uniformOpen in (0, 1], below(n) an integer in [0, n)', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
    const s = new StreamFactory(seed).next();
    for (let i = 0; i < 20; i++) {
      const u = s.uniform();
      const o = s.uniformOpen();
      const k = s.below(n);
      if (!(u >= 0 && u < 1 && o > 0 && o <= 1 && Number.isInteger(k) && k >= 0 && k < n)) return false;
    }
    return true;
  }), { seed: 11, numRuns: 200 });
});

test('moments over 40 000 draws: exponential mean, normal mean 0 and variance 1, below() uniform', () => {
  const s = new StreamFactory(3).next();
  const n = 40_000;
  let sumE = 0;
  let sumN = 0;
  let sumN2 = 0;
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    sumE += s.exponential(50_000);
    const z = s.normal();
    sumN += z;
    sumN2 += z * z;
    counts[s.below(4)]!++;
  }
  // standard errors: exponential 50 000/√n = 250 ns; normal mean 1/√n = 0.005; variance √(2/n) = 0.007; a count √(n·3/16) ≈ 87
  assert.ok(Math.abs(sumE / n - 50_000) < 4 * 250, `${sumE / n}`);
  assert.ok(Math.abs(sumN / n) < 4 * 0.005);
  assert.ok(Math.abs(sumN2 / n - 1) < 4 * 0.007);
  for (const c of counts) assert.ok(Math.abs(c - n / 4) < 4 * 87, `${counts.join(' ')}`);
});
