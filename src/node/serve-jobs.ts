/**
 * The worker-thread side of the job contract (core/common/job-messages.ts) for Node hosts: a
 * worker script calls serveJobs with its job runner, and answers its parent's commands.
 */
import { parentPort } from 'node:worker_threads';
import { jobServer, type JobContext, type JobReply } from '../core/common/job-messages';

/** Runs each job the parent thread sends with `run`; does nothing outside a worker thread. */
export function serveJobs<Request, Result>(run: (request: Request, context: JobContext) => Result | Promise<Result>, describe?: (error: unknown) => string): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', jobServer(run, (reply: JobReply<Result>) => port.postMessage(reply), describe));
}
