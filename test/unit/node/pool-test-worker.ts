/** A worker for the pool's tests: `echo` answers at once, `slow` after its ms, `stuck` never stops, `fail` throws, `die` exits the thread. */
import { serveJobs } from '../../../src/node/serve-jobs';
import { JobCancelled } from '../../../src/core/common/job-messages';
import { threadId } from 'node:worker_threads';

export type PoolTestJob = { kind: 'echo' | 'fail' | 'die' | 'stuck'; value: number } | { kind: 'slow'; value: number; ms: number };

serveJobs(async (job: PoolTestJob, context) => {
  if (job.kind === 'fail') throw new Error(`failed ${job.value}`);
  if (job.kind === 'die') process.exit(3);
  if (job.kind === 'stuck') {
    const end = Date.now() + 60_000;
    while (Date.now() < end) { /* never looks at the cancel flag */ }
  }
  if (job.kind === 'slow') {
    context.progress(0, 'started');
    for (let waited = 0; waited < job.ms; waited += 5) {
      if (context.cancelled) throw new JobCancelled();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return { value: job.value, thread: threadId };
});
