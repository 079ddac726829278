import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildActivityView } from '../../../../src/core/analysis/activity-view';
import { readTraceText } from '../../../../src/core/trace/trace-reader';
import { simulate } from '../../../../src/core/sim/simulate';
import { computeMetrics } from '../../../../src/core/analysis/run-metrics';
import { siteCounts } from '../../../../src/core/analysis/site-metrics';

const traces = join(__dirname, '../../../fixtures/traces');
function read(name: string) {
  const r = readTraceText(readFileSync(join(traces, name)));
  assert.equal(r.kind, 'trace');
  if (r.kind !== 'trace') throw new Error(name);
  return r;
}
const sum = (grid: number[][]): number => grid.flat().reduce((a, b) => a + b, 0);
const row = (view: ReturnType<typeof buildActivityView>, key: string) => view.metrics.find((m) => m.key === key)!;

test('a btrace records no lock events: its lock waits are null (not recorded), its reaper is there', () => {
  const r = read('btrace-baseline.txt');
  const view = buildActivityView([{ table: r.table, label: 'b', origin: 'traced', kernel: 'openbsd' }], { title: 't', source: 'trace' });
  assert.deepEqual(view.runs[0]!.recorded, { locks: false, reaper: true });
  assert.deepEqual(row(view, 'lockWaitNs.deadproc_mutex').values, [null]);
  // The sample's one cross-CPU wakeup: idle0 on CPU 0 wakes the reaper onto CPU 1 (README facts), counted on CPU 0.
  assert.equal(sum(view.runs[0]!.crossCpuWakeups), 1);
  assert.equal(view.runs[0]!.crossCpuWakeups[0]!.reduce((a, b) => a + b, 0), 1);
  assert.deepEqual(row(view, 'crossCpuWakeups.reaper').values, [1]);
  assert.deepEqual(row(view, 'crossCpuWakeups.other').values, [0]);
});

test('a Linux trace: no reaper (its reaper figures null), exit→free in the latency rows and histogram', () => {
  const r = read('ftrace-flags5.txt');
  const view = buildActivityView([{ table: r.table, label: 'f', origin: 'traced', kernel: 'linux' }], { title: 't', source: 'trace' });
  const run = view.runs[0]!;
  assert.equal(run.kernel, 'linux');
  assert.equal(run.recorded.reaper, false);
  // Facts: worker exits at 5000.000200 s and is freed at 5000.003000 s: exit→free 2800 µs.
  const mean = row(view, 'exitToReapNs.mean');
  assert.equal(mean.label, 'exit→free mean');
  assert.equal(mean.values[0], 2_800_000);
  assert.equal(run.exitToReap.counts.reduce((a, b) => a + b, 0), 1);
  assert.deepEqual(row(view, 'reaperBusyNs').values, [null]);
});

test('simulated runs: per-CPU idle hops and cross-CPU wakeups add up to the run\'s metrics', () => {
  const sim = simulate({ variant: 'baseline', cpus: 4, workload: 'kernel-build', seed: 1, durationNs: 20e6 });
  const view = buildActivityView([{ table: sim.table, label: 'baseline', origin: 'simulated', spanNs: 20e6, cpus: 4 }], { title: 't', source: 'simulation' });
  const m = computeMetrics(sim.table, { spanNs: 20e6, cpus: 4 });
  assert.ok(m.idleHops > 0, 'the baseline hops to idle');
  assert.equal(sum(view.runs[0]!.idleHops), m.idleHops);
  assert.equal(sum(view.runs[0]!.crossCpuWakeups), m.crossCpuWakeups);
  // The split of wakeups by who is woken covers every cross-CPU wakeup once.
  const c = siteCounts(sim.table);
  assert.equal(c.reaperCrossCpuWakeups + c.otherCrossCpuWakeups, m.crossCpuWakeups);
  assert.deepEqual(view.runs[0]!.recorded, { locks: true, reaper: true });
});
