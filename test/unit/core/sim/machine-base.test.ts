import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCosts } from '../../../../src/core/sim/costs';
import type { SimulationInput } from '../../../../src/core/sim/simulate';
import { fixed, meanLatency } from './engine-check';

// machine-base.ts: the costs every part charges; here the cache-line transfer of a lock that moves between CPUs.

test('cache-line transfer: a lock handed to another CPU costs the transfer', () => {
  // fork-storm on 8 CPUs hands the kernel lock and sched_lock between CPUs all the time; at
  // 20 µs per transfer instead of 70/200 ns the exit→reap latency at least doubles. Without the
  // transfer term (or with it charged only on the first CPU) the two runs are alike.
  const input = (ns: number): SimulationInput => ({
    variant: 'baseline', cpus: 8, workload: 'fork-storm', seed: 2, durationNs: 50e6,
    costs: fixed(defaultCosts(), ns === 0 ? {} : { cacheLineSocket: ns, cacheLineCross: ns }),
  });
  const slow = meanLatency(input(20_000));
  const normal = meanLatency(input(0));
  assert.ok(slow > 1.5 * normal, `${slow} vs ${normal} ns`);
});
