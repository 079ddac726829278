/**
 * Simulator benchmark, all measured in this one run:
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
import { comparisonJobs } from '../../src/core/compare/comparison';
import { runJobs } from '../../src/cli/sim-workers';
import { StreamFactory } from '../../src/core/sim/prng';

/** Rates per wall second and per CPU second of this process (the latter is robust to a loaded machine). */
interface Rate {
  wall: number;
  cpu: number;
}

/** Times `body` (which returns how many things it did) by wall clock and by this process's CPU time. */
function rate(body: () => number): Rate {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const n = body();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall: n / wall, cpu: n / ((c.user + c.system) / 1e6) };
}

function simulatedEventsPerSecond(): Rate {
  const once = (seed: number): number => VARIANT_NAMES.reduce((n, variant) =>
    n + simulate({ variant, cpus: 16, workload: 'fork-storm', seed, durationNs: 100e6 }).table.length, 0);
  once(1); // warms up the JIT
  once(2);
  return rate(() => [3, 4, 5, 6, 7, 8].reduce((n, seed) => n + once(seed), 0));
}

/** A queue holding `size` entries; each operation pops the earliest and pushes a later one (hold model). */
function heapOpsPerSecond(size = 64, ops = 20_000_000): Rate {
  const rng = new StreamFactory(7).next();
  const q = new EventQueue(size);
  for (let i = 0; i < size; i++) q.push(Math.round(rng.uniform() * 1e6), 1, i);
  let sink = 0;
  const r = rate(() => {
    for (let i = 0; i < ops; i++) {
      const t = q.peekTime();
      sink ^= q.pop();
      q.push(t + 1 + (i % 1000), 1, i);
    }
    return ops;
  });
  if (sink === 0.5) console.log(sink);
  return r;
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
  const m = (x: number): string => (x / 1e6).toFixed(2);
  console.log(`bare heap (EventQueue pop+push, 64 entries): ${m(heap.wall)} M ops/s wall, ${m(heap.cpu)} M per CPU-second`);
  console.log(`simulated events (fork-storm, 16 CPUs, 3 variants): ${m(sim.wall)} M events/s wall, ${m(sim.cpu)} M per CPU-second (goal ≥ 2)`);
  console.log(`ratio simulated events / heap ops: ${(sim.wall / heap.wall).toFixed(3)} wall, ${(sim.cpu / heap.cpu).toFixed(3)} CPU (goal ≥ 0.25)`);
  console.log(`sweep 3 variants × 8 CPU counts × 5 seeds (${sweep.runs} runs, ${(sweep.events / 1e6).toFixed(1)} M events) on ${threads} threads: ${sweep.seconds.toFixed(1)} s (goal ≤ 60)`);
}

void main();
