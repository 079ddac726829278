/** The metrics reports and views list, in order: machine key, human label, unit, accessor. */
import type { MetricRow } from './activity-view-model';
import type { RunMetrics } from './run-metrics';

export interface MetricDef {
  key: string;
  label: string;
  unit: MetricRow['unit'];
  get(m: RunMetrics): number;
  /** Whether a larger value is better (for wording; most are costs). */
  higherIsBetter?: boolean;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

export const METRICS: readonly MetricDef[] = [
  { key: 'exitToReapNs.mean', label: 'exit→reap mean', unit: 'ns', get: (m) => m.exitToReapNs.mean },
  { key: 'exitToReapNs.p50', label: 'exit→reap p50', unit: 'ns', get: (m) => m.exitToReapNs.p50 },
  { key: 'exitToReapNs.p90', label: 'exit→reap p90', unit: 'ns', get: (m) => m.exitToReapNs.p90 },
  { key: 'exitToReapNs.p99', label: 'exit→reap p99', unit: 'ns', get: (m) => m.exitToReapNs.p99 },
  { key: 'exitToReapNs.max', label: 'exit→reap max', unit: 'ns', get: (m) => m.exitToReapNs.max },
  { key: 'backlogMax', label: 'backlog max', unit: 'count', get: (m) => m.backlogMax },
  { key: 'lockWaitNs.deadproc_mutex', label: 'wait deadproc_mutex', unit: 'ns', get: (m) => m.lockWaitNs['deadproc_mutex'] ?? 0 },
  { key: 'lockWaitNs.kernel_lock', label: 'wait kernel_lock', unit: 'ns', get: (m) => m.lockWaitNs['kernel_lock'] ?? 0 },
  { key: 'lockWaitNs.sched_lock', label: 'wait sched_lock', unit: 'ns', get: (m) => m.lockWaitNs['sched_lock'] ?? 0 },
  { key: 'idleHops', label: 'idle hops', unit: 'count', get: (m) => m.idleHops },
  { key: 'crossCpuWakeups', label: 'cross-CPU wakeups', unit: 'count', get: (m) => m.crossCpuWakeups },
  { key: 'contextSwitches', label: 'context switches', unit: 'count', get: (m) => m.contextSwitches },
  { key: 'reaperBusyNs', label: 'reaper busy time', unit: 'ns', get: (m) => sum(m.reaperBusyNsPerCpu) },
  { key: 'exitsPerSec', label: 'exits per second', unit: '1/s', get: (m) => m.exitsPerSec, higherIsBetter: true },
  { key: 'utilisation', label: 'CPU utilisation', unit: 'ratio', get: (m) => m.utilisation },
];

/** One row per metric, one value per run. */
export function metricRows(runs: RunMetrics[]): MetricRow[] {
  return METRICS.map((d) => ({ key: d.key, label: d.label, unit: d.unit, values: runs.map((m) => d.get(m)) }));
}
