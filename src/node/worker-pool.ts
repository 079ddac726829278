/**
 * A pool of Node worker threads speaking the job contract (core/common/job-messages.ts), the one
 * both Node hosts use: the CLI runs its simulation sweeps on as many workers as threads, one
 * job each at a time, the longest first (it queues them in that order); the extension runs its
 * long jobs on one worker that takes them all at once. A job can be cancelled: the worker is
 * asked to stop, and terminated if it has not after a grace period. A worker that fails or
 * exits fails its jobs; the next job starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { JobCommand, JobReply } from '../core/common/job-messages';

export interface WorkerPoolOptions {
  /** Starts one worker thread running a script that calls serveJobs. */
  start: () => Worker;
  /** Most workers at once. */
  size: number;
  /** Most jobs one worker runs at once (default 1; Infinity: every job goes to the first worker). */
  jobsPerWorker?: number;
  /** After a cancel, how long a job may take to stop before its worker is terminated, ms (default 2000). */
  cancelGraceMs?: number;
}

export interface PoolJobOptions {
  /** Called with each progress reply of the job. */
  onProgress?: (fraction: number | null, message: string) => void;
  /** Buffers of the request moved to the worker instead of copied. */
  transfer?: readonly ArrayBuffer[];
  /** Registers the job's cancel function (e.g. with a cancellation token). */
  onCancel?: (cancel: () => void) => void;
}

interface Slot {
  worker: Worker;
  running: Set<number>;
}

interface Job<Request, Result> {
  id: number;
  request: Request;
  transfer: readonly ArrayBuffer[];
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
  progress: (fraction: number | null, message: string) => void;
  slot: Slot | null;
}

export class WorkerPool<Request, Result> {
  private readonly slots: Slot[] = [];
  private readonly queue: Job<Request, Result>[] = [];
  private readonly jobs = new Map<number, Job<Request, Result>>();
  private nextId = 1;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Runs `request` on a worker; resolves with its result, rejects with its error message. */
  run(request: Request, options: PoolJobOptions = {}): Promise<Result> {
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      const job: Job<Request, Result> = { id, request, transfer: options.transfer ?? [], resolve, reject, progress: options.onProgress ?? (() => {}), slot: null };
      this.jobs.set(id, job);
      this.queue.push(job);
      options.onCancel?.(() => this.cancel(job));
      this.dispatch();
    });
  }

  /** Terminates every worker; jobs still running fail. */
  async dispose(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    const perWorker = this.options.jobsPerWorker ?? 1;
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.running.size < perWorker);
      if (!slot && this.slots.length < this.options.size) slot = this.startSlot();
      if (!slot) return;
      const job = this.queue.shift()!;
      job.slot = slot;
      slot.running.add(job.id);
      slot.worker.postMessage({ id: job.id, type: 'run', request: job.request } satisfies JobCommand<Request>, [...job.transfer]);
    }
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: this.options.start(), running: new Set() };
    slot.worker.on('message', (reply: JobReply<Result>) => {
      const job = this.jobs.get(reply.id);
      if (!job) return;
      if (reply.type === 'progress') return job.progress(reply.fraction, reply.message);
      this.finish(job);
      if (reply.type === 'done') job.resolve(reply.result);
      else job.reject(new Error(reply.message));
      this.dispatch();
    });
    const fail = (error: Error): void => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      for (const id of slot.running) {
        const job = this.jobs.get(id);
        this.jobs.delete(id);
        job?.reject(error);
      }
      slot.running.clear();
      this.dispatch();
    };
    slot.worker.on('error', fail);
    // terminate() ends a worker with exit code 1: what a cancel that did not stop in time does.
    slot.worker.on('exit', (code) => fail(new Error(code === 1 ? 'cancelled' : `the worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private finish(job: Job<Request, Result>): void {
    this.jobs.delete(job.id);
    job.slot?.running.delete(job.id);
  }

  private cancel(job: Job<Request, Result>): void {
    if (!this.jobs.has(job.id)) return;
    const slot = job.slot;
    if (!slot) {
      this.queue.splice(this.queue.indexOf(job), 1);
      this.jobs.delete(job.id);
      job.reject(new Error('cancelled'));
      return;
    }
    slot.worker.postMessage({ id: job.id, type: 'cancel' } satisfies JobCommand<Request>);
    setTimeout(() => {
      if (this.jobs.has(job.id) && this.slots.includes(slot)) void slot.worker.terminate();
    }, this.options.cancelGraceMs ?? 2000).unref();
  }
}
