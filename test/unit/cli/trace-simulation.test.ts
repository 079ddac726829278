import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CliIo } from '../../../src/cli/command';
import { readTraceFile } from '../../../src/cli/trace-file-reader';
import { renderTraceSimulation, simulateAlongside } from '../../../src/cli/trace-simulation';
import { TRACES } from '../core/trace/trace-test-helpers';

const io: CliIo = { out: () => {}, err: () => {}, readStdin: async () => new Uint8Array() };
const FILE = join(TRACES, 'btrace-patched-begin-end.txt');

test('the trace and both variants on its 2 CPUs for its 100 µs, one value per run for each metric', async () => {
  const { table } = await readTraceFile(FILE, io);
  const s = simulateAlongside('t.txt', table, { workload: 'fork-storm', seed: 2 });
  assert.deepEqual(s.runs.map((r) => [r.label, r.origin, r.cpus, r.spanNs]), [['t.txt', 'traced', 2, 100_000], ['baseline', 'simulated', 2, 100_000], ['patched', 'simulated', 2, 100_000]]);
  assert.deepEqual([s.workload, s.seed, s.machine.cpus], ['fork-storm', 2, 2]);
  assert.ok(s.metrics.length > 0 && s.metrics.every((m) => m.values.length === 3));
  // The trace's own column: one inferred exit→reap of 10 µs (exit at 20 µs, reap at 30 µs) and 4 switches.
  assert.equal(s.metrics.find((m) => m.key === 'exitToReapNs.mean')!.values[0], 10_000);
  assert.equal(s.metrics.find((m) => m.key === 'contextSwitches')!.values[0], 4);
  // Same inputs, same numbers; another seed changes the simulated columns only.
  assert.deepEqual(simulateAlongside('t.txt', table, { workload: 'fork-storm', seed: 2 }), s);
  const other = simulateAlongside('t.txt', table, { workload: 'fork-storm', seed: 3 });
  assert.deepEqual(other.metrics.map((m) => m.values[0]), s.metrics.map((m) => m.values[0]));
});

test('the text: the note, then a column per run with CPUs, span and every metric', async () => {
  const { table } = await readTraceFile(FILE, io);
  const s = simulateAlongside('t.txt', table, { workload: 'thread-churn', seed: 3 });
  const lines = renderTraceSimulation(s).split('\n');
  assert.equal(lines[0], s.note);
  assert.match(lines[1]!, /^ {2}metric +t\.txt \(traced\) +baseline \(simulated\) +patched \(simulated\)$/);
  assert.match(lines[2]!, /^ {2}CPUs +2 +2 +2$/);
  assert.match(lines[3]!, /^ {2}span +100 µs +100 µs +100 µs$/);
  // note, header, CPUs, span, a line per metric, and the final newline's empty rest
  assert.equal(lines.length, 4 + s.metrics.length + 1);
  for (const m of s.metrics) assert.ok(lines.some((l) => l.startsWith(`  ${m.label} `)), m.label);
  assert.equal(lines.at(-1), '');
});
