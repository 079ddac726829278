/**
 * The job contract between a host and the worker that runs its jobs, as plain data that
 * crosses a worker boundary (Node worker_threads, a Web Worker): the host sends `run` and
 * `cancel`, the worker answers with progress, then done or error, each tagged with the job's
 * id. {@link jobServer} is the worker's side of it, pure: the Node glue (src/node) only wires
 * it to a message port. The CLI's simulation sweeps and the extension's long jobs both use it.
 */

/** Host → worker. */
export type JobCommand<Request> = { id: number; type: 'run'; request: Request } | { id: number; type: 'cancel' };

/** Worker → host. */
export type JobReply<Result> =
  | { id: number; type: 'progress'; /** 0..1, or null when unknown. */ fraction: number | null; message: string }
  | { id: number; type: 'done'; result: Result }
  | { id: number; type: 'error'; message: string };

/** What a job sees while it runs. */
export interface JobContext {
  progress(fraction: number | null, message: string): void;
  /** True once the host cancelled; long jobs check it between pieces of work. */
  readonly cancelled: boolean;
}

/** Thrown by a job that stops because it was cancelled; its reply's message is `cancelled`. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** The message of a failed job's reply: `cancelled`, else the error's message. */
export function jobErrorMessage(error: unknown): string {
  return error instanceof JobCancelled ? 'cancelled' : error instanceof Error ? error.message : String(error);
}

/**
 * The worker's side: returns the handler of the host's commands, which runs each job with its
 * context (progress replies, the cancelled flag) and sends its result or error through `send`.
 * @param describe the message of an error reply (default {@link jobErrorMessage}).
 */
export function jobServer<Request, Result>(
  run: (request: Request, context: JobContext) => Result | Promise<Result>,
  send: (reply: JobReply<Result>) => void,
  describe: (error: unknown) => string = jobErrorMessage,
): (command: JobCommand<Request>) => void {
  const cancelled = new Set<number>();
  return (command) => {
    if (command.type === 'cancel') {
      cancelled.add(command.id);
      return;
    }
    const { id, request } = command;
    const context: JobContext = {
      progress: (fraction, message) => send({ id, type: 'progress', fraction, message }),
      get cancelled(): boolean {
        return cancelled.has(id);
      },
    };
    // A job that throws at once fails like one that rejects.
    new Promise<Result>((resolve) => resolve(run(request, context))).then(
      (result) => send({ id, type: 'done', result }),
      (error: unknown) => send({ id, type: 'error', message: describe(error) }),
    ).finally(() => cancelled.delete(id));
  };
}
