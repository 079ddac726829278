import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, read } from '../trace/trace-test-helpers';
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

test('patched btrace with BEGIN and END: the fixture README facts', () => {
  const s = summary('btrace-patched-begin-end.txt');
  assert.equal(s.format, 'btrace');
  assert.equal(s.events, 12, '13 lines less END (BEGIN gives the start event)');
  assert.equal(s.spanNs, 100_000, 'BEGIN → END');
  assert.deepEqual(s.reapers.map((r) => [r.cpu, r.comm, r.tid, r.runs, r.busyNs, r.reaps]), [
    [0, 'reaper0', 100010, 1, 13_800, 1], // +21200 → +35000, uvm_exit at +30000
    [1, 'reaper1', 100011, 1, 4_900, 0], // +40300 → +45200
  ]);
  // exit(2) at +20000, uvm_exit at +30000
  assert.equal(s.exitToReapNs.mean, 10_000);
  assert.equal(s.exitToReapNs.startsAt, 'exit');
  assert.equal(s.idleHops, 0, 'sh switches to reaper0, not to idle');
  // busy 34800 + 99600 over 2 × 100000 ns
  assert.equal(s.utilisation, 0.672);
  assert.deepEqual(s.utilisationPerCpu, [0.348, 0.996]);
  assert.equal(s.exitToFree, undefined);
});

for (const [name, exits, paired] of [['linux-storm.report.txt', 27, 25], ['linux-runtime.report.txt', 15, 13], ['linux-tracefs-storm.txt', 11, 10]] as const) {
  test(`${name}: ${exits} exits, ${paired} paired with a later free (fixture README)`, () => {
    const s = summary(name);
    assert.equal(s.format, 'ftrace');
    assert.equal(s.exits, exits);
    assert.equal(s.exitToFree?.count, paired);
    assert.equal(s.exitToFree?.unpairedExits, exits - paired);
    assert.equal(s.exitToFree?.freesWithoutExit, 0);
    assert.equal(s.exitToFree?.exitToFree.count, paired);
    assert.equal(s.exitToReapNs.inferred, false, 'sched_process_free is recorded, not inferred');
    assert.deepEqual(s.reapers, []);
  });
}

test('linux-storm: counts from the report text', () => {
  const s = summary('linux-storm.report.txt');
  // 339 sched_switch lines; 2 CPUs; 14 lines of events not modelled (3 exec + 11 wait)
  assert.equal(s.contextSwitches, 339);
  assert.equal(s.cpus, 2);
  assert.equal(s.unknownLines, 14);
  // awk over the report: 31 sched_waking with target_cpu ≠ the line's CPU, 5 sched_wakeup_new with CPU: ≠ it
  assert.equal(s.crossCpuWakeups, 31 + 5);
  // the first line at 1063.645099192 s, the last at 1063.829097445 s
  assert.equal(s.spanNs, 183_998_253);
  // no swapper in the report: neither CPU went idle
  assert.deepEqual(s.utilisationPerCpu, [1, 1]);
});
