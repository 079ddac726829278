/**
 * Round trip through media/reaperscope.bt's line format: a simulator-like event table (exact
 * Reap events naming the reaped thread) → btrace lines, CPU buffers printed one after the
 * other → readTrace → the same reaper counts and busy times per CPU, exactly, and the same
 * latencies measured from each dead thread's last off-cpu.
 *
 * The lines are written by the simulator's own btrace writer (src/core/sim/btrace-writer.ts,
 * behind `simulate --trace-out`); the last tests run the real simulator through it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder, type EventTable } from '../../../../src/core/trace/event-table';
import { EventKind } from '../../../../src/core/trace/event-kind';
import { findReapers } from '../../../../src/core/analysis/reaper-activity';
import { exitToReap } from '../../../../src/core/analysis/exit-to-reap';
import { read } from './trace-test-helpers';
import { simulate } from '../../../../src/core/sim/simulate';
import type { VariantName } from '../../../../src/core/sim/variants';
import { summarize } from '../../../../src/core/analysis/stats';
import { btraceChunks } from '../../../../src/core/sim/btrace-writer';

const BASE = 1_720_624_895_000_000_000n;

/** A patched 2-CPU run: per-CPU reapers, three exits (two on CPU 1). */
function simulatedRun(): EventTable {
  const b = new EventTableBuilder(BASE);
  const s = (name: string): number => b.strings.intern(name);
  const [cc, ld, make, r0, r1, idle0, idle1] = ['cc', 'ld', 'make', 'reaper0', 'reaper1', 'idle0', 'idle1'].map(s) as number[];
  const K = EventKind;
  b.push(0, 0, K.OnCpu, 100100, 10, cc!);
  b.push(0, 1, K.OnCpu, 100200, 20, ld!);
  b.push(1000, 0, K.Exit, 100100, 10, cc!);
  b.push(1100, 0, K.Dead, 100100, 10, cc!, s('spc_deadproc'), 0);
  b.push(1200, 0, K.OffCpu, 100100, 10, cc!, 100010, 0);
  b.push(1200, 0, K.OnCpu, 100010, 0, r0!, 100100, 10);
  b.push(2000, 1, K.Exit, 100200, 20, ld!);
  b.push(2300, 1, K.OffCpu, 100200, 20, ld!, 100011, 0);
  b.push(2300, 1, K.OnCpu, 100011, 0, r1!, 100200, 20);
  b.push(6000, 0, K.Reap, 100010, 0, r0!, 100100, 10);
  b.push(6500, 0, K.OffCpu, 100010, 0, r0!, 100001, 0);
  b.push(6500, 0, K.OnCpu, 100001, 0, idle0!, 100010, 0);
  b.push(9000, 1, K.Reap, 100011, 0, r1!, 100200, 20);
  b.push(9100, 1, K.OffCpu, 100011, 0, r1!, 100300, 30);
  b.push(9100, 1, K.OnCpu, 100300, 30, make!, 100011, 0);
  b.push(11000, 1, K.Wakeup, 100300, 30, make!, 100011, 1);
  b.push(12000, 1, K.Exit, 100300, 30, make!);
  b.push(12100, 1, K.OffCpu, 100300, 30, make!, 100011, 0);
  b.push(12100, 1, K.OnCpu, 100011, 0, r1!, 100300, 30);
  b.push(15000, 1, K.Reap, 100011, 0, r1!, 100300, 30);
  b.push(15500, 1, K.OffCpu, 100011, 0, r1!, 100002, 0);
  b.push(15500, 1, K.OnCpu, 100002, 0, idle1!, 100011, 0);
  return b.finish();
}

/**
 * The simulator's btrace writer (what `simulate --trace-out` writes), its lines then grouped
 * by CPU, CPU 1 first, the way btrace prints its per-CPU buffers.
 */
function toBtrace(table: EventTable): string {
  const lines = [...btraceChunks(table)].join('').split('\n').filter((l) => l !== '');
  const cpuOf = (line: string): number => Number(line.split(' ')[1]);
  const cpus = [...new Set(lines.map(cpuOf))].sort((a, b) => b - a);
  return cpus.map((c) => lines.filter((l) => cpuOf(l) === c).join('\n')).join('\n') + '\n';
}

/** Latencies the way a trace measures them: reap − the reaped thread's last off-cpu before it. */
function latenciesFromLastOffCpu(table: EventTable): number[] {
  const lastOff = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < table.length; i++) {
    if (table.kind[i] === EventKind.OffCpu) lastOff.set(table.tid[i]!, table.ts[i]!);
    if (table.kind[i] === EventKind.Reap) out.push(table.ts[i]! - lastOff.get(table.arg0[i]!)!);
  }
  return out;
}

test('round trip: simulated run → btrace lines → reader gives the same reapers per CPU, exactly', () => {
  const sim = simulatedRun();
  const trace = read(toBtrace(sim));
  assert.deepEqual(trace.diagnostics, []);
  const expected = findReapers(sim);
  assert.deepEqual(expected.map((r) => [r.cpu, r.comm, r.runs, r.busyNs, r.reaps]), [[0, 'reaper0', 1, 5300, 1], [1, 'reaper1', 2, 10200, 2]]);
  assert.deepEqual(findReapers(trace.table), expected);
  assert.equal(trace.table.baseNs, BASE);
});

test('round trip: inferred exit→reap latencies equal the simulator\'s, measured from the last off-cpu', () => {
  const sim = simulatedRun();
  const trace = read(toBtrace(sim));
  const got = exitToReap(trace.table);
  assert.equal(got.inferred, true);
  assert.deepEqual([...got.latenciesNs].sort((a, b) => a - b), latenciesFromLastOffCpu(sim).sort((a, b) => a - b));
  assert.deepEqual(latenciesFromLastOffCpu(sim).sort((a, b) => a - b), [2900, 4800, 6700]);
  // the simulator's exact pairs count from Exit instead: longer by exit → final switch (200–300 ns here)
  assert.deepEqual([...exitToReap(sim).latenciesNs].sort((a, b) => a - b), [3000, 5000, 7000]);
});

/** The table with Reap events no longer naming the reaped thread: what a trace can know. */
function withoutReapedTids(table: EventTable): EventTable {
  const arg0 = table.arg0.slice();
  const arg1 = table.arg1.slice();
  for (let i = 0; i < table.length; i++) {
    if (table.kind[i] === EventKind.Reap) {
      arg0[i] = -1;
      arg1[i] = -1;
    }
  }
  return { ...table, arg0, arg1 };
}

for (const variant of ['baseline', 'patched', 'lockless'] as VariantName[]) {
  test(`round trip of a simulated ${variant} run (4 CPUs, poisson): reapers exact, latencies as the simulator's table infers them`, () => {
    const run = simulate({ variant, cpus: 4, workload: 'poisson', seed: 42, durationNs: 20_000_000 });
    const trace = read(toBtrace(run.table));
    assert.deepEqual(trace.diagnostics, []);
    const expected = findReapers(run.table);
    assert.ok(expected.length > 0 && expected.some((r) => r.reaps > 0), 'the run reaps something');
    assert.deepEqual(findReapers(trace.table), expected);
    const fromTrace = exitToReap(trace.table);
    const fromSim = exitToReap(withoutReapedTids(run.table));
    assert.equal(fromTrace.inferred, true);
    assert.ok(fromTrace.latenciesNs.length > 0);
    assert.deepEqual([...fromTrace.latenciesNs], [...fromSim.latenciesNs]);
    // against the simulator's exact pairs (Reap names the reaped thread): same count and mean;
    // per-CPU reapers take their threads in order, so there the whole distribution matches,
    // while the one global reaper takes them in another order than the inference pairs them
    const exact = summarize(exitToReap(run.table).latenciesNs);
    const inferred = summarize(fromTrace.latenciesNs);
    assert.equal(inferred.count, exact.count);
    assert.ok(Math.abs(inferred.mean - exact.mean) < 1, `mean ${inferred.mean} vs ${exact.mean}`);
    if (variant !== 'baseline') assert.deepEqual(inferred, exact);
  });
}
