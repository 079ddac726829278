import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind as K } from '../../../../src/core/events/event-kind';
import type { EventTable } from '../../../../src/core/events/event-table';
import { runPass } from '../../../../src/core/analysis/run-pass';
import { windowOf } from '../../../../src/core/analysis/run-metrics';
import { busyPerCpu } from '../../../../src/core/analysis/on-cpu-intervals';
import { findReapers } from '../../../../src/core/analysis/reaper-activity';
import { exitToReap } from '../../../../src/core/analysis/exit-to-reap';
import { summarize } from '../../../../src/core/analysis/stats';
import { exitFreeSplit } from '../../../../src/core/analysis/exit-free-split';
import { simulate } from '../../../../src/core/sim/simulate';
import { btraceChunks } from '../../../../src/core/trace/btrace-writer';
import { fixture, read } from '../trace/trace-test-helpers';

test('counts: an exit counts once per thread, an idle hop only after an exit, wakeups across CPUs, reaps per CPU', () => {
  const b = new EventTableBuilder();
  const s = b.strings;
  const sh = s.intern('sh'), cc = s.intern('cc'), idle0 = s.intern('idle0'), reaper = s.intern('reaper');
  b.push(0, 0, K.OnCpu, 100_007, 7, sh, 100_000, 0);
  b.push(50, 2, K.OffCpu, 100_008, 8, cc, 100_002, 0); // cc ran on CPU 2 since the start
  b.push(100, 0, K.OffCpu, 100_007, 7, sh, 100_000, 0);
  b.push(100, 0, K.OnCpu, 100_000, 0, idle0, 100_007, 7); // sh has not exited: no idle hop
  b.push(200, 0, K.OffCpu, 100_000, 0, idle0, 100_007, 7);
  b.push(200, 0, K.OnCpu, 100_007, 7, sh, 100_000, 0);
  b.push(300, 0, K.Syscall, 100_007, 7, sh, 1); // exit(2)
  b.push(310, 0, K.Exit, 100_007, 7, sh, -1, 1); // the same thread again: still one exit
  b.push(320, 0, K.Syscall, 100_007, 7, sh, 4); // write(2): no exit
  b.push(400, 0, K.OffCpu, 100_007, 7, sh, 100_000, 0);
  b.push(400, 0, K.OnCpu, 100_000, 0, idle0, 100_007, 7); // the idle hop
  b.push(450, 0, K.Wakeup, 100_000, 0, idle0, 100_009, 1); // onto CPU 1: cross-CPU
  b.push(460, 0, K.Wakeup, 100_000, 0, idle0, 100_010, 0); // onto CPU 0 itself
  b.push(470, 0, K.Wakeup, 100_000, 0, idle0, 100_011, -1); // CPU unknown
  b.push(500, 1, K.OnCpu, 100_009, 0, reaper, 100_001, 0);
  b.push(550, 2, K.Dead, 100_008, 8, cc, s.intern('deadproc'), -1); // cc enlisted, its exit not recorded
  b.push(600, 1, K.Reap, 100_009, 0, reaper);
  b.push(650, 1, K.Reap, 100_009, 0, reaper);
  b.push(700, 1, K.OffCpu, 100_009, 0, reaper, 100_001, 0);
  const table = b.finish();
  const pass = runPass(table, windowOf(table, {}), 3);
  assert.equal(pass.exitFree, undefined, 'not asked for');
  assert.equal(pass.exits, 1);
  assert.equal(pass.idleHops, 1);
  assert.equal(pass.crossCpuWakeups, 1);
  assert.equal(pass.contextSwitches, 5);
  assert.deepEqual(pass.reapsPerCpu, [0, 2, 0]);
  // sh ran 0..100 and 200..400 on CPU 0 (idle0 not busy); the reaper 500..700 on CPU 1; cc 0..50 on CPU 2
  assert.deepEqual(pass.busy, { busyNs: [300, 200, 50], reaperBusyNs: [0, 200, 0] });
  assert.deepEqual(pass.reapers, [{ cpu: 1, comm: 'reaper', tid: 100_009, runs: 1, busyNs: 200, reaps: 2 }]);
  // sh exited at 300 and left CPU 0 at 400; the reaper took it when it ran (500), reaped at 600.
  // cc, enlisted at 550, is taken after that reap (600) and reaped at 650: from its last off-cpu (50)
  // latencies 600 - 300 = 300 and 650 - 50 = 600
  assert.deepEqual(pass.exitToReap, {
    latencyNs: { count: 2, mean: 450, p50: 300, p90: 600, p99: 600, max: 600 },
    inferred: true,
    startsAt: 'mixed',
  });
});

/** Each part of the pass against the function that computes it alone. */
function assertAgrees(name: string, table: EventTable, cpus = table.cpuCount): void {
  const window = windowOf(table, {});
  const pass = runPass(table, window, cpus, true);
  assert.deepEqual(pass.busy, busyPerCpu(table, window, cpus), `${name}: busy time`);
  assert.deepEqual(pass.reapers, findReapers(table), `${name}: reapers`);
  const pairs = exitToReap(table);
  assert.deepEqual(pass.exitToReap, { latencyNs: summarize(pairs.latenciesNs), inferred: pairs.inferred, startsAt: pairs.startsAt }, `${name}: exit→reap`);
  assert.deepEqual(pass.exitFree, exitFreeSplit(table), `${name}: exit→free split`);
}

test('on the fixture traces, the pass gives what the busy-time, reaper, exit→reap and exit→free functions give alone', () => {
  for (const name of ['btrace-baseline.txt', 'btrace-patched-begin-end.txt', 'ftrace-flags5.txt', 'ftrace-trace-cmd.txt', 'linux-tracefs-storm.txt']) {
    const { table } = read(fixture(name));
    assert.ok(table.length > 0, name);
    assertAgrees(name, table);
    if (name.startsWith('linux')) assert.ok(exitFreeSplit(table).count > 0, `${name}: frees paired`);
  }
});

test('on simulated runs and their btrace text (exact and inferred pairs), the pass agrees with the functions alone', () => {
  for (const variant of ['baseline', 'patched', 'lockless'] as const) {
    const run = simulate({ variant, cpus: 4, workload: 'fork-storm', seed: 3, durationNs: 5e6 });
    assert.ok(exitToReap(run.table).latenciesNs.length > 0, `${variant}: reaps`);
    assertAgrees(`${variant} simulated`, run.table, 6);
    const traced = read([...btraceChunks(run.table)].join('')).table;
    assert.equal(exitToReap(traced).inferred, true);
    assertAgrees(`${variant} as btrace`, traced);
  }
});
