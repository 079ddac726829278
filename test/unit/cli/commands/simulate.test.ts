import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';

test('simulate --json prints the documented shape; the same seed gives the same events', async () => {
  const args = ['simulate', '--variant', 'patched', '--cpus', '4', '--workload', 'fork-storm', '--duration-ms', '20', '--seed', '3', '--json'];
  const a = await runCli(args);
  assert.equal(a.status, 0, a.stderr);
  const r = JSON.parse(a.stdout);
  assert.deepEqual([r.variant, r.cpus, r.workload, r.seed], ['patched', 4, 'fork-storm', 3]);
  assert.ok(r.events > 0);
  assert.deepEqual(Object.keys(r.metrics.exitToReapNs), ['count', 'mean', 'p50', 'p90', 'p99', 'max']);
  assert.equal(r.metrics.reapsPerCpu.length, 4);
  assert.equal(r.metrics.reaperBusyNsPerCpu.length, 4);
  for (const k of ['deadproc_mutex', 'kernel_lock', 'sched_lock']) assert.equal(typeof r.metrics.lockWaitNs[k], 'number');
  for (const k of ['backlogMax', 'idleHops', 'crossCpuWakeups', 'exitsPerSec']) assert.equal(typeof r.metrics[k], 'number', k);
  assert.deepEqual([r.invariants.ok, r.invariants.violations], [true, []]);
  assert.equal(r.metrics.idleHops, 0, 'no idle hop after the patch');
  const b = JSON.parse((await runCli(args)).stdout);
  assert.equal(b.eventsSha256, r.eventsSha256);
  const c = JSON.parse((await runCli([...args.slice(0, -2), '4', '--json'])).stdout);
  assert.notEqual(c.eventsSha256, r.eventsSha256);
});

test('simulate text output, --trace-out read back by trace, costs from a file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-sim-'));
  try {
    const costs = join(dir, 'costs.json');
    writeFileSync(costs, JSON.stringify({ uvmExit: 400_000 }));
    const trace = join(dir, 'run.txt');
    const chrome = join(dir, 'run.json');
    const run = await runCli(['simulate', '--cpus', '2', '--duration-ms', '20', '--workload', 'fork-storm', '--costs', costs, '--trace-out', trace, '--chrome-out', chrome]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^baseline on 2 CPUs, fork-storm, 20 ms, seed 1: \d+ events/);
    assert.match(run.stdout, /invariants: ok/);
    const json = JSON.parse((await runCli(['simulate', '--cpus', '2', '--duration-ms', '20', '--workload', 'fork-storm', '--costs', costs, '--json'])).stdout);
    assert.equal(json.costs.uvmExit.meanNs, 400_000);
    const read = await runCli(['trace', trace, '--json']);
    assert.equal(read.status, 0, read.stderr);
    const summary = JSON.parse(read.stdout);
    assert.deepEqual(summary.reapers.map((x: { comm: string }) => x.comm), ['reaper']);
    assert.equal(readFileSync(trace, 'utf8').split('\n')[0]!.split(' ').length, 9);
    // The same run for Perfetto: its reaper runs are the slices marked `reaper`, as many as the trace says.
    const doc = JSON.parse(readFileSync(chrome, 'utf8')) as { traceEvents: { cat?: string; ph: string }[] };
    const reaperSlices = doc.traceEvents.filter((e) => e.cat === 'reaper' && e.ph === 'X').length;
    assert.ok(reaperSlices > 0);
    assert.equal(reaperSlices, summary.reapers.reduce((n: number, x: { runs: number }) => n + x.runs, 0));
    writeFileSync(costs, '{ nope');
    const bad = await runCli(['simulate', '--costs', costs]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /costs\.json: not JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage mistakes exit 2', async () => {
  assert.equal((await runCli(['simulate', '--variant', 'fast'])).status, 2);
  assert.equal((await runCli(['simulate', '--cpus', '300'])).status, 2);
  assert.equal((await runCli(['simulate', '--workload', 'poisson'])).status, 2);
  assert.equal((await runCli(['simulate', '--cost', 'nosuch=5'])).status, 2);
});
