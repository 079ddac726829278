import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { replayDeadLists } from '../../../../src/core/analysis/dead-list-replay';
import type { EventTable } from '../../../../src/core/events/event-table';

test('one global list, LIFO: a reap takes the thread enlisted last before its take', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  const reaper = b.strings.intern('reaper');
  b.push(50, 1, EventKind.Sleep, 5, 0, reaper);
  b.push(100, 0, EventKind.Exit, 10, 10, cc);
  b.push(110, 0, EventKind.OffCpu, 10, 10, cc);
  b.push(120, 1, EventKind.Exit, 11, 11, cc);
  b.push(130, 1, EventKind.OffCpu, 11, 11, cc);
  b.push(200, 1, EventKind.OnCpu, 5, 0, reaper);
  b.push(300, 1, EventKind.Reap, 5, 0, reaper);
  b.push(400, 1, EventKind.Reap, 5, 0, reaper);
  const r = replayDeadLists(b.finish(), []);
  // first take at the wake-up run (200): both enlisted (110, 130), the later one (tid 11) goes
  // first: 300 - 120 = 180; the second take (300) finds tid 10: 400 - 100 = 300
  assert.deepEqual([...r.latenciesNs], [180, 300]);
  assert.deepEqual([...r.startsNs], [120, 100]);
  assert.equal(r.inferred, true);
  assert.equal(r.startsAt, 'exit');
});

test('per-CPU lists without reaps: each dead thread ends at its CPU reaper next run after its enlisting', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  const r0 = b.strings.intern('reaper0');
  const r1 = b.strings.intern('reaper1');
  b.push(90, 1, EventKind.OnCpu, 21, 0, r1);
  b.push(95, 0, EventKind.OffCpu, 14, 14, cc);
  b.push(100, 1, EventKind.OffCpu, 12, 12, cc);
  b.push(150, 1, EventKind.OnCpu, 21, 0, r1);
  b.push(160, 1, EventKind.OffCpu, 13, 13, cc);
  b.push(165, 1, EventKind.OnCpu, 21, 0, r1);
  b.push(170, 1, EventKind.Dead, 13, 13, cc);
  b.push(180, 1, EventKind.OnCpu, 21, 0, r1);
  b.push(190, 0, EventKind.OnCpu, 20, 0, r0);
  // tid 12 (told exited): enlisted at its off-cpu 100, reaper1's next run 150: 50 from that off-cpu.
  // tid 13: enlisted at its Dead event (170), so not the run at 165 but 180: 180 - 160 = 20.
  // tid 14 left CPU 0 at 95 and reaper0 runs at 190: 95 from its off-cpu.
  const r = replayDeadLists(b.finish(), [12, 14]);
  assert.deepEqual([...r.latenciesNs], [50, 20, 95]);
  assert.equal(r.startsAt, 'last-off-cpu');
});

test('a thread whose exit comes after its last off-cpu in the table (final switch not recorded) is not paired', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  const reaper = b.strings.intern('reaper');
  b.push(10, 0, EventKind.OffCpu, 10, 10, cc);
  b.push(20, 0, EventKind.Exit, 10, 10, cc);
  b.push(30, 1, EventKind.OnCpu, 5, 0, reaper);
  const r = replayDeadLists(b.finish(), []);
  assert.equal(r.latenciesNs.length, 0);
  assert.equal(r.startsAt, 'exit', 'the table records exits');
});

test('a dead thread first seen at its final switch keeps it, however many threads came before (the per-thread arrays grow)', () => {
  for (const before of [1023, 1024, 1025, 2047]) {
    const b = new EventTableBuilder();
    const cc = b.strings.intern('cc');
    const reaper = b.strings.intern('reaper');
    // `before` threads switching off give them the first slots; the dead thread's is the next
    for (let k = 0; k < before; k++) b.push(k, 0, EventKind.OffCpu, 200_000 + k, 200_000 + k, cc);
    const t = before + 10;
    b.push(t, 1, EventKind.OffCpu, 100_010, 10, cc); // its final switch, the first event of it
    b.push(t + 5, 1, EventKind.Dead, 100_010, 10, cc); // enlisted; no exit recorded
    b.push(t + 20, 2, EventKind.OnCpu, 100_005, 0, reaper);
    const r = replayDeadLists(b.finish(), []);
    // from its last off-cpu (t) to the reaper's next run (t + 20)
    assert.deepEqual([...r.latenciesNs], [20], `${before} threads before it`);
  }
});

/** A random trace-like table: threads exiting and switching off, reapers running and reaping. */
function randomTable(events: [number, number, number, number][], tidBase: number): EventTable {
  const b = new EventTableBuilder(0n, { ties: 'cpu' });
  const names = ['cc', 'reaper', 'reaper0', 'reaper1'].map((n) => b.strings.intern(n));
  const kinds = [EventKind.OnCpu, EventKind.OffCpu, EventKind.Exit, EventKind.Dead, EventKind.Reap, EventKind.Sleep];
  for (const [t, cpu, k, who] of events) {
    const reaper = who < 2;
    const tid = tidBase + (reaper ? who : 10 + who);
    b.push(t, cpu, kinds[k]!, tid, tid, reaper ? names[1 + cpu + (who === 0 ? 0 : 1)]! : names[0]!);
  }
  return b.finish();
}

test('the pairs do not depend on the values of the thread ids (slot arrays and the map beyond 2^21 agree)', () => {
  const event = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 12 }));
  fc.assert(
    fc.property(fc.array(event, { maxLength: 120 }), (events) => {
      const small = replayDeadLists(randomTable(events, 100_000), []);
      const large = replayDeadLists(randomTable(events, 2 ** 30), []);
      assert.deepEqual([...large.latenciesNs], [...small.latenciesNs]);
      assert.deepEqual([...large.startsNs], [...small.startsNs]);
      assert.equal(large.startsAt, small.startsAt);
    }),
    { numRuns: 200, seed: 23 },
  );
});

test('a thread id reused after its thread died names a new thread: each life is enlisted and reaped on its own', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  const reaper = b.strings.intern('reaper');
  b.push(50, 1, EventKind.Sleep, 5, 0, reaper);
  // first life of tid 10: exits at 100, final switch 110, Dead; reaped at 200
  b.push(100, 0, EventKind.Exit, 10, 10, cc);
  b.push(110, 0, EventKind.OffCpu, 10, 10, cc);
  b.push(110, 0, EventKind.Dead, 10, 10, cc);
  b.push(150, 1, EventKind.OnCpu, 5, 0, reaper);
  b.push(200, 1, EventKind.Reap, 5, 0, reaper);
  b.push(210, 1, EventKind.Sleep, 5, 0, reaper);
  // a new thread gets id 10: runs, switches off, then exits at 1000, final switch 1010; reaped at 1300
  b.push(500, 0, EventKind.OffCpu, 10, 11, cc);
  b.push(1000, 0, EventKind.Exit, 10, 11, cc);
  b.push(1010, 0, EventKind.OffCpu, 10, 11, cc);
  b.push(1010, 0, EventKind.Dead, 10, 11, cc);
  b.push(1200, 1, EventKind.OnCpu, 5, 0, reaper);
  b.push(1300, 1, EventKind.Reap, 5, 0, reaper);
  const r = replayDeadLists(b.finish(), []);
  assert.deepEqual([...r.startsNs], [100, 1000]);
  assert.deepEqual([...r.latenciesNs], [100, 300]);
});
