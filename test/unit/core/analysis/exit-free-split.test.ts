import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import type { EventTable } from '../../../../src/core/events/event-table';
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

/** The rules of the split kept in maps by pid, event by event, as the module's doc states them: the model the slot arrays must match. */
function splitByMaps(table: EventTable): { pairs: [number, number, number][]; freesWithoutExit: number; unpairedExits: number } {
  const exitAt = new Map<number, number>();
  const switchAt = new Map<number, number>();
  const deadAt = new Map<number, number>();
  const pairs: [number, number, number][] = [];
  let freesWithoutExit = 0;
  for (let i = 0; i < table.length; i++) {
    const [kind, tid, t, freed] = [table.kind[i]!, table.tid[i]!, table.ts[i]!, table.arg0[i]!];
    if (kind === EventKind.Exit) {
      exitAt.set(tid, t);
      switchAt.delete(tid);
      deadAt.delete(tid);
    } else if (kind === EventKind.OffCpu && exitAt.has(tid)) switchAt.set(tid, t);
    else if (kind === EventKind.Dead) deadAt.set(tid, t);
    else if (kind === EventKind.Reap && freed >= 0) {
      const exit = exitAt.get(freed);
      const last = deadAt.get(freed) ?? switchAt.get(freed);
      if (exit === undefined || last === undefined) {
        freesWithoutExit++;
        continue;
      }
      pairs.push([last - exit, t - last, t - exit]);
      for (const m of [exitAt, switchAt, deadAt]) m.delete(freed);
    }
  }
  return { pairs, freesWithoutExit, unpairedExits: exitAt.size };
}

test('random exits, switches, enlistings and frees, pids below and beyond 2^21: the same pairs and counts as the map model', () => {
  // [time step, kind: 0 Exit, 1 OffCpu, 2 Dead, 3 free of a pid, 4 free naming no pid, 5 OnCpu; pid 0..5]
  const event = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }));
  const kinds = [EventKind.Exit, EventKind.OffCpu, EventKind.Dead, EventKind.Reap, EventKind.Reap, EventKind.OnCpu];
  fc.assert(
    fc.property(fc.array(event, { maxLength: 100 }), fc.boolean(), (events, large) => {
      const b = new EventTableBuilder();
      const comm = b.strings.intern('task');
      const pidBase = large ? 2 ** 30 : 600;
      let t = 0;
      for (const [step, k, who] of events) {
        t += step;
        const pid = pidBase + who;
        if (k >= 3 && k <= 4) b.push(t, 0, kinds[k]!, 15, -1, comm, k === 3 ? pid : -1, -1);
        else b.push(t, who % 2, kinds[k]!, pid, -1, comm, 0, -1);
      }
      const table = b.finish();
      const split = exitFreeSplit(table);
      const model = splitByMaps(table);
      assert.deepEqual(
        Array.from(split.exitToFreeNs, (_, k) => [split.exitToSwitchNs[k]!, split.switchToFreeNs[k]!, split.exitToFreeNs[k]!]),
        model.pairs,
      );
      assert.equal(split.count, model.pairs.length);
      assert.equal(split.freesWithoutExit, model.freesWithoutExit);
      assert.equal(split.unpairedExits, model.unpairedExits);
    }),
    { numRuns: 400, seed: 59 },
  );
});
