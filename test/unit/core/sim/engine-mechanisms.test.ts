import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeMetrics } from '../../../../src/core/analysis/run-metrics';
import { EventKind } from '../../../../src/core/events/event-kind';
import { defaultCosts, type CostName, type Costs } from '../../../../src/core/sim/costs';
import { simulate, type SimulationInput } from '../../../../src/core/sim/simulate';

// Focused tests of the engine's mechanisms: each fails when its mechanism is removed (the
// comment says how it would).

const fixed = (costs: Costs, values: Partial<Record<CostName, number>>): Costs => {
  const out = { ...costs };
  for (const [k, v] of Object.entries(values)) out[k as CostName] = { dist: 'fixed', meanNs: v! };
  return out;
};
const meanLatency = (input: SimulationInput): number => {
  const r = simulate(input);
  assert.equal(r.invariants.ok, true, r.invariants.violations.join('\n'));
  return computeMetrics(r.table, { spanNs: input.durationNs, cpus: input.cpus }).exitToReapNs.mean;
};

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

test('lock hand-off order: waiters get a contended lock in the order they started waiting (FIFO)', () => {
  const r = simulate({ variant: 'baseline', cpus: 8, workload: 'fork-storm', seed: 4, durationNs: 20e6 });
  const t = r.table;
  const waiting = new Map<number, number[]>();
  let handOffs = 0;
  for (let i = 0; i < t.length; i++) {
    const lock = t.arg0[i]!;
    if (t.kind[i] === EventKind.LockWait) {
      let q = waiting.get(lock);
      if (!q) waiting.set(lock, (q = []));
      q.push(t.tid[i]!);
    } else if (t.kind[i] === EventKind.LockAcquire) {
      const q = waiting.get(lock);
      const at = q ? q.indexOf(t.tid[i]!) : -1;
      if (at < 0) continue; // taken without waiting
      // a LIFO or random hand-off would give it to a later waiter first
      assert.equal(at, 0, `${t.strings.get(lock)} at ${t.ts[i]} ns went to waiter ${at + 1} of ${q!.length}`);
      q!.shift();
      handOffs++;
    }
  }
  assert.ok(handOffs > 100, `only ${handOffs} contended hand-offs`);
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
