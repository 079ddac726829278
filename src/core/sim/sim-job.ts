/**
 * One unit of simulation work, as sent to a worker thread: a run to simulate and what to bring
 * back (metrics, optionally the binned view, or a validation replication). Results are small
 * plain objects (structured-clone friendly), never event tables.
 */
import type { RunView } from '../analysis/activity-view-model';
import { buildRunView } from '../analysis/activity-view';
import { computeMetrics, type RunMetrics } from '../analysis/run-metrics';
import type { InvariantReport } from './invariants';
import { simulate, type SimulationInput } from './simulate';
import { tableHash } from '../events/table-hash';
import { runReplication, type ReplicationResult } from './validation';

export type SimJob =
  | { id: number; kind: 'run'; input: SimulationInput; view?: { bins: number; label: string; edgesNs?: number[] }; hash?: boolean }
  | { id: number; kind: 'replication'; input: SimulationInput };

export type SimJobResult =
  | { id: number; kind: 'run'; events: number; metrics: RunMetrics; invariants: InvariantReport; view?: RunView; hash?: string }
  | { id: number; kind: 'replication'; result: ReplicationResult };

export function runJob(job: SimJob): SimJobResult {
  if (job.kind === 'replication') return { id: job.id, kind: 'replication', result: runReplication(job.input) };
  const r = simulate(job.input);
  const opts = { spanNs: job.input.durationNs, cpus: job.input.cpus };
  const out: SimJobResult = { id: job.id, kind: 'run', events: r.table.length, metrics: computeMetrics(r.table, opts), invariants: r.invariants };
  if (job.view) out.view = buildRunView(r.table, job.view.label, 'simulated', { ...opts, bins: job.view.bins, edgesNs: job.view.edgesNs });
  if (job.hash) out.hash = tableHash(r.table);
  return out;
}
