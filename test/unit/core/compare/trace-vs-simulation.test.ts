import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SIMULATED_SPAN_NS, simulateTraceMachine, traceAndSimulatedRuns, traceMachine, traceSimulationNote } from '../../../../src/core/compare/trace-vs-simulation';
import { defaultCosts } from '../../../../src/core/sim/costs';
import { fixture, read } from '../trace/trace-test-helpers';

const line = (ts: bigint, cpu: number, probe: string, comm: string): string => `${ts} ${cpu} 100 5 ${probe} 0 0 0 ${comm}`;

test('the machine of btrace-patched-begin-end.txt: 2 CPUs, 100 µs from BEGIN to END, not clamped', () => {
  const m = traceMachine(read(fixture('btrace-patched-begin-end.txt')).table);
  assert.deepEqual(m, { cpus: 2, traceSpanNs: 100_000, durationNs: 100_000, clampNote: null });
});

test('a trace longer than 2 s is simulated for 2 s, and the note says so', () => {
  const base = 1_720_624_900_000_000_000n;
  const text = [`${base} 0 0 0 BEGIN 0 0 0 -`, line(base + 1000n, 3, 'tracepoint:sched:off__cpu', 'sh'), `${base + 3_000_000_000n} 0 0 0 END 0 0 0 -`].join('\n');
  const m = traceMachine(read(text).table);
  assert.equal(m.cpus, 4, 'CPU 3 seen');
  assert.equal(m.traceSpanNs, 3e9);
  assert.equal(m.durationNs, MAX_SIMULATED_SPAN_NS);
  assert.match(traceSimulationNote(m, { workload: 'fork-storm', seed: 2, costs: defaultCosts() }), /on the trace's 4 CPU\(s\) for 2\.00 s \(fork-storm, seed 2\).*covers 3\.00 s; simulated 2\.00 s only/);
});

test('a trace of one event covers no time: 1 ms is simulated instead, on at least one CPU', () => {
  const m = traceMachine(read(line(1_000_000n, 0, 'tracepoint:sched:off__cpu', 'sh')).table);
  assert.deepEqual([m.cpus, m.traceSpanNs, m.durationNs], [1, 0, 1e6]);
  assert.match(m.clampNote ?? '', /covers no time/);
});

test('the runs: the trace as traced, then baseline and patched on its machine, same seed gives the same events', () => {
  const table = read(fixture('btrace-patched-begin-end.txt')).table;
  const machine = traceMachine(table);
  const options = { workload: 'kernel-build' as const, seed: 1, costs: defaultCosts() };
  const sims = simulateTraceMachine(machine, options);
  assert.deepEqual(sims.map((r) => [r.input.variant, r.input.cpus, r.input.durationNs]), [['baseline', 2, 100_000], ['patched', 2, 100_000]]);
  assert.deepEqual(Array.from(simulateTraceMachine(machine, options)[1]!.table.ts), Array.from(sims[1]!.table.ts));
  const runs = traceAndSimulatedRuns({ table, label: 'x.txt' }, sims);
  assert.deepEqual(runs.map((r) => [r.label, r.origin, r.cpus, r.spanNs]), [['x.txt', 'traced', undefined, undefined], ['baseline', 'simulated', 2, 100_000], ['patched', 'simulated', 2, 100_000]]);
});

test('a trace with more CPUs than the model has is simulated on 256, and the note says so', () => {
  const base = 1_720_624_900_000_000_000n;
  const text = [`${base} 0 0 0 BEGIN 0 0 0 -`, line(base + 1000n, 599, 'tracepoint:sched:off__cpu', 'sh'), `${base + 1_000_000n} 0 0 0 END 0 0 0 -`].join('\n');
  const m = traceMachine(read(text).table);
  assert.equal(m.cpus, 256);
  assert.match(m.clampNote ?? '', /The trace has 600 CPUs; simulated 256/);
  const runs = simulateTraceMachine(m, { workload: 'kernel-build', seed: 1, costs: defaultCosts() });
  assert.ok(runs.length > 0, 'the simulation runs instead of throwing');
});
