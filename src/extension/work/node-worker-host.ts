/**
 * The WorkHost that runs jobs in a Node worker thread (dist/worker.js), one job at a time per
 * worker; cancel asks the worker to stop, and terminates it if it does not within 2 s.
 */
import type * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import type { WorkHost } from './work-host';
import type { ResultOf, WorkerCommand, WorkerReply, WorkRequest } from './work-protocol';

export class NodeWorkerHost implements WorkHost {
  readonly kind = 'worker' as const;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly jobs = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void; progress: (f: number | null, m: string) => void }>();

  /** @param script absolute path of the built worker bundle (dist/worker.js). */
  constructor(private readonly script: string) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (reply: WorkerReply) => {
      const job = this.jobs.get(reply.id);
      if (!job) return;
      if (reply.type === 'progress') job.progress(reply.fraction, reply.message);
      else {
        this.jobs.delete(reply.id);
        if (reply.type === 'done') job.resolve(reply.result);
        else job.reject(new Error(reply.message));
      }
    });
    const fail = (error: Error): void => {
      for (const job of this.jobs.values()) job.reject(error);
      this.jobs.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(code === 1 ? 'cancelled' : `the worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  run<R extends WorkRequest>(request: R, onProgress: (fraction: number | null, message: string) => void, token?: vscode.CancellationToken): Promise<ResultOf<R>> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<ResultOf<R>>((resolve, reject) => {
      this.jobs.set(id, { resolve: resolve as (r: unknown) => void, reject, progress: onProgress });
      const transfer = transferables(request);
      worker.postMessage({ id, type: 'run', request } satisfies WorkerCommand, transfer);
      token?.onCancellationRequested(() => {
        worker.postMessage({ id, type: 'cancel' } satisfies WorkerCommand);
        setTimeout(() => {
          if (this.jobs.has(id) && this.worker === worker) void worker.terminate();
        }, 2000).unref();
      });
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}

/** The byte buffers of a request, moved to the worker instead of copied. */
function transferables(request: WorkRequest): ArrayBuffer[] {
  const buffers = request.job === 'trace' || request.job === 'chrome-trace' || request.job === 'trace-vs-simulation' ? [request.trace.bytes.buffer]
    : request.job === 'compare-traces' ? request.traces.map((t) => t.bytes.buffer) : [];
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
