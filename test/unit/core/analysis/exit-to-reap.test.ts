import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/trace/event-table';
import { EventKind } from '../../../../src/core/trace/event-kind';
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
  assert.deepEqual([...result.latenciesNs], [750, 900]);
});

test('inferred: last off-cpu of the dead thread to the first run of the reaper of its CPU', () => {
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
  // tid 7 left CPU 0 at 100; reaper0 started at 100 (same instant, not after), next at 260.
  // tid 8 left CPU 1 at 200; reaper1 never runs again on CPU 1 → unpaired.
  assert.deepEqual([...result.latenciesNs], [160]);
});

test('inferred with untagged Reap events: each reap pairs with one dead thread, in order', () => {
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
  assert.deepEqual([...result.latenciesNs], [90, 120]);
});
