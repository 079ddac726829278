import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RunQueue, type Queued } from '../../../../src/core/sim/run-queue';

interface T extends Queued { id: number }

/**
 * The oracle: a plain list in arrival order; the best thread is the first of the lowest
 * priority bucket (prio / 4, as OpenBSD's 32 queues), the best stealable the first unpegged one
 * of the lowest bucket that has one.
 */
class Oracle {
  items: T[] = [];
  private bestOf(list: T[]): T | null {
    let best: T | null = null;
    for (const t of list) if (!best || t.prio >> 2 < best.prio >> 2) best = t;
    return best;
  }
  pop(): T | null {
    const t = this.bestOf(this.items);
    if (t) this.items.splice(this.items.indexOf(t), 1);
    return t;
  }
  popStealable(): T | null {
    const t = this.bestOf(this.items.filter((x) => x.peg < 0));
    if (t) this.items.splice(this.items.indexOf(t), 1);
    return t;
  }
}

const command = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), prio: fc.integer({ min: 0, max: 127 }), pegged: fc.boolean() }),
  fc.record({ kind: fc.constant('pop' as const) }),
  fc.record({ kind: fc.constant('steal' as const) }),
);

test('run queue against a list oracle: pop, steal, best priority, counts (random commands, seeded)', () => {
  fc.assert(fc.property(fc.array(command, { maxLength: 400 }), (commands) => {
    const q = new RunQueue<T>();
    const o = new Oracle();
    let id = 0;
    for (const c of commands) {
      if (c.kind === 'push') {
        const t = { id: id++, prio: c.prio, peg: c.pegged ? 0 : -1 };
        q.push(t);
        o.items.push(t);
      } else {
        const got = c.kind === 'pop' ? q.pop() : q.popStealable();
        const want = c.kind === 'pop' ? o.pop() : o.popStealable();
        assert.equal(got?.id ?? null, want?.id ?? null);
      }
      assert.equal(q.length, o.items.length);
      assert.equal(q.stealable, o.items.filter((t) => t.peg < 0).length);
      const best = o.items.reduce<T | null>((b, t) => (!b || t.prio >> 2 < b.prio >> 2 ? t : b), null);
      assert.equal(q.bestPrio(), best ? best.prio : Infinity);
    }
  }), { seed: 42, numRuns: 200 });
});
