/**
 * The long jobs the extension hands to a worker (big traces, simulation sweeps, exports) and
 * what comes back. Plain data only: it crosses a worker_threads / Web Worker boundary.
 * Pure: no `vscode`.
 */
import type { Diagnostic } from '../../core/common/diagnostic';
import type { ActivityView } from '../../core/analysis/activity-view-model';
import type { SimulationControls } from '../../protocol/messages';
import type { TraceCounts } from '../../core/annotations/site-figures';
import type { TraceVsSimulationSettings } from './trace-vs-simulation-job';

export interface TraceInput {
  /** The file's bytes (transferred, not copied, to a worker). */
  bytes: Uint8Array;
  fileName: string;
}

export type WorkRequest =
  | { job: 'trace'; trace: TraceInput }
  | { job: 'compare-traces'; traces: [TraceInput, TraceInput] }
  | { job: 'simulate'; controls: SimulationControls; costs: Record<string, unknown>; /** Simulated time per run, ns. */ durationNs: number }
  | { job: 'chrome-trace'; trace: TraceInput }
  | { job: 'trace-vs-simulation'; trace: TraceInput; settings: TraceVsSimulationSettings };

export type WorkResult =
  | { job: 'trace'; view: ActivityView; counts: TraceCounts; diagnostics: Diagnostic[] }
  | { job: 'compare-traces'; view: ActivityView; counts: TraceCounts[] }
  | { job: 'simulate'; view: ActivityView; errors: string[] }
  | { job: 'chrome-trace'; json: string; events: number }
  | { job: 'trace-vs-simulation'; view: ActivityView; errors: string[] };

export type ResultOf<R extends WorkRequest> = Extract<WorkResult, { job: R['job'] }>;

/** Messages from a worker to its host. */
export type WorkerReply =
  | { id: number; type: 'progress'; fraction: number | null; message: string }
  | { id: number; type: 'done'; result: WorkResult }
  | { id: number; type: 'error'; message: string };

/** Messages from the host to a worker. */
export type WorkerCommand = { id: number; type: 'run'; request: WorkRequest } | { id: number; type: 'cancel' };

/** What a job sees while it runs. */
export interface JobContext {
  progress(fraction: number | null, message: string): void;
  /** True once the user cancelled; long jobs check it between pieces of work. */
  readonly cancelled: boolean;
}

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
