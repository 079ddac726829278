// A worker thread serving jobs (test/unit/node/pool-test-worker.ts calls serveJobs) spoken to
// directly with the job contract's messages (core/common/job-messages.ts), no pool between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobCommand, JobReply } from '../../../src/core/common/job-messages';
import type { PoolTestJob } from './pool-test-worker';

const script = join(__dirname, 'pool-test-worker.ts');
type Reply = JobReply<{ value: number; thread: number }>;

/** Sends `commands` to a new worker and collects replies until `until` says stop. */
async function exchange(commands: JobCommand<PoolTestJob>[], until: (replies: Reply[]) => boolean): Promise<{ replies: Reply[]; threadId: number }> {
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true });
  const replies: Reply[] = [];
  try {
    const finished = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: Reply) => {
        replies.push(reply);
        if (until(replies)) resolve();
      });
      worker.on('error', reject);
    });
    for (const command of commands) worker.postMessage(command);
    await finished;
    return { replies, threadId: worker.threadId };
  } finally {
    const exited = once(worker, 'exit');
    await worker.terminate();
    await exited;
  }
}

test('each run command is answered with its id: done with the result, error with the message', async () => {
  const { replies, threadId } = await exchange([
    { id: 7, type: 'run', request: { kind: 'echo', value: 42 } },
    { id: 8, type: 'run', request: { kind: 'fail', value: 5 } },
  ], (r) => r.filter((x) => x.type !== 'progress').length === 2);
  assert.deepEqual(replies.find((r) => r.id === 7), { id: 7, type: 'done', result: { value: 42, thread: threadId } });
  assert.deepEqual(replies.find((r) => r.id === 8), { id: 8, type: 'error', message: 'failed 5' });
});

test('progress comes before done; a cancel command stops a job that checks the flag', async () => {
  const { replies } = await exchange([
    { id: 1, type: 'run', request: { kind: 'slow', value: 1, ms: 10_000 } },
    { id: 1, type: 'cancel' },
  ], (r) => r.some((x) => x.type !== 'progress'));
  assert.deepEqual(replies, [
    { id: 1, type: 'progress', fraction: 0, message: 'started' },
    { id: 1, type: 'error', message: 'cancelled' },
  ]);
});
