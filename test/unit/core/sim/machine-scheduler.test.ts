import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCosts } from '../../../../src/core/sim/costs';
import type { SimulationInput } from '../../../../src/core/sim/simulate';
import { fixed, meanLatency } from './engine-check';

// machine-scheduler.ts: waking halted CPUs out of their C-state, and preemption.

test('C-state wake latency: the reaper woken on a halted CPU waits for its C-state exit', () => {
  // thread-churn with one creator on 4 CPUs leaves most CPUs halted: the baseline reaper,
  // woken by exit2 on the exiting CPU's idle thread, is started on a halted CPU. With every
  // halt in C1 (c2After/c3After out of reach), raising C1's exit latency from 1 to 101 µs adds
  // 100 µs to each such exit's latency. Without the C-state term both runs are the same.
  const base = fixed(defaultCosts(), { c2After: 1e12, c3After: 1e12 });
  const input = (c1: number): SimulationInput => ({
    variant: 'baseline', cpus: 4, workload: 'thread-churn', jobs: 1, seed: 5, durationNs: 50e6, costs: fixed(base, { cstateC1: c1 }),
  });
  const delta = meanLatency(input(101_000)) - meanLatency(input(1000));
  assert.ok(delta > 80_000 && delta < 110_000, `Δ ${delta} ns`);
});

test('preemption: a woken reaper preempts user work on a busy CPU after the IPI', () => {
  // kernel-build with 4 jobs on 2 CPUs keeps both CPUs in compiler runs (~5 ms each). The
  // reaper (PVM) woken there preempts the user thread when the IPI lands (1 µs), so exits are
  // reaped within tens of µs; with a 1 ms IPI every such reap waits ~1 ms more. Without
  // preemption the reaper would wait for a compiler run to end, and both means would be ms.
  const input = (ipi: number): SimulationInput => ({
    variant: 'baseline', cpus: 2, workload: 'kernel-build', jobs: 4, seed: 2, durationNs: 50e6, costs: fixed(defaultCosts(), { ipi }),
  });
  const quick = meanLatency(input(1000));
  const slow = meanLatency(input(1_000_000));
  assert.ok(quick < 200_000, `${quick} ns`);
  assert.ok(slow - quick > 500_000, `${slow} vs ${quick} ns`);
});
