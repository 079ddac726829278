import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActivityView, RunView } from '../../../src/core/analysis/activity-view-model';
import { metricsCsv } from '../../../webview/csv';
import { formatMetric, formatNs } from '../../../webview/format';

const run = (label: string): RunView => ({
  label, origin: 'traced', cpus: 1, spanNs: 1, binNs: 1, reaperBusyNs: [[0]], reaps: [[0]], utilisation: [[0]], backlog: [0],
  exitToReap: { edgesNs: [1, 2], counts: [0] }, exitToReapInferred: true, lockWaitNs: {},
  kernel: 'openbsd', recorded: { locks: false, reaper: true }, idleHops: [[0]], crossCpuWakeups: [[0]],
});

test('CSV quotes commas, quotes and newlines (RFC 4180) and leaves nulls empty', () => {
  const view: ActivityView = {
    title: 't', source: 'comparison', notes: [], runs: [run('a,"b".btrace'), run('c')],
    metrics: [{ key: 'wait.kernel_lock', label: 'wait "kernel_lock",\ntotal', unit: 'ns', values: [1500, null] }],
  };
  assert.equal(metricsCsv(view), [
    'key,label,unit,"a,""b"".btrace (traced)",c (traced)',
    'wait.kernel_lock,"wait ""kernel_lock"",\ntotal",ns,1500,',
    '',
  ].join('\n'));
});

test('CSV adds difference columns (mean, low, high) per run after the first', () => {
  const view: ActivityView = {
    title: 't', source: 'simulation', notes: [], runs: [run('baseline'), run('patched')],
    metrics: [{ key: 'p99', label: 'p99', unit: 'ns', values: [10, 4], difference: [null, { mean: -6, low: -7.5, high: -4.5 }] }],
  };
  const [header, row] = metricsCsv(view).trimEnd().split('\n');
  assert.equal(header, 'key,label,unit,baseline (traced),patched (traced),patched (traced) diff mean,patched (traced) diff low,patched (traced) diff high');
  assert.equal(row, 'p99,p99,ns,10,4,-6,-7.5,-4.5');
});

test('durations and metric units format for people', () => {
  assert.equal(formatNs(812), '812 ns');
  assert.equal(formatNs(3_400), '3.40 µs');
  assert.equal(formatNs(12_000_000), '12.0 ms');
  assert.equal(formatNs(1_250_000_000), '1.25 s');
  assert.equal(formatMetric(null, 'ns'), '—');
  assert.equal(formatMetric(Number.NaN, 'count'), '—');
  assert.equal(formatMetric(1234, 'count'), '1,234');
  assert.equal(formatMetric(0.987, 'ratio'), '98.7 %');
  assert.equal(formatMetric(10000, '1/s'), '10,000 /s');
});
