// The worker pool on real worker threads running test/unit/node/pool-test-worker.ts (through
// tsx, as the CLI runs its workers from the sources).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkerPool, type WorkerPoolOptions } from '../../../src/node/worker-pool';
import type { PoolTestJob } from './pool-test-worker';

const script = join(__dirname, 'pool-test-worker.ts');
const start = (): Worker => new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true });
type Reply = { value: number; thread: number };
const pool = (options: Partial<WorkerPoolOptions> = {}): WorkerPool<PoolTestJob, Reply> => new WorkerPool({ start, size: 2, ...options });

test('every job runs once, on at most `size` workers, and results come back to their callers', async () => {
  const p = pool();
  try {
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((value) => p.run({ kind: 'slow', value, ms: 20 })));
    assert.deepEqual(results.map((r) => r.value), [1, 2, 3, 4, 5, 6]);
    assert.equal(new Set(results.map((r) => r.thread)).size, 2);
  } finally {
    await p.dispose();
  }
});

test('one job at a time per worker by default: a third job waits for the first to finish', async () => {
  const p = pool({ size: 1 });
  try {
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((value) => p.run({ kind: 'slow', value, ms: 15 - value * 5 }).then((r) => order.push(r.value))));
    // 10, 5 and 0 ms jobs on one worker taking one at a time finish in the order sent.
    assert.deepEqual(order, [1, 2, 3]);
  } finally {
    await p.dispose();
  }
});

test('with jobsPerWorker Infinity one worker runs the jobs together: the shorter finishes first', async () => {
  const p = pool({ size: 1, jobsPerWorker: Infinity });
  try {
    const order: number[] = [];
    await Promise.all([{ value: 1, ms: 200 }, { value: 2, ms: 10 }].map((j) => p.run({ kind: 'slow', ...j }).then((r) => order.push(r.value))));
    assert.deepEqual(order, [2, 1]);
  } finally {
    await p.dispose();
  }
});

test('progress reaches the caller; a failed job rejects with its message and the worker goes on', async () => {
  const p = pool({ size: 1 });
  try {
    const progress: string[] = [];
    await p.run({ kind: 'slow', value: 1, ms: 5 }, { onProgress: (_, message) => progress.push(message) });
    assert.deepEqual(progress, ['started']);
    await assert.rejects(p.run({ kind: 'fail', value: 2 }), /^Error: failed 2$/);
    assert.equal((await p.run({ kind: 'echo', value: 3 })).value, 3);
  } finally {
    await p.dispose();
  }
});

test('a worker that exits fails its job; the next job starts a new worker', async () => {
  const p = pool({ size: 1 });
  try {
    await assert.rejects(p.run({ kind: 'die', value: 1 }), /the worker stopped \(exit code 3\)/);
    assert.equal((await p.run({ kind: 'echo', value: 2 })).value, 2);
  } finally {
    await p.dispose();
  }
});

test('cancel: a job that looks at the flag stops; one that does not is terminated after the grace period', async () => {
  const p = pool({ size: 1, jobsPerWorker: Infinity, cancelGraceMs: 50 });
  try {
    let cancelSlow!: () => void;
    const slow = p.run({ kind: 'slow', value: 1, ms: 10_000 }, { onCancel: (cancel) => (cancelSlow = cancel), onProgress: () => cancelSlow() });
    await assert.rejects(slow, /^Error: cancelled$/);
    let cancelStuck!: () => void;
    const stuck = p.run({ kind: 'stuck', value: 2 }, { onCancel: (cancel) => (cancelStuck = cancel) });
    setTimeout(() => cancelStuck(), 200);
    await assert.rejects(stuck, /^Error: cancelled$/);
    // A queued job that is cancelled never starts.
    const q = pool({ size: 1 });
    let cancelQueued!: () => void;
    const first = q.run({ kind: 'slow', value: 3, ms: 20 });
    const queued = q.run({ kind: 'echo', value: 4 }, { onCancel: (cancel) => (cancelQueued = cancel) });
    cancelQueued();
    await assert.rejects(queued, /cancelled/);
    assert.equal((await first).value, 3);
    await q.dispose();
  } finally {
    await p.dispose();
  }
});
