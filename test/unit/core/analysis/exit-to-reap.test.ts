import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { exitToReap } from '../../../../src/core/analysis/exit-to-reap';

test('exact pairs when Reap events carry the reaped tid', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  const r = b.strings.intern('reaper');
  b.push(100, 0, EventKind.Exit, 7, 7, cc);
  b.push(120, 0, EventKind.OffCpu, 7, 7, cc);
  b.push(150, 1, EventKind.Exit, 8, 8, cc);
  b.push(900, 1, EventKind.Reap, 2, 0, r, 8, 8);
  b.push(1000, 1, EventKind.Reap, 2, 0, r, 7, 7);
  const result = exitToReap(b.finish());
  assert.equal(result.inferred, false);
  assert.equal(result.startsAt, 'exit');
  assert.deepEqual([...result.latenciesNs], [750, 900]);
});

test('inferred: from Exit (when recorded) to the first run of the reaper of its CPU at or after its last off-cpu', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  const r0 = b.strings.intern('reaper0');
  const r1 = b.strings.intern('reaper1');
  b.push(50, 0, EventKind.OnCpu, 100_007, 7, cc);
  b.push(90, 0, EventKind.Syscall, 100_007, 7, cc, 1);
  b.push(100, 0, EventKind.OffCpu, 100_007, 7, cc, 100_010, 0);
  b.push(100, 0, EventKind.OnCpu, 100_010, 0, r0);
  b.push(110, 1, EventKind.OnCpu, 100_011, 0, r1);
  b.push(130, 0, EventKind.OffCpu, 100_010, 0, r0);
  b.push(200, 1, EventKind.OffCpu, 100_008, 8, cc);
  b.push(260, 0, EventKind.OnCpu, 100_010, 0, r0);
  const result = exitToReap(b.finish(), { exitedTids: [100_008] });
  assert.equal(result.inferred, true);
  // tid 7 called exit at 90 and left CPU 0 at 100, switching to reaper0 (the run that reaps it).
  // tid 8 left CPU 1 at 200; reaper1 never runs again on CPU 1 → unpaired.
  assert.deepEqual([...result.latenciesNs], [10]);
  assert.equal(result.startsAt, 'exit');
});

test('inferred with untagged Reap events and the global reaper: LIFO, as deadproc is (LIST_INSERT_HEAD, LIST_FIRST)', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  const r = b.strings.intern('reaper');
  b.push(10, 0, EventKind.OffCpu, 1, 1, cc);
  b.push(20, 1, EventKind.OffCpu, 2, 2, cc);
  b.push(30, 0, EventKind.Dead, 1, 1, cc);
  b.push(30, 1, EventKind.Dead, 2, 2, cc);
  b.push(100, 2, EventKind.Reap, 9, 0, r);
  b.push(140, 2, EventKind.Reap, 9, 0, r);
  const result = exitToReap(b.finish());
  assert.equal(result.inferred, true);
  // no Exit events: latencies start at the last off-cpu. Both were enlisted (at 30) before the
  // first reap; the kernel takes the head of the list, the last one enlisted: tid 2, then tid 1.
  assert.deepEqual([...result.latenciesNs], [80, 130]);
  assert.equal(result.startsAt, 'last-off-cpu');
});

test('inferred, per-CPU lists: a reap takes the newest thread enlisted when the reaper took it (after its previous reap or its wake-up)', () => {
  const b = new EventTableBuilder();
  const s = (x: string): number => b.strings.intern(x);
  const [a, r0, idle] = ['a', 'reaper0', 'idle0'].map(s) as [number, number, number];
  const K = EventKind;
  // threads 1 and 2 exit on CPU 0 while reaper0 sleeps; it wakes at 300 and reaps 2 (LIFO) at 400;
  // thread 3 exits on CPU 0 after that (it preempts nothing: the reaper is asleep again at 900)
  b.push(100, 0, K.Exit, 1, 1, a);
  b.push(110, 0, K.OffCpu, 1, 1, a, 2, 2);
  b.push(200, 0, K.Exit, 2, 2, a);
  b.push(210, 0, K.OffCpu, 2, 2, a, 10, 0);
  b.push(300, 0, K.OnCpu, 10, 0, r0, 2, 2);
  b.push(400, 0, K.Reap, 10, 0, r0);
  b.push(500, 0, K.Reap, 10, 0, r0);
  b.push(510, 0, K.Sleep, 10, 0, r0);
  b.push(520, 0, K.OffCpu, 10, 0, r0, 3, 3);
  b.push(600, 0, K.Exit, 3, 3, a);
  b.push(610, 0, K.OffCpu, 3, 3, a, 10, 0);
  b.push(700, 0, K.OnCpu, 10, 0, r0, 3, 3);
  b.push(800, 0, K.Reap, 10, 0, r0);
  b.push(900, 0, K.Sleep, 10, 0, r0);
  b.push(910, 0, K.OffCpu, 10, 0, r0, 11, 0);
  b.push(910, 0, K.OnCpu, 11, 0, idle, 10, 0);
  const result = exitToReap(b.finish());
  assert.equal(result.inferred, true);
  // reap 400 ← tid 2 (exit 200), reap 500 ← tid 1 (exit 100), reap 800 ← tid 3 (exit 600)
  assert.deepEqual([...result.latenciesNs], [200, 400, 200]);
  assert.deepEqual([...result.startsNs], [200, 100, 600]);
});

test('inferred: a reaper preempted mid-reap (on-cpu without a Sleep before it) took its thread before the preemption', () => {
  const b = new EventTableBuilder();
  const s = (x: string): number => b.strings.intern(x);
  const [a, r0] = ['a', 'reaper0'].map(s) as [number, number];
  const K = EventKind;
  b.push(50, 0, K.Sleep, 10, 0, r0);
  b.push(50, 0, K.OffCpu, 10, 0, r0, 1, 1);
  b.push(50, 0, K.OnCpu, 1, 1, a, 10, 0);
  b.push(100, 0, K.Exit, 1, 1, a);
  b.push(110, 0, K.OffCpu, 1, 1, a, 10, 0);
  b.push(120, 0, K.OnCpu, 10, 0, r0, 1, 1);
  // preempted in uvm_exit by thread 2, which exits; back at 300, reaps 1 at 350, then 2
  b.push(200, 0, K.OffCpu, 10, 0, r0, 2, 2);
  b.push(200, 0, K.OnCpu, 2, 2, a, 10, 0);
  b.push(250, 0, K.Exit, 2, 2, a);
  b.push(260, 0, K.OffCpu, 2, 2, a, 10, 0);
  b.push(300, 0, K.OnCpu, 10, 0, r0, 2, 2);
  b.push(350, 0, K.Reap, 10, 0, r0);
  b.push(450, 0, K.Reap, 10, 0, r0);
  const result = exitToReap(b.finish());
  assert.deepEqual([...result.startsNs], [100, 250]);
  assert.deepEqual([...result.latenciesNs], [250, 200]);
});
