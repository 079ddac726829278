import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../../src/core/sim/simulate';
import { btraceChunks } from '../../../../src/core/trace/btrace-writer';
import { readTraceText } from '../../../../src/core/trace/trace-reader';
import { EventKind } from '../../../../src/core/events/event-kind';
import { findReapers } from '../../../../src/core/analysis/reaper-activity';
import { exitToReap } from '../../../../src/core/analysis/exit-to-reap';
import type { EventTable } from '../../../../src/core/events/event-table';

/** Times (ns after the table's base) of one kind's events. */
const timesOf = (t: EventTable, kind: number): number[] => [...t.ts].filter((_, i) => t.kind[i] === kind);

const count = (t: EventTable, kind: number): number => {
  let n = 0;
  for (let i = 0; i < t.length; i++) if (t.kind[i] === kind) n++;
  return n;
};

test('a simulated run written as btrace text reads back through the trace reader', () => {
  const run = simulate({ variant: 'patched', cpus: 4, workload: 'fork-storm', seed: 5, durationNs: 20e6 });
  const text = [...btraceChunks(run.table)].join('');
  const lines = text.trimEnd().split('\n');
  // the first line is the BEGIN line at the simulation's time 0 (the table's base), as the
  // script's BEGIN clause prints it before btrace records
  assert.equal(lines[0], `${run.table.baseNs} 0 0 0 BEGIN 0 0 0 -`);
  assert.match(lines[1]!, /^\d+ \d+ \d+ \d+ [a-z_]+:[a-z_]+:[a-z_]+ \d+ \d+ \d+ \S+$/);
  const read = readTraceText(text);
  assert.equal(read.kind, 'trace');
  if (read.kind !== 'trace') return;
  assert.equal(read.format, 'btrace');
  assert.equal(read.junkLines, 0);
  // the last line is the END line at the simulated duration, as the script's END clause prints it
  assert.equal(lines.at(-1), `${run.table.baseNs + 20_000_000n} 0 0 0 END 0 0 0 -`);
  assert.equal(run.table.endTs, 20e6);
  assert.equal(read.table.baseNs + BigInt(read.table.endTs!), run.table.baseNs + 20_000_000n);
  // the trace starts where the simulation does: same base, so the same times and span
  assert.equal(read.table.baseNs, run.table.baseNs);
  assert.equal(read.table.startTs, 0);
  for (const kind of [EventKind.OnCpu, EventKind.OffCpu, EventKind.Exit, EventKind.Reap]) {
    assert.deepEqual(timesOf(read.table, kind), timesOf(run.table, kind), `times of kind ${kind}`);
  }
  const t = read.table;
  for (const kind of [EventKind.OnCpu, EventKind.OffCpu, EventKind.Wakeup, EventKind.Sleep]) {
    assert.equal(count(t, kind), count(run.table, kind), `kind ${kind}`);
  }
  // reapers and their reaps: the kprobe lines stand for the simulator's Reap events
  const simulated = findReapers(run.table).map((r) => ({ comm: r.comm, cpu: r.cpu, reaps: r.reaps, runs: r.runs }));
  const traced = findReapers(t).map((r) => ({ comm: r.comm, cpu: r.cpu, reaps: r.reaps, runs: r.runs }));
  assert.deepEqual(traced, simulated);
  // the trace cannot say which thread a reap freed: latencies are inferred, one per reap at most
  const inferred = exitToReap(t);
  assert.equal(inferred.inferred, true);
  assert.ok(inferred.latenciesNs.length > 0 && inferred.latenciesNs.length <= run.invariants.reaps);
});
