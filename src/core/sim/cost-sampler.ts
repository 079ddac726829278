/** Draws integer-ns values from a {@link CostSpec} with a seeded stream. */
import type { CostSpec } from './costs';
import type { RandomStream } from './prng';

/** A value of `spec`, rounded to whole ns (≥ 0). Fixed costs draw nothing from the stream. */
export function sampleCost(spec: CostSpec, rng: RandomStream): number {
  switch (spec.dist) {
    case 'fixed':
      return Math.round(spec.meanNs);
    case 'exponential':
      return Math.round(rng.exponential(spec.meanNs));
    case 'lognormal': {
      const sigma = spec.sigma ?? 1;
      // mean of a lognormal = exp(mu + sigma²/2)
      const mu = Math.log(Math.max(spec.meanNs, 1e-9)) - (sigma * sigma) / 2;
      return Math.round(Math.exp(mu + sigma * rng.normal()));
    }
    case 'uniform': {
      const spread = spec.spreadNs ?? spec.meanNs;
      return Math.round(spec.meanNs - spread + 2 * spread * rng.uniform());
    }
  }
}

/** True when the spec always gives the same value. */
export function isFixed(spec: CostSpec): boolean {
  return spec.dist === 'fixed' || spec.meanNs === 0;
}
