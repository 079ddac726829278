import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { exitFreeSplit } from '../../../../src/core/analysis/exit-free-split';
import { exitToReap } from '../../../../src/core/analysis/exit-to-reap';
import { fixture, read } from '../trace/trace-test-helpers';

test('an exit pairs only with a later free of its pid: a reused pid freed before it and an exit at the end stay unpaired', () => {
  const b = new EventTableBuilder();
  const sleep = b.strings.intern('sleep');
  const sh = b.strings.intern('sh');
  const rcu = b.strings.intern('rcu_preempt');
  // an earlier task with pid 6748 exited just before the recording: its final switch and free are recorded
  b.push(50, 1, EventKind.OffCpu, 6748, -1, sleep, 0, -1);
  b.push(100, 0, EventKind.Reap, 15, -1, rcu, 6748, -1);
  // sh (pid 500): exit, final switch, free: 300 → 400 → 2300
  b.push(300, 1, EventKind.Exit, 500, -1, sh);
  b.push(400, 1, EventKind.OffCpu, 500, -1, sh, 0, -1);
  b.push(2300, 0, EventKind.Reap, 15, -1, rcu, 500, -1);
  // sleep (pid 6748, the reused id) exits and switches away as the recording stops: no free after it
  b.push(5000, 1, EventKind.Exit, 6748, -1, sleep);
  b.push(5100, 1, EventKind.OffCpu, 6748, -1, sleep, 0, -1);
  const table = b.finish();
  const split = exitFreeSplit(table);
  assert.equal(split.count, 1);
  assert.deepEqual([...split.exitToFreeNs], [2000]);
  assert.equal(split.unpairedExits, 1);
  assert.equal(split.freesWithoutExit, 1);
  // the exit→reap latency counts the same pair, not the early free against 6748's last off-cpu
  assert.deepEqual([...exitToReap(table).latenciesNs], [2000]);
});

test('real captures: pairs, unpaired exits and frees counted as in the text (awk over the pids)', () => {
  // counted with awk over each file: exits and frees by pid, each exit paired with the next free of its pid
  const cases = [
    { name: 'linux-storm.report.txt', paired: 25, unpaired: 2 },
    { name: 'linux-runtime.report.txt', paired: 13, unpaired: 2 },
    { name: 'linux-tracefs-storm.txt', paired: 10, unpaired: 1 },
  ];
  for (const c of cases) {
    const table = read(fixture(c.name)).table;
    const split = exitFreeSplit(table);
    assert.equal(split.count, c.paired, c.name);
    assert.equal(split.unpairedExits, c.unpaired, c.name);
    assert.equal(split.freesWithoutExit, 0, c.name);
    assert.equal(exitToReap(table).latenciesNs.length, c.paired, c.name);
  }
});
