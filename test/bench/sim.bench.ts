/**
 * Simulator benchmark (issue #3), all measured in this one run:
 * 1. simulated events per second of the machine (fork-storm on 16 CPUs, all three variants);
 * 2. the ratio to a bare push/pop loop on the same binary heap (EventQueue), i.e. how much of
 *    the heap's own throughput the whole simulation keeps (goal ≥ 0.25; goal ≥ 2 M events/s);
 * 3. the wall time of a sweep of 3 variants × 8 CPU counts × 5 seeds (kernel-build, 300 ms
 *    each, the compare defaults) on worker threads (goal ≤ 60 s on 2 cores).
 * Run: node --import tsx test/bench/sim.bench.ts [--threads N]
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { EventQueue } from '../../src/core/sim/event-queue';
import { simulate } from '../../src/core/sim/simulate';
import { VARIANT_NAMES } from '../../src/core/sim/variants';
import { defaultCosts } from '../../src/core/sim/costs';
import { comparisonJobs } from '../../src/core/sim/comparison';
import { runJobs } from '../../src/cli/sim-workers';
import { StreamFactory } from '../../src/core/sim/prng';

function simulatedEventsPerSecond(): number {
  let events = 0;
  let ms = 0;
  for (let round = 0; round < 2; round++) {
    for (const variant of VARIANT_NAMES) {
      const t0 = performance.now();
      const r = simulate({ variant, cpus: 16, workload: 'fork-storm', seed: 1 + round, durationNs: 100e6 });
      const dt = performance.now() - t0;
      if (round === 0) continue; // first round warms up the JIT
      events += r.table.length;
      ms += dt;
    }
  }
  return events / (ms / 1000);
}

/** A queue holding `size` entries; each operation pops the earliest and pushes a later one (hold model). */
function heapOpsPerSecond(size = 64, ops = 20_000_000): number {
  const rng = new StreamFactory(7).next();
  const q = new EventQueue(size);
  for (let i = 0; i < size; i++) q.push(Math.round(rng.uniform() * 1e6), 1, i);
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < ops; i++) {
    const t = q.peekTime();
    sink ^= q.pop();
    q.push(t + 1 + ((i * 2654435761) % 1000), 1, i);
  }
  const s = (performance.now() - t0) / 1000;
  if (sink === 0.5) console.log(sink);
  return ops / s;
}

async function sweepSeconds(threads: number): Promise<{ seconds: number; runs: number; events: number }> {
  const jobs = comparisonJobs({
    variants: [...VARIANT_NAMES], cpus: [1, 2, 4, 8, 16, 32, 64, 128], seeds: [1, 2, 3, 4, 5], workload: 'kernel-build',
    durationNs: 300e6, costs: defaultCosts(), viewCpus: -1, bins: 100,
  });
  const t0 = performance.now();
  const results = await runJobs(jobs, threads);
  const events = results.reduce((s, r) => s + (r.kind === 'run' ? r.events : 0), 0);
  return { seconds: (performance.now() - t0) / 1000, runs: jobs.length, events };
}

async function main(): Promise<void> {
  const threadsArg = process.argv.indexOf('--threads');
  const threads = threadsArg > 0 ? Number(process.argv[threadsArg + 1]) : Math.min(2, availableParallelism());
  const heap = heapOpsPerSecond();
  const sim = simulatedEventsPerSecond();
  const sweep = await sweepSeconds(threads);
  console.log(`bare heap (EventQueue pop+push, 64 entries): ${(heap / 1e6).toFixed(2)} M ops/s`);
  console.log(`simulated events (fork-storm, 16 CPUs, 3 variants): ${(sim / 1e6).toFixed(2)} M events/s (goal ≥ 2)`);
  console.log(`ratio simulated events / heap ops: ${(sim / heap).toFixed(3)} (goal ≥ 0.25)`);
  console.log(`sweep 3 variants × 8 CPU counts × 5 seeds (${sweep.runs} runs, ${(sweep.events / 1e6).toFixed(1)} M events) on ${threads} threads: ${sweep.seconds.toFixed(1)} s (goal ≤ 60)`);
}

void main();
