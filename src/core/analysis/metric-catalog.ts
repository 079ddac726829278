/**
 * The metrics reports and views list, in order: machine key, human label, unit, accessor. The
 * one list of metric keys: the comparison report, the hovers and the views name metrics by
 * {@link MetricKey}, so a key that is not here does not type-check.
 */
import type { MetricRow } from './activity-view-model';
import { REPORTED_LOCKS } from './lock-wait';
import type { RunMetrics } from './run-metrics';

export interface MetricDef<K extends string = string> {
  key: K;
  label: string;
  unit: MetricRow['unit'];
  get(m: RunMetrics): number;
  /** Whether a larger value is better (for wording; most are costs). */
  higherIsBetter?: boolean;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

const lockWait = (lock: (typeof REPORTED_LOCKS)[number]): MetricDef<`lockWaitNs.${typeof lock}`> =>
  ({ key: `lockWaitNs.${lock}`, label: `wait ${lock}`, unit: 'ns', get: (m) => m.lockWaitNs[lock] ?? 0 });

export const METRICS = [
  { key: 'exitToReapNs.mean', label: 'exit→reap mean', unit: 'ns', get: (m) => m.exitToReapNs.mean },
  { key: 'exitToReapNs.p50', label: 'exit→reap p50', unit: 'ns', get: (m) => m.exitToReapNs.p50 },
  { key: 'exitToReapNs.p90', label: 'exit→reap p90', unit: 'ns', get: (m) => m.exitToReapNs.p90 },
  { key: 'exitToReapNs.p99', label: 'exit→reap p99', unit: 'ns', get: (m) => m.exitToReapNs.p99 },
  { key: 'exitToReapNs.max', label: 'exit→reap max', unit: 'ns', get: (m) => m.exitToReapNs.max },
  { key: 'backlogMax', label: 'backlog max', unit: 'count', get: (m) => m.backlogMax },
  ...REPORTED_LOCKS.map(lockWait),
  { key: 'idleHops', label: 'idle hops', unit: 'count', get: (m) => m.idleHops },
  { key: 'crossCpuWakeups', label: 'cross-CPU wakeups', unit: 'count', get: (m) => m.crossCpuWakeups },
  { key: 'contextSwitches', label: 'context switches', unit: 'count', get: (m) => m.contextSwitches },
  { key: 'reaperBusyNs', label: 'reaper busy time', unit: 'ns', get: (m) => sum(m.reaperBusyNsPerCpu) },
  { key: 'exitsPerSec', label: 'exits per second', unit: '1/s', get: (m) => m.exitsPerSec, higherIsBetter: true },
  { key: 'utilisation', label: 'CPU utilisation', unit: 'ratio', get: (m) => m.utilisation },
] as const satisfies readonly MetricDef[];

/** The key of a metric of the catalogue, e.g. `exitToReapNs.p99`, `lockWaitNs.kernel_lock`. */
export type MetricKey = (typeof METRICS)[number]['key'];

/** One row per metric, one value per run. */
export function metricRows(runs: RunMetrics[]): MetricRow[] {
  return METRICS.map((d) => ({ key: d.key, label: d.label, unit: d.unit, values: runs.map((m) => d.get(m)) }));
}
