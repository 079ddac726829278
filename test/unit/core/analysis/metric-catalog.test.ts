import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METRICS, metricRows } from '../../../../src/core/analysis/metric-catalog';
import { REPORTED_LOCKS } from '../../../../src/core/analysis/lock-wait';
import type { RunMetrics } from '../../../../src/core/analysis/run-metrics';

test('every metric key is listed once, a lock-wait metric for each reported lock', () => {
  const keys = METRICS.map((m) => m.key);
  assert.equal(new Set(keys).size, keys.length);
  assert.deepEqual(keys.filter((k) => k.startsWith('lockWaitNs.')), REPORTED_LOCKS.map((l) => `lockWaitNs.${l}`));
});

test('rows read each run\'s numbers: the reaper busy time is the sum over CPUs, a lock without waits is 0', () => {
  const run = {
    exitToReapNs: { count: 2, mean: 10, p50: 9, p90: 11, p99: 12, max: 13 },
    backlogMax: 3, lockWaitNs: { kernel_lock: 500 }, idleHops: 4, crossCpuWakeups: 5, contextSwitches: 6,
    reaperBusyNsPerCpu: [100, 200], exitsPerSec: 7, utilisation: 0.5,
  } as unknown as RunMetrics;
  const rows = metricRows([run]);
  const value = (key: string): number | null | undefined => rows.find((r) => r.key === key)?.values[0];
  assert.equal(value('reaperBusyNs'), 300); // 100 + 200
  assert.equal(value('lockWaitNs.kernel_lock'), 500);
  assert.equal(value('lockWaitNs.sched_lock'), 0);
  assert.equal(value('exitToReapNs.p99'), 12);
  assert.equal(rows.length, METRICS.length);
});
