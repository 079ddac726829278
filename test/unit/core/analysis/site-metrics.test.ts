/** Per-site counts (reaper wakeups and sleeps, cross-CPU wakeups) on the btrace samples and a Linux recording. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reaperTids, siteCounts, siteMetricRows, SITE_METRICS } from '../../../../src/core/analysis/site-metrics';
import { fixture, read } from '../trace/trace-test-helpers';

const table = (name: string) => read(fixture(name)).table;

test('baseline sample: idle0 on CPU 0 wakes the reaper onto CPU 1 once; the reaper sleeps once', () => {
  const t = table('btrace-baseline.txt');
  assert.deepEqual([...reaperTids(t)], [100005]);
  // line 12: wakeup of 100005 onto CPU 1 made on CPU 0; line 5: the reaper's sleep at +54200
  assert.deepEqual(siteCounts(t), { reaperWakeups: 1, reaperCrossCpuWakeups: 1, otherCrossCpuWakeups: 0, reaperSleeps: 1 });
});

test('the same sample with the wakeup onto CPU 0, the waker\'s own: a reaper wakeup, not a cross-CPU one', () => {
  const text = fixture('btrace-baseline.txt').replace('tracepoint:sched:wakeup 100005 0 1 idle0', 'tracepoint:sched:wakeup 100005 0 0 idle0');
  assert.notEqual(text, fixture('btrace-baseline.txt'));
  assert.deepEqual(siteCounts(read(text).table), { reaperWakeups: 1, reaperCrossCpuWakeups: 0, otherCrossCpuWakeups: 0, reaperSleeps: 1 });
});

test('patched sample: two reapers, no wakeup lines, reaper1 sleeps once', () => {
  const t = table('btrace-patched-begin-end.txt');
  assert.deepEqual([...reaperTids(t)].sort(), [100010, 100011]);
  assert.deepEqual(siteCounts(t), { reaperWakeups: 0, reaperCrossCpuWakeups: 0, otherCrossCpuWakeups: 0, reaperSleeps: 1 });
});

test('linux-storm: no reaper; 36 cross-CPU wakeups of other threads', () => {
  const t = table('linux-storm.report.txt');
  assert.equal(reaperTids(t).size, 0);
  // awk over the report: 31 sched_waking with target_cpu ≠ the line's CPU, 5 such sched_wakeup_new
  assert.deepEqual(siteCounts(t), { reaperWakeups: 0, reaperCrossCpuWakeups: 0, otherCrossCpuWakeups: 31 + 5, reaperSleeps: 0 });
});

test('rows: one per site metric, one value per table in order', () => {
  const rows = siteMetricRows([table('btrace-baseline.txt'), table('btrace-patched-begin-end.txt'), table('linux-storm.report.txt')]);
  assert.deepEqual(rows.map((r) => r.key), SITE_METRICS.map((m) => m.key));
  assert.deepEqual(rows.map((r) => [r.key, r.unit, r.values]), [
    ['crossCpuWakeups.reaper', 'count', [1, 0, 0]],
    ['crossCpuWakeups.other', 'count', [0, 0, 36]],
    ['reaperSleeps', 'count', [1, 1, 0]],
  ]);
  assert.deepEqual(siteMetricRows([]).map((r) => r.values), [[], [], []]);
});
