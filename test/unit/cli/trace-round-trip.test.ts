/**
 * The round trip through the command line: `simulate --trace-out FILE --json`, then
 * `trace FILE --json` gives the simulator's reaps and reaper busy time per CPU exactly, and its
 * exit→reap latencies up to what a trace cannot see: the inference starts at a dead thread's
 * last off-cpu, the simulator's exact pairs at its Exit (end of exit1), so the means differ by
 * the mean Exit → final switch time, computed here from the simulator's own table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateCommand } from '../../../src/cli/commands/simulate';
import { traceCommand } from '../../../src/cli/commands/trace';
import { simulate } from '../../../src/core/sim/simulate';
import { EventKind } from '../../../src/core/trace/event-kind';
import type { EventTable } from '../../../src/core/trace/event-table';
import type { CliIo } from '../../../src/cli/command';

function fakeIo(): CliIo & { stdout: string } {
  const io = { stdout: '', out(t: string) { io.stdout += t; }, err() {}, readStdin: async () => new Uint8Array() };
  return io;
}

/** Mean over exited threads of (last off-cpu − Exit), ns. */
function meanExitToFinalSwitch(table: EventTable): number {
  const exit = new Map<number, number>();
  const lastOff = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    if (table.kind[i] === EventKind.Exit) exit.set(table.tid[i]!, table.ts[i]!);
    if (table.kind[i] === EventKind.OffCpu && exit.has(table.tid[i]!)) lastOff.set(table.tid[i]!, table.ts[i]!);
  }
  const gaps = [...exit].filter(([tid]) => lastOff.has(tid)).map(([tid, t]) => lastOff.get(tid)! - t);
  return gaps.reduce((a, b) => a + b, 0) / gaps.length;
}

for (const variant of ['patched', 'lockless'] as const) {
  test(`simulate --trace-out → trace (${variant}, 4 CPUs, kernel-build): reapers per CPU exact, latency mean off by the exit→switch time`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reaperscope-rt-'));
    try {
      const file = join(dir, 'run.bt');
      const args = ['--variant', variant, '--cpus', '4', '--duration-ms', '20', '--seed', '3'];
      const simIo = fakeIo();
      assert.equal(await simulateCommand.run([...args, '--json', '--trace-out', file], simIo), 0);
      const sim = JSON.parse(simIo.stdout);
      const traceIo = fakeIo();
      assert.equal(await traceCommand.run([file, '--json'], traceIo), 0);
      const trace = JSON.parse(traceIo.stdout);
      assert.deepEqual(trace.diagnostics, []);
      const reapsPerCpu = new Array(4).fill(0);
      const busyPerCpu = new Array(4).fill(0);
      for (const r of trace.reapers) {
        reapsPerCpu[r.cpu] += r.reaps;
        busyPerCpu[r.cpu] += r.busyNs;
      }
      assert.deepEqual(reapsPerCpu, sim.metrics.reapsPerCpu);
      assert.deepEqual(busyPerCpu, sim.metrics.reaperBusyNsPerCpu);
      assert.equal(trace.exitToReapNs.inferred, true);
      assert.equal(trace.exitToReapNs.count, sim.metrics.exitToReapNs.count);
      const table = simulate({ variant, cpus: 4, workload: 'kernel-build', seed: 3, durationNs: 20e6 }).table;
      const gap = meanExitToFinalSwitch(table);
      assert.ok(gap > 0);
      assert.ok(Math.abs(sim.metrics.exitToReapNs.mean - trace.exitToReapNs.mean - gap) < 1e-6 * sim.metrics.exitToReapNs.mean,
        `sim mean ${sim.metrics.exitToReapNs.mean}, trace mean ${trace.exitToReapNs.mean}, exit→switch ${gap}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
