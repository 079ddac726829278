/** Worker thread of the simulation pool (sim-workers.ts): runs each job it is sent, posts the result. */
import { parentPort } from 'node:worker_threads';
import { runJob, type SimJob } from '../core/sim/sim-job';

parentPort?.on('message', (job: SimJob) => {
  try {
    parentPort!.postMessage(runJob(job));
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
