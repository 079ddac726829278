import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind as K } from '../../../../src/core/events/event-kind';
import { baseMetrics, computeMetrics, windowOf } from '../../../../src/core/analysis/run-metrics';
import { utilisationPerCpu } from '../../../../src/core/analysis/trace-cpu-metrics';
import { backlogSeries } from '../../../../src/core/analysis/backlog';
import { lockWaitByName } from '../../../../src/core/analysis/lock-wait';
import { buildRunView } from '../../../../src/core/analysis/activity-view';

/** The baseline exit path of one thread on 2 CPUs, written out by hand (ns). */
function baselineExit() {
  const b = new EventTableBuilder();
  const s = b.strings;
  const cc = s.intern('cc'), idle0 = s.intern('idle0'), reaper = s.intern('reaper'), kl = s.intern('kernel_lock'), dp = s.intern('deadproc_mutex');
  b.push(0, 0, K.OnCpu, 7, 7, cc, 100, 0);
  b.push(100, 0, K.LockWait, 7, 7, cc, kl);
  b.push(300, 0, K.LockAcquire, 7, 7, cc, kl);
  b.push(400, 0, K.Exit, 7, 7, cc, 0, 1);
  b.push(400, 0, K.Dead, 7, 7, cc, s.intern('spc_deadproc'), 0);
  b.push(450, 0, K.LockRelease, 7, 7, cc, kl);
  b.push(500, 0, K.OffCpu, 7, 7, cc, 100, 0);
  b.push(600, 0, K.OnCpu, 100, 0, idle0, 7, 7);
  b.push(700, 1, K.LockWait, 101, 0, s.intern('idle1'), dp);
  b.push(750, 1, K.LockAcquire, 101, 0, s.intern('idle1'), dp);
  b.push(800, 0, K.Wakeup, 100, 0, idle0, 102, 1);
  b.push(900, 1, K.OnCpu, 102, 0, reaper, 101, 0);
  b.push(1900, 1, K.Reap, 102, 0, reaper, 7, 7);
  b.push(2000, 1, K.OffCpu, 102, 0, reaper, 101, 0);
  return b.finish();
}

test('metrics of a hand-written baseline exit', () => {
  const m = computeMetrics(baselineExit(), { spanNs: 2000, cpus: 2 });
  assert.deepEqual(m.exitToReapNs, { count: 1, mean: 1500, p50: 1500, p90: 1500, p99: 1500, max: 1500 });
  assert.equal(m.exitToReapInferred, false);
  assert.deepEqual(m.reapsPerCpu, [0, 1]);
  assert.deepEqual(m.reaperBusyNsPerCpu, [0, 1100]);
  assert.equal(m.backlogMax, 1);
  assert.deepEqual(m.lockWaitNs, { deadproc_mutex: 50, kernel_lock: 200, sched_lock: 0 });
  assert.equal(m.idleHops, 1);
  assert.equal(m.crossCpuWakeups, 1);
  assert.equal(m.contextSwitches, 2);
  assert.equal(m.exits, 1);
  assert.equal(m.exitsPerSec, 1 / 2e-6);
  // busy (non-idle): cc 0..500 on CPU 0, reaper 900..2000 on CPU 1 → 1600 of 4000 ns
  assert.equal(m.utilisation, 1600 / 4000);
});

test('baseMetrics: the same metrics without backlog and lock waits, in the same order, with the busy time per CPU and the reapers', () => {
  const table = baselineExit();
  const { busyNsPerCpu, reapers, ...base } = baseMetrics(table, { spanNs: 2000, cpus: 2 });
  const { backlogMax: _backlog, lockWaitNs: _locks, ...rest } = computeMetrics(table, { spanNs: 2000, cpus: 2 });
  assert.deepEqual(Object.keys(base), Object.keys(rest));
  assert.deepEqual(base, rest);
  // cc 0..500 on CPU 0, reaper 900..2000 on CPU 1 (idle0 from 600 is not busy)
  assert.deepEqual(busyNsPerCpu, [500, 1100]);
  // the reaper (tid 102): one run 900..2000 on CPU 1, one reap
  assert.deepEqual(reapers, [{ cpu: 1, comm: 'reaper', tid: 102, runs: 1, busyNs: 1100, reaps: 1 }]);
});

test('backlog goes up at the exit and down at the reap; waits pair per CPU', () => {
  const t = baselineExit();
  const b = backlogSeries(t);
  assert.deepEqual([...b.ts], [400, 1900]);
  assert.deepEqual([...b.value], [1, 0]);
  assert.equal(lockWaitByName(t)['kernel_lock'], 200);
});

test('run view: bins, per-CPU series and the histogram hold the same facts', () => {
  const v = buildRunView(baselineExit(), 'baseline', 'simulated', { spanNs: 2000, cpus: 2, bins: 4 });
  assert.equal(v.binNs, 500);
  assert.deepEqual(v.reaperBusyNs, [[0, 0, 0, 0], [0, 100, 500, 500]]);
  assert.deepEqual(v.reaps, [[0, 0, 0, 0], [0, 0, 0, 1]]);
  assert.deepEqual(v.utilisation[0], [1, 0, 0, 0]);
  assert.deepEqual(v.backlog, [1, 1, 1, 1]);
  assert.equal(v.exitToReap.counts.reduce((a, b) => a + b, 0), 1);
  assert.equal(v.exitToReap.edgesNs.length, v.exitToReap.counts.length + 1);
  assert.equal(v.exitToReapInferred, false);
});

test('the end of the recording closes open runs for the metrics and the view, as for the reapers', () => {
  // idle0 (idle) from 600 and nothing else open: a reaper switched in at 2000 on CPU 1
  const b = new EventTableBuilder();
  const s = b.strings;
  const cc = s.intern('cc'), reaper = s.intern('reaper1');
  b.push(0, 0, K.OnCpu, 7, 7, cc);
  b.push(1000, 0, K.OffCpu, 7, 7, cc, 100, 0);
  b.push(2000, 1, K.OnCpu, 102, 0, reaper);
  const table = b.finish(5000);
  const m = computeMetrics(table, { cpus: 2 });
  assert.equal(m.spanNs, 5000);
  // the reaper runs 2000 → 5000 (the end), cc 0 → 1000
  assert.deepEqual(m.reaperBusyNsPerCpu, [0, 3000]);
  assert.equal(m.utilisation, (1000 + 3000) / (5000 * 2));
  // a simulation's span gives the same numbers: its table ends at that span
  assert.deepEqual(computeMetrics(table, { cpus: 2, spanNs: 5000 }), m);
  const view = buildRunView(table, 'run', 'traced', { bins: 5, cpus: 2 });
  assert.equal(view.spanNs, 5000);
  assert.deepEqual(view.reaperBusyNs[1], [0, 0, 1000, 1000, 1000]);
});

test('the start of the recording (a btrace BEGIN) opens the window: the idle head before the first event counts', () => {
  // nothing recorded for 1000 ns after the start, then cc runs 1000 → 3000 on CPU 0; the end at 5000
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  b.push(1000, 0, K.OnCpu, 7, 7, cc);
  b.push(3000, 0, K.OffCpu, 7, 7, cc, 100, 0);
  const ended = b.finish(5000);
  const started = { ...ended, startTs: 0 };
  assert.deepEqual(windowOf(started, {}), { start: 0, end: 5000, spanNs: 5000 });
  assert.equal(computeMetrics(started).utilisation, 2000 / 5000);
  assert.deepEqual(utilisationPerCpu(started), [2000 / 5000]);
  const view = buildRunView(started, 'run', 'traced', { bins: 5, cpus: 1 });
  assert.equal(view.binNs, 1000);
  assert.deepEqual(view.utilisation[0], [0, 1, 1, 0, 0]);
  // without it (ftrace, older btrace) the window starts at the first event, as before
  assert.deepEqual(windowOf(ended, {}), { start: 1000, end: 5000, spanNs: 4000 });
  assert.deepEqual(utilisationPerCpu(ended), [2000 / 4000]);
  // a start recorded after the first event never cuts events off
  assert.deepEqual(windowOf({ ...ended, startTs: 2000 }, {}), windowOf(ended, {}));
  // a simulation's span still decides: 0 to its duration
  assert.deepEqual(windowOf(started, { spanNs: 5000 }), { start: 0, end: 5000, spanNs: 5000 });
});
