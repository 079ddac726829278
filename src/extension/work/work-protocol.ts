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
import type { DeriveModelsRequest, DeriveModelsResult } from './derive-models-job';
import type { LineTime } from '../../core/sim/step-profile';
import type { Variant, VariantName } from '../../core/sim/variants';
import { JobCancelled, type JobCommand, type JobContext, type JobReply } from '../../core/common/job-messages';

import type { ByteSource } from '../../core/trace/trace-dat/byte-source';

/**
 * A trace for a job: its bytes (transferred, not copied, to a worker), or the path of a local
 * file the worker reads itself by offset (a trace.dat) or in pieces (text), so the extension
 * never holds it whole.
 */
export type TraceInput = { bytes: Uint8Array; fileName: string } | { path: string; fileName: string };

/** A file opened for reading by offset; closed when the job is done with it. */
export interface OpenedFile extends ByteSource {
  close(): Promise<void>;
}

/** How a job host opens local files (the Node worker); a host without one gets bytes only. */
export type OpenFile = (path: string) => Promise<OpenedFile>;

export type WorkRequest =
  | { job: 'trace'; trace: TraceInput }
  | { job: 'compare-traces'; traces: [TraceInput, TraceInput] }
  | {
    job: 'simulate'; controls: SimulationControls; costs: Record<string, unknown>; /** Simulated time per run, ns. */ durationNs: number;
    /** Programs to run instead of the built-in ones, per variant (models derived from the workspace's C source). */
    models?: Partial<Record<VariantName, Variant>>;
    /** Said under the charts: where the models come from. */
    modelNote?: string;
  }
  | ({ job: 'derive-models' } & DeriveModelsRequest)
  | { job: 'chrome-trace'; trace: TraceInput }
  | { job: 'trace-vs-simulation'; trace: TraceInput; settings: TraceVsSimulationSettings };

export type WorkResult =
  | { job: 'trace'; view: ActivityView; counts: TraceCounts; diagnostics: Diagnostic[] }
  | { job: 'compare-traces'; view: ActivityView; counts: TraceCounts[] }
  | {
    job: 'simulate'; view: ActivityView; errors: string[];
    /** Simulated time per C line of the variants that ran a given model, summed over the seeds. */
    lineTimes: Partial<Record<VariantName, LineTime[]>>;
  }
  | ({ job: 'derive-models' } & DeriveModelsResult)
  | { job: 'chrome-trace'; json: string; events: number }
  | { job: 'trace-vs-simulation'; view: ActivityView; errors: string[] };

export type ResultOf<R extends WorkRequest> = Extract<WorkResult, { job: R['job'] }>;

/** Messages from a worker to its host. */
export type WorkerReply = JobReply<WorkResult>;

/** Messages from the host to a worker. */
export type WorkerCommand = JobCommand<WorkRequest>;

export { JobCancelled, type JobContext };
