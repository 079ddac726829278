/** Entry of dist/worker.js: runs jobs sent by NodeWorkerHost on this worker thread. */
import { parentPort } from 'node:worker_threads';
import { runJob } from './jobs';
import { JobCancelled, type WorkerCommand, type WorkerReply } from './work-protocol';

const cancelled = new Set<number>();
const port = parentPort;
if (port) {
  const send = (reply: WorkerReply): void => port.postMessage(reply);
  port.on('message', (command: WorkerCommand) => {
    if (command.type === 'cancel') {
      cancelled.add(command.id);
      return;
    }
    const { id, request } = command;
    const context = {
      progress: (fraction: number | null, message: string) => send({ id, type: 'progress', fraction, message }),
      get cancelled(): boolean {
        return cancelled.has(id);
      },
    };
    runJob(request, context).then(
      (result) => send({ id, type: 'done', result }),
      (error: unknown) => send({ id, type: 'error', message: error instanceof JobCancelled ? 'cancelled' : error instanceof Error ? error.message : String(error) }),
    ).finally(() => cancelled.delete(id));
  });
}
