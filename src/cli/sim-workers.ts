/**
 * Runs simulation jobs on a pool of worker threads (src/node/worker-pool.ts), the longest jobs
 * first; falls back to this thread when there is one thread or no worker script. The core
 * stays pure: workers only call runJob (src/core/sim/sim-job.ts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runJob, type SimJob, type SimJobResult } from '../core/sim/sim-job';
import { WorkerPool } from '../node/worker-pool';

/** How to start a worker: the bundle next to dist/cli.js, or the TypeScript source through tsx's require hook. */
function workerEntry(): (() => Worker) | null {
  const bundled = join(__dirname, 'sim-worker.js');
  if (existsSync(bundled)) return () => new Worker(bundled);
  const source = join(__dirname, 'sim-worker-main.ts');
  if (existsSync(source)) return () => new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
  return null;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** Rough cost of a job, to start the longest first. */
const weight = (job: SimJob): number => job.input.cpus * job.input.durationNs;

/** Runs every job; results come back in job order. `onDone` is called after each job. */
export async function runJobs(jobs: SimJob[], threads: number, onDone?: (done: number, total: number) => void): Promise<SimJobResult[]> {
  const entry = workerEntry();
  const n = Math.min(threads, jobs.length);
  if (n <= 1 || !entry) {
    return jobs.map((job, i) => {
      const r = runJob(job);
      onDone?.(i + 1, jobs.length);
      return r;
    });
  }
  const pool = new WorkerPool<SimJob, SimJobResult>({ start: entry, size: n });
  let done = 0;
  try {
    // Queued longest first; each worker takes the next when it is done.
    const ordered = [...jobs].sort((a, b) => weight(b) - weight(a));
    const results = new Map<number, SimJobResult>();
    await Promise.all(ordered.map(async (job) => {
      let result: SimJobResult;
      try {
        result = await pool.run(job);
      } catch (error) {
        throw new Error(`simulation job ${job.id} failed: ${(error as Error).message}`);
      }
      results.set(job.id, result);
      onDone?.(++done, jobs.length);
    }));
    return jobs.map((j) => results.get(j.id)!);
  } finally {
    await pool.dispose();
  }
}
