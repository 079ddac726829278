/** The latency name a run's view shows: exit→reap for OpenBSD runs, exit→free for Linux ones. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyName } from '../../../../src/core/analysis/activity-view-model';
import { buildActivityView } from '../../../../src/core/analysis/activity-view';
import { fixture, read } from '../trace/trace-test-helpers';

test('latencyName by kernel', () => {
  assert.equal(latencyName({ kernel: 'openbsd' }), 'exit→reap');
  assert.equal(latencyName({ kernel: 'linux' }), 'exit→free');
});

test('views built from a btrace sample and a Linux recording name their latency by kernel', () => {
  const view = buildActivityView([
    { table: read(fixture('btrace-baseline.txt')).table, label: 'btrace', origin: 'traced', kernel: 'openbsd' },
    { table: read(fixture('ftrace-flags5.txt')).table, label: 'ftrace', origin: 'traced', kernel: 'linux' },
  ], { title: 't', source: 'comparison' });
  assert.deepEqual(view.runs.map((r) => [r.label, r.kernel, latencyName(r)]), [['btrace', 'openbsd', 'exit→reap'], ['ftrace', 'linux', 'exit→free']]);
  // one latency each: 8500 ns (README: exit(2) at +1500, uvm_exit at +10000); exit→free 2800 µs
  assert.deepEqual(view.runs.map((r) => r.exitToReap.counts.reduce((a, b) => a + b, 0)), [1, 1]);
  view.runs.forEach((r, i) => {
    const latency = [8_500, 2_800_000][i]!;
    const bin = r.exitToReap.edgesNs.findIndex((e, k, a) => e <= latency && latency < (a[k + 1] ?? Infinity));
    assert.equal(r.exitToReap.counts[bin], 1, `${r.label}: the bin of ${latency} ns`);
    assert.equal(r.exitToReap.edgesNs.length, r.exitToReap.counts.length + 1);
    assert.ok(r.exitToReap.edgesNs.every((e, k, a) => k === 0 || e > a[k - 1]!), 'edges increase');
  });
});
