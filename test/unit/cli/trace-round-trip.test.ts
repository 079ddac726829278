/**
 * The round trip through the command line: `simulate --trace-out FILE --json`, then
 * `trace FILE --json` gives the simulator's reaps per CPU exactly, its reaper busy time per CPU
 * exactly for every CPU whose reaper is off the CPU when the run ends, and its exit→reap
 * latencies (count, mean, p50, p90, p99, max) within 1 ns: the exit syscall and kprobe lines
 * are written at the simulator's Exit and Reap events, and the trace's inference replays the
 * kernel's LIFO dead lists (src/core/analysis/dead-list-replay.ts).
 *
 * Not asserted, because a trace cannot know it: busy time of a reaper still running (or being
 * switched to) when the run ends — the simulator counts it to the end of the run, the trace
 * to its last line, which is all a recording shows. Baseline thread-churn latencies: see
 * test/unit/core/trace/round-trip.test.ts.
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

/** CPUs whose reaper is on it, or being switched to, when the simulated run ends. */
function reaperCpusRunningAtEnd(table: EventTable): Set<number> {
  const running = new Map<number, number>();
  const reapers = new Set<number>();
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    if (kind !== EventKind.OnCpu && kind !== EventKind.OffCpu) continue;
    if (/^reaper\d*$/.test(table.strings.get(table.comm[i]!))) reapers.add(table.tid[i]!);
    running.set(table.cpu[i]!, kind === EventKind.OnCpu ? table.tid[i]! : table.arg0[i]!);
  }
  return new Set([...running].filter(([, tid]) => reapers.has(tid)).map(([cpu]) => cpu));
}

for (const variant of ['baseline', 'patched', 'lockless'] as const) {
  test(`simulate --trace-out → trace (${variant}, kernel-build and fork-storm, 2 and 4 CPUs, two seeds): reaps, busy time, latencies`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reaperscope-rt-'));
    try {
      for (const workload of ['kernel-build', 'fork-storm'] as const) {
        for (const cpus of [2, 4]) {
          for (const seed of [1, 3]) {
            const at = `${workload}, ${cpus} CPUs, seed ${seed}`;
            const file = join(dir, `run-${workload}-${cpus}-${seed}.bt`);
            const args = ['--variant', variant, '--workload', workload, '--cpus', String(cpus), '--duration-ms', '20', '--seed', String(seed)];
            const simIo = fakeIo();
            assert.equal(await simulateCommand.run([...args, '--json', '--trace-out', file], simIo), 0);
            const sim = JSON.parse(simIo.stdout);
            const traceIo = fakeIo();
            assert.equal(await traceCommand.run([file, '--json'], traceIo), 0);
            const trace = JSON.parse(traceIo.stdout);
            assert.deepEqual(trace.diagnostics, [], at);
            const reapsPerCpu = new Array(cpus).fill(0);
            const busyPerCpu = new Array(cpus).fill(0);
            for (const r of trace.reapers) {
              reapsPerCpu[r.cpu] += r.reaps;
              busyPerCpu[r.cpu] += r.busyNs;
            }
            assert.deepEqual(reapsPerCpu, sim.metrics.reapsPerCpu, at);
            const table = simulate({ variant, cpus, workload, seed, durationNs: 20e6 }).table;
            const open = reaperCpusRunningAtEnd(table);
            for (let c = 0; c < cpus; c++) {
              if (!open.has(c)) assert.equal(busyPerCpu[c], sim.metrics.reaperBusyNsPerCpu[c], `${at}: CPU ${c} busy`);
            }
            assert.equal(trace.exitToReapNs.inferred, true);
            assert.equal(trace.exitToReapNs.startsAt, 'exit');
            assert.ok(sim.metrics.exitToReapNs.count > 0, at);
            for (const k of ['count', 'mean', 'p50', 'p90', 'p99', 'max']) {
              assert.ok(Math.abs(trace.exitToReapNs[k] - sim.metrics.exitToReapNs[k]) <= 1, `${at}: ${k} ${trace.exitToReapNs[k]} vs ${sim.metrics.exitToReapNs[k]}`);
            }
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
