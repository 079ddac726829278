import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventQueue } from '../../../../src/core/sim/event-queue';

test('pops in (time, priority, insertion) order, like a stable sort', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), { maxLength: 300 }), (entries) => {
    const q = new EventQueue(4);
    entries.forEach(([t, p], i) => q.push(t, p, i));
    const expected = entries.map(([t, p], i) => ({ t, p, i })).sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i);
    const got: number[] = [];
    while (q.length > 0) {
      const t = q.peekTime();
      const i = q.pop();
      assert.equal(t, entries[i]![0]);
      got.push(i);
    }
    assert.deepEqual(got, expected.map((e) => e.i));
  }));
});

test('interleaved pushes and pops keep the order', () => {
  const q = new EventQueue();
  q.push(50, 0, 1);
  q.push(10, 1, 2);
  q.push(10, 0, 3);
  assert.equal(q.pop(), 3);
  q.push(10, 1, 4);
  assert.equal(q.pop(), 2);
  assert.equal(q.pop(), 4);
  assert.equal(q.peekTime(), 50);
  assert.equal(q.pop(), 1);
  assert.equal(q.peekTime(), Infinity);
});
