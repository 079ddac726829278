import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runJobs } from '../../../src/cli/sim-workers';
import type { SimJob } from '../../../src/core/sim/sim-job';

// Six short runs of different sizes (the longest are queued first, the results still come
// back in job order).
const jobs: SimJob[] = [1, 2, 4, 1, 2, 4].map((cpus, i) => ({
  id: i + 1, kind: 'run', hash: true,
  input: { variant: i % 2 ? 'patched' : 'baseline', cpus, workload: 'fork-storm', seed: i + 1, durationNs: 5e6 },
}));

test('the same jobs on two worker threads and on this thread give the same results, in job order', async () => {
  const done: number[] = [];
  const threaded = await runJobs(jobs, 2, (n, total) => {
    assert.equal(total, 6);
    done.push(n);
  });
  const inline = await runJobs(jobs, 1);
  assert.deepEqual(threaded.map((r) => r.id), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(done, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(threaded, inline);
});
