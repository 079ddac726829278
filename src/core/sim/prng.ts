/**
 * Seeded random streams for the simulator, from pure-rand's xoroshiro128+ generator.
 * Independent streams come from jumps (2^64 steps apart), so that each source of randomness
 * (arrivals, each job slot, the machine) draws from its own stream: the variants of a
 * comparison then see the same workload (common random numbers).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

export class RandomStream {
  constructor(private readonly rng: JumpableRandomGenerator) {}

  /** Uniform in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.rng);
  }

  /** Uniform in (0, 1]: safe under log(). */
  uniformOpen(): number {
    return 1 - uniformFloat64(this.rng);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(this.uniformOpen()) * mean;
  }

  /** Standard normal (Box–Muller, one value per call). */
  normal(): number {
    const u = this.uniformOpen();
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.min(n - 1, Math.floor(this.uniform() * n));
  }
}

/** Makes independent streams from one seed: stream k is the generator jumped k + 1 times. */
export class StreamFactory {
  private last: JumpableRandomGenerator;

  constructor(seed: number) {
    this.last = xoroshiro128plus(seed | 0);
  }

  /** The next independent stream; the k-th call always gives the same stream for a seed. */
  next(): RandomStream {
    const g = this.last.clone();
    g.jump();
    this.last = g;
    return new RandomStream(g.clone());
  }
}
