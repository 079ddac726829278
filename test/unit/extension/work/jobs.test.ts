import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTraceText } from '../../../../src/core/trace/trace-reader';
import { COST_NAMES } from '../../../../src/core/sim/costs';
import { countEvents, runJob } from '../../../../src/extension/work/jobs';
import { JobCancelled } from '../../../../src/extension/work/work-protocol';
import { workspace } from '../../seed';

const btrace = readFileSync(join(workspace, 'traces/btrace-baseline.txt'));
const quiet = { progress: () => undefined, cancelled: false };

test('event counts by kind add up to the 15 events of the btrace sample', () => {
  const read = readTraceText(btrace);
  assert.equal(read.kind, 'trace');
  if (read.kind !== 'trace') return;
  const counts = countEvents(read, 'btrace-baseline.txt');
  assert.equal(counts.kernel, 'openbsd');
  assert.equal(Object.values(counts.byKind).reduce((a, b) => a + b, 0), 15);
  // One reap: the reaper's uvm_exit (the sample's README).
  assert.equal(counts.byKind.reap, 1);
  assert.equal(counts.label, 'btrace-baseline.txt');
});

test('the chrome-trace job exports the sample with progress, and stops when cancelled', async () => {
  const fractions: number[] = [];
  const result = await runJob({ job: 'chrome-trace', trace: { bytes: btrace, fileName: 'b.txt' } }, { progress: (f) => { if (f !== null) fractions.push(f); }, cancelled: false });
  assert.equal(result.job, 'chrome-trace');
  if (result.job !== 'chrome-trace') return;
  assert.equal(result.events, 15);
  const json = JSON.parse(result.json) as { traceEvents: { ph: string; name?: string }[] };
  assert.ok(json.traceEvents.some((e) => e.ph === 'X'));
  assert.ok(fractions.length > 0 && fractions.every((f) => f >= 0 && f <= 1));
  await assert.rejects(runJob({ job: 'chrome-trace', trace: { bytes: btrace, fileName: 'b.txt' } }, { ...quiet, cancelled: true }), JobCancelled);
});

test('a file that is no trace is an error naming the file', async () => {
  await assert.rejects(runJob({ job: 'chrome-trace', trace: { bytes: new TextEncoder().encode('hello\nworld\n'), fileName: 'notes.txt' } }, quiet), /notes\.txt/);
});

test('the trace job reads a trace-cmd trace.dat from its bytes (the trace editor opens *.dat): a Linux view', async () => {
  const dat = readFileSync(join(__dirname, '../../../fixtures/traces/linux-storm.v7-zstd.dat'));
  const result = await runJob({ job: 'trace', trace: { bytes: dat, fileName: 'trace.dat' } }, quiet);
  assert.equal(result.job, 'trace');
  if (result.job !== 'trace') return;
  assert.equal(result.counts.kernel, 'linux');
  // 1150 events (the trace.dat reader's test counts them by event name)
  assert.equal(Object.values(result.counts.byKind).reduce((a, b) => a + b, 0), 1150);
  assert.equal(result.counts.byKind.instant, 14);
});

test('a trace.dat given by path is read by offset in bounded pieces: the same counts as from its bytes', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { openFileByteSource } = await import('../../../../src/node/file-byte-source');
  const { EVENTS_PER_COPY, repeatedTraceDat } = await import('../../core/trace/trace-dat/repeat-trace-dat');
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-jobs-'));
  try {
    const path = join(dir, 'big.dat');
    const pieces = [...repeatedTraceDat(80)];
    writeFileSync(path, Buffer.concat(pieces));
    const reads: number[] = [];
    const open = async (p: string) => {
      const file = await openFileByteSource(p);
      return { ...file, read: (offset: number, length: number) => (reads.push(length), file.read(offset, length)), close: () => file.close() };
    };
    const byPath = await runJob({ job: 'trace', trace: { path, fileName: 'big.dat' } }, quiet, open);
    const size = pieces.reduce((n, p) => n + p.length, 0);
    assert.ok(size > 3 << 20, `the file (${size} bytes) is bigger than 3 reading windows`);
    // the reader's windows: 64 KiB for the metadata, 1 MiB of ring-buffer pages
    assert.ok(Math.max(...reads) <= 1 << 20, `largest read ${Math.max(...reads)} bytes`);
    assert.equal(byPath.job, 'trace');
    if (byPath.job !== 'trace') return;
    assert.equal(Object.values(byPath.counts.byKind).reduce((a, b) => a + b, 0), 80 * EVENTS_PER_COPY);
    const byBytes = await runJob({ job: 'trace', trace: { bytes: readFileSync(path), fileName: 'big.dat' } }, quiet);
    assert.deepEqual(byPath.counts, byBytes.job === 'trace' ? byBytes.counts : null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a text trace given by path is read in pieces; a host without a file opener says so', async () => {
  const path = join(__dirname, '../../../fixtures/traces/linux-tracefs-storm.txt');
  const byPath = await runJob({ job: 'trace', trace: { path, fileName: 'storm.txt' } }, quiet, (await import('../../../../src/node/file-byte-source')).openFileByteSource);
  const byBytes = await runJob({ job: 'trace', trace: { bytes: readFileSync(path), fileName: 'storm.txt' } }, quiet);
  assert.equal(byPath.job, 'trace');
  if (byPath.job !== 'trace' || byBytes.job !== 'trace') return;
  assert.deepEqual(byPath.counts, byBytes.counts);
  // 511 events (the fixture README): 766 rows, a switch giving two
  assert.equal(byPath.counts.kernel, 'linux');
  await assert.rejects(runJob({ job: 'trace', trace: { path, fileName: 'storm.txt' } }, quiet), /storm\.txt: this host cannot open files by path/);
});

// The panel's simulated views carry the model costs the runs used; trace views carry none.
test('the simulate job cites every cost, with the reaperscope.costs overrides marked', async () => {
  const result = await runJob({
    job: 'simulate', controls: { variants: ['baseline', 'patched'], workload: 'fork-storm', cpus: 2, seeds: 1 },
    costs: { contextSwitch: 3000, fork: { dist: 'fixed', meanNs: 20_000 } }, durationNs: 2e6,
  }, quiet);
  assert.equal(result.job, 'simulate');
  if (result.job !== 'simulate') return;
  assert.deepEqual(result.errors, []);
  const costs = result.view.costs!;
  assert.deepEqual(costs.map((c) => c.name), COST_NAMES);
  // fork set to its default value is not an override; the context switch is (default 2 µs, DESIGN.md).
  assert.deepEqual(costs.filter((c) => c.overridden).map((c) => [c.name, c.valueNs, c.defaultNs, c.source]),
    [['contextSwitch', 3000, 2000, 'docs/simulator.md cost defaults: 2 µs (1–5)']]);
});

test('a trace view has no costs', async () => {
  const bytes = readFileSync(join(workspace, 'traces/btrace-baseline.txt'));
  const result = await runJob({ job: 'trace', trace: { bytes, fileName: 'btrace-baseline.txt' } }, quiet);
  assert.equal(result.job, 'trace');
  if (result.job === 'trace') assert.equal(result.view.costs, undefined);
});
