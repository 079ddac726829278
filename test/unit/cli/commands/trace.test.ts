import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceCommand } from '../../../../src/cli/commands/trace';
import { InputError, UsageError, type CliIo } from '../../../../src/cli/command';
import { TRACES } from '../../core/trace/trace-test-helpers';

function fakeIo(stdin = ''): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(t: string) { io.stdout += t; },
    err(t: string) { io.stderr += t; },
    readStdin: async () => new TextEncoder().encode(stdin),
  };
  return io;
}

const BTRACE = join(TRACES, 'btrace-baseline.txt');
const FTRACE = join(TRACES, 'ftrace-flags5.txt');

test('trace --json prints the documented summary shape with the fixture facts', async () => {
  const io = fakeIo();
  assert.equal(await traceCommand.run([BTRACE, '--json'], io), 0);
  const j = JSON.parse(io.stdout);
  assert.equal(j.format, 'btrace');
  assert.equal(j.events, 15);
  assert.equal(j.cpus, 2);
  assert.equal(j.spanNs, 59_500);
  assert.equal(j.unknownLines, 1);
  assert.deepEqual(j.reapers.map((r: Record<string, unknown>) => [r.cpu, r.comm, r.runs, r.busyNs, r.reaps]), [[1, 'reaper', 1, 50_100, 1]]);
  assert.deepEqual(j.exitToReapNs, { count: 1, mean: 8500, p50: 8500, p90: 8500, p99: 8500, max: 8500, inferred: true, startsAt: 'exit' });
  // 13 unknown probe, 14 junk, 15: no END line (the fixture is an older recording)
  assert.deepEqual(j.diagnostics.map((d: { line: number }) => d.line), [13, 14, 15]);
});

test('trace prints a readable summary and names file:line for each diagnostic on stderr', async () => {
  const io = fakeIo();
  assert.equal(await traceCommand.run([BTRACE], io), 0);
  assert.match(io.stdout, /reaper\s+1\s+50\.1 µs\s+1/);
  assert.match(io.stdout, /exit→reap latency \(inferred\): n=1 mean 8.50 µs/, "8500 ns, as --json says, in the panel's and hovers' three significant digits");
  assert.match(io.stderr, /btrace-baseline\.txt:14: warning junk-line/);
});

test('trace - reads standard input; a Linux trace shows the exit→free split', async () => {
  const io = fakeIo(readFileSync(FTRACE, 'utf8'));
  assert.equal(await traceCommand.run(['-', '--json'], io), 0);
  const j = JSON.parse(io.stdout);
  assert.equal(j.format, 'ftrace');
  assert.deepEqual(j.reapers, []);
  assert.equal(j.exitToFree.count, 1);
  assert.equal(j.exitToFree.switchToFree.mean, 2_750_000);
});

test('trace A --against B compares the same metrics side by side', async () => {
  const io = fakeIo();
  assert.equal(await traceCommand.run([BTRACE, '--against', FTRACE, '--json'], io), 0);
  const j = JSON.parse(io.stdout);
  const row = (m: string) => j.rows.find((r: { metric: string }) => r.metric === m);
  assert.deepEqual([row('reaperBusyNs').a, row('reaperBusyNs').b], [50_100, 0]);
  // ftrace-flags5.txt: 3 switches (off-cpu + on-cpu each: 6), fork, wakeup_new, exit, free, the
  // migration (dequeue + enqueue: 2), and sched_stat_runtime kept as a generic instant: 13.
  assert.deepEqual([row('events').a, row('events').b, row('events').delta], [15, 13, -2]);
});

test('trace --export chrome and csv write files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-trace-'));
  try {
    const json = join(dir, 't.json');
    assert.equal(await traceCommand.run([BTRACE, '--export', 'chrome', '-o', json], fakeIo()), 0);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    assert.ok(doc.traceEvents.some((e: { cat?: string }) => e.cat === 'reaper'));
    const csv = join(dir, 't.csv');
    assert.equal(await traceCommand.run([BTRACE, '--export', 'csv', '-o', csv], fakeIo()), 0);
    const lines = readFileSync(csv, 'utf8').split('\n');
    assert.equal(lines[0], 'metric,unit,value');
    assert.ok(lines.includes('reaperBusyNs,ns,50100'));
    assert.ok(lines.includes('cpu1.reaps,count,1'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input is an InputError naming file and line; usage mistakes are UsageErrors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-trace-'));
  try {
    const notTrace = join(dir, 'mail.txt');
    writeFileSync(notTrace, '\nFrom: someone\nSubject: hello\n');
    await assert.rejects(traceCommand.run([notTrace], fakeIo()), (e: Error) => e instanceof InputError && e.message.startsWith(`${notTrace}:2:`));
    await assert.rejects(traceCommand.run([join(dir, 'missing.txt')], fakeIo()), InputError);
    await assert.rejects(traceCommand.run([], fakeIo()), UsageError);
    await assert.rejects(traceCommand.run([BTRACE, '--export', 'svg', '-o', 'x'], fakeIo()), UsageError);
    await assert.rejects(traceCommand.run([BTRACE, '--export', 'csv'], fakeIo()), UsageError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const BEGIN_END = join(TRACES, 'btrace-patched-begin-end.txt');

test('trace --simulate --json: baseline and patched on the trace\'s 2 CPUs for its 100 µs (BEGIN to END)', async () => {
  const io = fakeIo();
  assert.equal(await traceCommand.run([BEGIN_END, '--simulate', '--json'], io), 0);
  const j = JSON.parse(io.stdout);
  // The trace summary is still there, unchanged.
  assert.equal(j.format, 'btrace');
  assert.equal(j.cpus, 2);
  assert.equal(j.spanNs, 100_000);
  const s = j.simulation;
  assert.deepEqual(s.runs.map((r: Record<string, unknown>) => [r.label, r.origin, r.cpus, r.spanNs]), [
    [BEGIN_END, 'traced', 2, 100_000],
    ['baseline', 'simulated', 2, 100_000],
    ['patched', 'simulated', 2, 100_000],
  ]);
  assert.deepEqual([s.machine.cpus, s.machine.traceSpanNs, s.machine.durationNs, s.machine.clampNote], [2, 100_000, 100_000, null]);
  assert.equal(s.workload, 'kernel-build');
  assert.equal(s.seed, 1);
  const row = (key: string): number[] => s.metrics.find((m: { key: string }) => m.key === key).values;
  // The trace's column is the trace's own numbers: one inferred exit→reap of 10 µs (exit at 20 µs, reap at 30 µs).
  assert.equal(row('exitToReapNs.mean')[0], 10_000);
  assert.equal(row('contextSwitches')[0], 4);
  assert.ok(s.metrics.every((m: { values: unknown[] }) => m.values.length === 3));
  // The simulated machine ran: both variants switched threads on their 2 CPUs.
  assert.ok(row('contextSwitches')[1]! > 0 && row('contextSwitches')[2]! > 0, String(row('contextSwitches')));
});

test('trace --simulate prints the summary, then one column per run naming both variants', async () => {
  const io = fakeIo();
  assert.equal(await traceCommand.run([BEGIN_END, '--simulate', '--workload', 'thread-churn', '--seed', '3'], io), 0);
  assert.match(io.stdout, /^.*btrace-patched-begin-end\.txt: btrace, 12 events on 2 CPUs over 100 µs/);
  assert.match(io.stdout, /Simulated baseline and patched on the trace's 2 CPU\(s\) for 100 µs \(thread-churn, seed 3\)/);
  assert.match(io.stdout, /metric\s+\S+btrace-patched-begin-end\.txt \(traced\)\s+baseline \(simulated\)\s+patched \(simulated\)/);
  assert.match(io.stdout, /CPUs\s+2\s+2\s+2\n/);
  assert.match(io.stdout, /span\s+100 µs\s+100 µs\s+100 µs\n/);
  assert.ok(io.stdout.indexOf('reapers:') < io.stdout.indexOf('Simulated baseline'), 'the trace summary comes first');
});

test('trace --simulate: usage mistakes', async () => {
  await assert.rejects(traceCommand.run([BEGIN_END, '--simulate', '--against', BTRACE], fakeIo()), UsageError);
  await assert.rejects(traceCommand.run([BEGIN_END, '--seed', '2'], fakeIo()), /--workload and --seed go with --simulate/);
  await assert.rejects(traceCommand.run([BEGIN_END, '--simulate', '--workload', 'poisson'], fakeIo()), UsageError);
  await assert.rejects(traceCommand.run([BEGIN_END, '--simulate', '--seed', '-1'], fakeIo()), UsageError);
  // Without --simulate the output has no simulation.
  const io = fakeIo();
  await traceCommand.run([BEGIN_END, '--json'], io);
  assert.equal(JSON.parse(io.stdout).simulation, undefined);
});

test('trace FILE.dat: trace-cmd trace.dat read by file offset, the same summary as its report text', async () => {
  const dat = fakeIo();
  assert.equal(await traceCommand.run([join(TRACES, 'linux-storm.v7-zstd.dat'), '--json'], dat), 0);
  const text = fakeIo();
  assert.equal(await traceCommand.run([join(TRACES, 'linux-storm.report.txt'), '--json'], text), 0);
  const a = JSON.parse(dat.stdout);
  const b = JSON.parse(text.stdout);
  assert.equal(a.format, 'trace-dat');
  // 1150 events (see the trace.dat reader's test); 27 exits, 25 paired with a later free, 2 not
  assert.equal(a.events, 1150);
  assert.deepEqual([a.exitToFree.count, a.exitToFree.unpairedExits, a.exitToFree.freesWithoutExit], [25, 2, 0]);
  for (const key of ['events', 'cpus', 'spanNs', 'exits', 'contextSwitches', 'crossCpuWakeups', 'exitToFree']) assert.deepEqual(a[key], b[key], key);
  assert.ok(dat.stdout.endsWith('}\n'));
});

test('trace text output: skipped lines summarised by event name, last line ends with a newline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-trace-'));
  try {
    const file = join(dir, 'broken.txt');
    const lines = readFileSync(FTRACE, 'utf8').split('\n');
    // 60 sched_switch lines with a payload the reader does not understand, after the sample
    for (let i = 0; i < 60; i++) lines.push(`          worker-2001  [001] d..2.  5000.0${String(10 + i).padStart(5, '0')}: sched_switch: garbled`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const io = fakeIo();
    assert.equal(await traceCommand.run([file], io), 0);
    const skipped = io.stderr.split('\n').filter((l) => l.includes('skipped-lines'));
    assert.equal(skipped.length, 1, io.stderr);
    assert.match(skipped[0]!, /sched_switch: 60 lines skipped, first at line \d+: payload not understood/);
    assert.ok(io.stdout.endsWith('\n') && io.stderr.endsWith('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
