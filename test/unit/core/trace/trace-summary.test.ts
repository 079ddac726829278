import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, read } from './trace-test-helpers';
import { summarizeTrace } from '../../../../src/core/analysis/trace-summary';

function summary(name: string) {
  const r = read(fixture(name));
  return summarizeTrace({ format: r.format, table: r.table, unknownLines: r.unknownLines, junkLines: r.junkLines, diagnostics: r.diagnostics });
}

test('btrace sample summary: the fixture README facts', () => {
  const s = summary('btrace-baseline.txt');
  assert.deepEqual(s.reapers.map((r) => [r.cpu, r.comm, r.runs, r.busyNs, r.reaps]), [[1, 'reaper', 1, 50_100, 1]]);
  // from sh's exit(2) at +1500 ns to the reaper's uvm_exit at +10000 ns (fixture README)
  assert.deepEqual({ ...s.exitToReapNs }, { count: 1, mean: 8500, p50: 8500, p90: 8500, p99: 8500, max: 8500, inferred: true, startsAt: 'exit' });
  assert.equal(s.idleHops, 1, 'sh exits and CPU 0 switches to idle0');
  assert.equal(s.crossCpuWakeups, 1, 'idle0 on CPU 0 wakes the reaper onto CPU 1');
  assert.equal(s.contextSwitches, 4);
  assert.equal(s.exits, 1);
  // CPU 0: sh 500→1500; CPU 1: ksh 0→3500 and the reaper 3700→53800, over 59500 ns
  assert.deepEqual(s.utilisationPerCpu, [1000 / 59_500, 53_600 / 59_500]);
  assert.equal(s.exitToFree, undefined);
});

test('ftrace summary carries the exit→free split and no reapers', () => {
  const s = summary('ftrace-flags5.txt');
  assert.deepEqual(s.reapers, []);
  assert.equal(s.exitToFree?.count, 1);
  assert.equal(s.exitToFree?.exitToSwitch.mean, 50_000);
});

test('whole-machine utilisation is the mean of the per-CPU figures (one busy-time walk; Linux swapper, tid 0, is idle)', () => {
  for (const name of ['btrace-baseline.txt', 'ftrace-flags5.txt', 'ftrace-trace-cmd.txt']) {
    const s = summary(name);
    const mean = s.utilisationPerCpu.reduce((a, b) => a + b, 0) / s.utilisationPerCpu.length;
    assert.ok(s.utilisation > 0 && s.utilisation < 1, name);
    assert.ok(Math.abs(s.utilisation - mean) < 1e-12, `${name}: ${s.utilisation} vs ${mean}`);
  }
});
