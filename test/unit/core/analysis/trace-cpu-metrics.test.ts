/** Per-CPU utilisation on the btrace samples, against the busy times the fixture README works out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { utilisationOfBusy, utilisationPerCpu } from '../../../../src/core/analysis/trace-cpu-metrics';
import { baseMetrics } from '../../../../src/core/analysis/run-metrics';
import { fixture, read } from '../trace/trace-test-helpers';

test('patched sample, BEGIN → END (100000 ns): CPU 0 busy 34800 ns, CPU 1 99600 ns', () => {
  assert.deepEqual(utilisationPerCpu(read(fixture('btrace-patched-begin-end.txt')).table), [0.348, 0.996]);
});

test('the same lines without BEGIN start at the first event: 80000 ns, busy 14800 and 79600 ns', () => {
  const text = fixture('btrace-patched-begin-end.txt').split('\n').filter((l) => !l.includes(' BEGIN ')).join('\n');
  const u = utilisationPerCpu(read(text).table);
  assert.equal(u.length, 2);
  assert.ok(Math.abs(u[0]! - 14_800 / 80_000) < 1e-12, String(u[0]));
  assert.ok(Math.abs(u[1]! - 79_600 / 80_000) < 1e-12, String(u[1]));
});

test('baseline sample, 59500 ns from its first to its last event', () => {
  // CPU 0: sh 500 → 1500 (1000 ns); CPU 1: ksh 0 → 3500 and the reaper 3700 → 53800 (53600 ns), relative to +500
  assert.deepEqual(utilisationPerCpu(read(fixture('btrace-baseline.txt')).table), [1000 / 59_500, 53_600 / 59_500]);
});

test('an empty table: one 0 per CPU it declares', () => {
  const empty = read('').table;
  assert.deepEqual(utilisationPerCpu(empty), []);
  assert.deepEqual(utilisationPerCpu({ ...empty, cpuCount: 3 }), [0, 0, 0]);
});

test('from the metrics pass\'s busy time: the same shares (patched sample: 34800 and 99600 ns busy of 100000)', () => {
  const table = read(fixture('btrace-patched-begin-end.txt')).table;
  const m = baseMetrics(table);
  assert.deepEqual(m.busyNsPerCpu, [34_800, 99_600]);
  assert.deepEqual(utilisationOfBusy(m.busyNsPerCpu, m.spanNs), [0.348, 0.996]);
  assert.deepEqual(utilisationOfBusy(m.busyNsPerCpu, m.spanNs), utilisationPerCpu(table));
  assert.deepEqual(utilisationOfBusy([5, 7], 0), [0, 0], 'an empty span');
});
