import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeTrace } from '../../../../src/core/analysis/trace-summary';
import { compareTraces, summaryMetrics } from '../../../../src/core/compare/trace-comparison';
import { fixture, read } from '../trace/trace-test-helpers';

/** The summary of a trace sample of test/fixtures/traces (its README has the facts). */
const summary = (name: string) => summarizeTrace(read(fixture(name)));

test('comparing a trace with itself: every metric on both sides, no change', () => {
  const s = summary('btrace-baseline.txt');
  const c = compareTraces(s, s);
  assert.equal(c.rows.length, summaryMetrics(s).length);
  for (const row of c.rows) {
    assert.equal(row.a, row.b, row.metric);
    assert.equal(row.delta, 0);
  }
  assert.ok(c.rows.some((r) => r.metric === 'cpu1.reaperBusyNs' && r.a === 50_100));
});

test('comparing btrace with ftrace: metrics only one side has count as 0 on the other', () => {
  const c = compareTraces(summary('btrace-baseline.txt'), summary('ftrace-flags5.txt'));
  const row = (m: string) => c.rows.find((r) => r.metric === m)!;
  assert.deepEqual([row('exitToFree.count').a, row('exitToFree.count').b], [0, 1]);
  assert.deepEqual([row('reaps').a, row('reaps').b, row('reaps').ratio], [1, 0, 0]);
});


test('the metrics of one summary: the reaper\'s figures per CPU, the exit→free split only for a Linux trace', () => {
  const m = new Map(summaryMetrics(summary('btrace-baseline.txt')).map((x) => [x.metric, x]));
  // The one reaper runs once on CPU 1, 4200 → 54300 ns (busy 50100 ns), and reaps once; CPU 0 has none.
  assert.deepEqual(['cpu1.reaperRuns', 'cpu1.reaperBusyNs', 'cpu1.reaps', 'cpu0.reaperRuns', 'cpu0.reaps'].map((k) => m.get(k)?.value), [1, 50_100, 1, 0, 0]);
  assert.equal(m.get('cpu1.reaperBusyNs')?.unit, 'ns');
  // CPU 0 busy 1000 ns of the 59500 ns span (sh 500 → 1500).
  assert.deepEqual([m.get('cpu0.utilisation')?.value, m.get('cpu0.utilisation')?.unit], [1000 / 59_500, 'ratio']);
  assert.deepEqual([m.get('reaperThreads')?.value, m.get('exits')?.value, m.get('exitToReap.meanNs')?.value], [1, 1, 8500]);
  assert.equal(m.has('exitToFree.count'), false);
  assert.ok(!m.has('cpu2.reaps'), 'two CPUs, two sets of per-CPU rows');
  const linux = new Map(summaryMetrics(summary('ftrace-flags5.txt')).map((x) => [x.metric, x.value]));
  // worker: exit→switch 50 µs, switch→free 2750 µs, exit→free 2800 µs (fixture README).
  assert.deepEqual(['exitToFree.count', 'exitToSwitch.meanNs', 'switchToFree.meanNs', 'exitToFree.meanNs'].map((k) => linux.get(k)), [1, 50_000, 2_750_000, 2_800_000]);
});

test('before and after the patch: reapers matched by CPU, with the change and the ratio', () => {
  const c = compareTraces(summary('btrace-baseline.txt'), summary('btrace-patched-begin-end.txt'));
  const row = (m: string) => c.rows.find((r) => r.metric === m)!;
  // One `reaper` against reaper0 and reaper1.
  assert.deepEqual([row('reaperThreads').a, row('reaperThreads').b, row('reaperThreads').delta], [1, 2, 1]);
  // CPU 1: the reaper's 50100 ns against reaper1's 40300 → 45200 = 4900 ns.
  const busy = row('cpu1.reaperBusyNs');
  assert.deepEqual([busy.a, busy.b, busy.delta, busy.ratio], [50_100, 4900, 4900 - 50_100, 4900 / 50_100]);
  // CPU 0: no reaper before, reaper0's one reap after; the ratio of a change from 0 is none.
  assert.deepEqual([row('cpu0.reaps').a, row('cpu0.reaps').b, row('cpu0.reaps').ratio], [0, 1, null]);
  // The idle hop is gone: sh switches to reaper0 directly.
  assert.deepEqual([row('idleHops').a, row('idleHops').b], [1, 0]);
});
