/**
 * The round trip through the command line: `simulate --trace-out FILE --json`, then
 * `trace FILE --json` gives the simulator's reaps and reaper busy time per CPU exactly, for
 * every CPU, and each reaper's runs, busy time and reaps as the simulator's own table counts
 * them, reapers still running when the run ends included: the trace's last line (the script's
 * END line) says when the recording stopped, and both close open runs there. Its exit→reap
 * latencies (count, mean, p50, p90, p99, max) are within 1 ns: the exit syscall and kprobe
 * lines are written at the simulator's Exit and Reap events, and the trace's inference replays
 * the kernel's LIFO dead lists (src/core/analysis/dead-list-replay.ts). Baseline thread-churn
 * latencies are the one documented exception: see test/unit/core/trace/round-trip.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateCommand } from '../../../src/cli/commands/simulate';
import { traceCommand } from '../../../src/cli/commands/trace';
import { simulate } from '../../../src/core/sim/simulate';
import { findReapers } from '../../../src/core/analysis/reaper-activity';
import { EventKind } from '../../../src/core/events/event-kind';
import type { EventTable } from '../../../src/core/events/event-table';
import { captureIo } from './run-cli';

/** Whether thread `tid` is on a CPU when the table ends. */
function runningAtEnd(table: EventTable, tid: number): boolean {
  let on = false;
  for (let i = 0; i < table.length; i++) {
    if (table.kind[i] === EventKind.OnCpu && table.tid[i] === tid) on = true;
    else if (table.kind[i] === EventKind.OffCpu && table.tid[i] === tid) on = false;
  }
  return on;
}

for (const variant of ['baseline', 'patched', 'lockless'] as const) {
  test(`simulate --trace-out → trace (${variant}, kernel-build, fork-storm and thread-churn, 2 and 4 CPUs, two seeds): reaps, runs and busy time exact, latencies`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reaperscope-rt-'));
    try {
      let endingOnReaper = 0;
      // poisson needs more flags; test/unit/core/trace/round-trip.test.ts covers it
      for (const workload of ['kernel-build', 'fork-storm', 'thread-churn'] as const) {
        for (const cpus of [2, 4]) {
          for (const seed of [1, 3]) {
            const at = `${workload}, ${cpus} CPUs, seed ${seed}`;
            const file = join(dir, `run-${workload}-${cpus}-${seed}.bt`);
            const args = ['--variant', variant, '--workload', workload, '--cpus', String(cpus), '--duration-ms', '20', '--seed', String(seed)];
            const simIo = captureIo();
            assert.equal(await simulateCommand.run([...args, '--json', '--trace-out', file], simIo), 0);
            const sim = JSON.parse(simIo.stdout);
            const traceIo = captureIo();
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
            assert.deepEqual(busyPerCpu, sim.metrics.reaperBusyNsPerCpu, at);
            const table = simulate({ variant, cpus, workload, seed, durationNs: 20e6 }).table;
            assert.deepEqual(trace.reapers, findReapers(table), at);
            if (findReapers(table).some((r) => runningAtEnd(table, r.tid))) endingOnReaper++;
            if (variant === 'baseline' && workload === 'thread-churn') continue;
            assert.equal(trace.exitToReapNs.inferred, true);
            assert.equal(trace.exitToReapNs.startsAt, 'exit');
            assert.ok(sim.metrics.exitToReapNs.count > 0, at);
            for (const k of ['count', 'mean', 'p50', 'p90', 'p99', 'max']) {
              assert.ok(Math.abs(trace.exitToReapNs[k] - sim.metrics.exitToReapNs[k]) <= 1, `${at}: ${k} ${trace.exitToReapNs[k]} vs ${sim.metrics.exitToReapNs[k]}`);
            }
          }
        }
      }
      assert.ok(endingOnReaper > 0, 'some runs end with a reaper on a CPU');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
