/**
 * The WorkHost that runs jobs in a Node worker thread (dist/worker.js): the Node hosts' worker
 * pool (src/node/worker-pool.ts) with one worker that takes every job at once; cancel asks the
 * worker to stop, and terminates it if it does not within 2 s.
 */
import type * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import { WorkerPool } from '../../node/worker-pool';
import type { WorkHost } from './work-host';
import type { ResultOf, WorkRequest, WorkResult } from './work-protocol';

export class NodeWorkerHost implements WorkHost {
  readonly kind = 'worker' as const;
  private readonly pool: WorkerPool<WorkRequest, WorkResult>;

  /** @param script absolute path of the built worker bundle (dist/worker.js). */
  constructor(script: string) {
    this.pool = new WorkerPool({ start: () => new Worker(script), size: 1, jobsPerWorker: Infinity, cancelGraceMs: 2000 });
  }

  run<R extends WorkRequest>(request: R, onProgress: (fraction: number | null, message: string) => void, token?: vscode.CancellationToken): Promise<ResultOf<R>> {
    return this.pool.run(request, {
      onProgress,
      transfer: transferables(request),
      onCancel: (cancel) => token?.onCancellationRequested(cancel),
    }) as Promise<ResultOf<R>>;
  }

  dispose(): void {
    void this.pool.dispose();
  }
}

/** The byte buffers of a request, moved to the worker instead of copied. */
function transferables(request: WorkRequest): ArrayBuffer[] {
  const traces = request.job === 'trace' || request.job === 'chrome-trace' || request.job === 'trace-vs-simulation' ? [request.trace]
    : request.job === 'compare-traces' ? request.traces : [];
  const buffers = traces.flatMap((t) => ('bytes' in t ? [t.bytes.buffer] : []));
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
