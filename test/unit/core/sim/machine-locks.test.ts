import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventKind } from '../../../../src/core/events/event-kind';
import { simulate } from '../../../../src/core/sim/simulate';

// machine-locks.ts: spin locks handed to their waiters, dead lists touched by their owners.

test('lock hand-off order: waiters get a contended lock in the order they started waiting (FIFO)', () => {
  const r = simulate({ variant: 'baseline', cpus: 8, workload: 'fork-storm', seed: 4, durationNs: 20e6 });
  const t = r.table;
  const waiting = new Map<number, number[]>();
  let handOffs = 0;
  for (let i = 0; i < t.length; i++) {
    const lock = t.arg0[i]!;
    if (t.kind[i] === EventKind.LockWait) {
      let q = waiting.get(lock);
      if (!q) waiting.set(lock, (q = []));
      q.push(t.tid[i]!);
    } else if (t.kind[i] === EventKind.LockAcquire) {
      const q = waiting.get(lock);
      const at = q ? q.indexOf(t.tid[i]!) : -1;
      if (at < 0) continue; // taken without waiting
      // a LIFO or random hand-off would give it to a later waiter first
      assert.equal(at, 0, `${t.strings.get(lock)} at ${t.ts[i]} ns went to waiter ${at + 1} of ${q!.length}`);
      q!.shift();
      handOffs++;
    }
  }
  assert.ok(handOffs > 100, `only ${handOffs} contended hand-offs`);
});
