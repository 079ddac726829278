import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CpuStreamMerge, type MergedRows, type MergeLimits } from '../../../../src/core/events/cpu-stream-merge';
import type { EventColumns } from '../../../../src/core/events/event-columns';
import { EventKind } from '../../../../src/core/events/event-kind';

interface Row {
  ts: number;
  cpu: number;
  /** Arrival number. */
  i: number;
}

/** Collects what the merge hands out. */
class Collected implements MergedRows {
  rows: Row[] = [];
  appendRow(from: EventColumns, j: number): void {
    this.rows.push({ ts: from.ts[j]!, cpu: from.cpu[j]!, i: from.arg0[j]! });
  }
}

const byTimeCpuArrival = (a: Row, b: Row): number => a.ts - b.ts || a.cpu - b.cpu || a.i - b.i;

/**
 * Rows as btrace prints them: read passes, in each pass every CPU's events of that pass in turn;
 * each CPU's events in time order (`steps` are the gaps, 0 for equal times), some CPUs silent
 * for whole stretches.
 */
const btraceLike = fc
  .record({
    cpus: fc.integer({ min: 1, max: 9 }),
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 6 })), { maxLength: 600 }),
    pass: fc.integer({ min: 1, max: 40 }),
    silent: fc.integer({ min: 0, max: 8 }),
  })
  .map(({ cpus, steps, pass, silent }) => {
    const now = new Array<number>(cpus).fill(0);
    const events = steps.map(([c, gap]) => {
      const cpu = c % cpus;
      now[cpu] = now[cpu]! + gap;
      return { ts: now[cpu]!, cpu };
    });
    // CPU `silent` says nothing between times 30 and 120 (its events then are dropped)
    const kept = events.filter((e) => e.cpu !== silent || e.ts < 30 || e.ts > 120);
    const byPass = new Map<number, { ts: number; cpu: number }[]>();
    for (const e of kept) {
      const p = Math.floor(e.ts / pass);
      byPass.set(p, [...(byPass.get(p) ?? []), e]);
    }
    // every CPU prints a first event at time 0, as a recording's first pass shows every CPU
    const rows: Row[] = Array.from({ length: cpus }, (_, cpu) => ({ ts: 0, cpu, i: cpu }));
    for (const p of [...byPass.keys()].sort((a, b) => a - b)) {
      for (const e of byPass.get(p)!.sort((a, b) => a.cpu - b.cpu)) rows.push({ ...e, i: rows.length });
    }
    return { rows, pass };
  });

/** Pushes the rows; what came out, what was refused, and the most events the merge held at once. */
function run(rows: Row[], limits: MergeLimits): { out: Row[]; refused: Row[]; held: number } {
  const collected = new Collected();
  const merge = new CpuStreamMerge(collected, -Infinity, limits);
  const refused: Row[] = [];
  let held = 0;
  for (const r of rows) {
    if (!merge.push(r.ts, r.cpu, EventKind.Wakeup, 1, 1, 0, r.i, -1)) refused.push(r);
    held = Math.max(held, merge.length);
  }
  merge.flush();
  assert.equal(merge.length, 0);
  return { out: collected.rows, refused, held };
}

test('per-CPU streams interleaved as btrace prints them come out by (time, CPU, arrival); with room enough nothing is refused', () => {
  fc.assert(
    fc.property(btraceLike, ({ rows, pass }) => {
      // hands out every 16 events: after every CPU's first (a CPU first heard from later may be
      // refused); a CPU's lines lag the newest by less than two passes
      const { out, refused } = run(rows, { maxQueued: 1 << 20, releaseEvery: 16, quietNs: 2 * pass });
      assert.deepEqual(refused, []);
      assert.deepEqual(out, [...rows].sort(byTimeCpuArrival));
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('with little room a silent CPU stops holding the others back: what comes out is in order, and every event comes out or is refused', () => {
  let refusedSome = 0;
  fc.assert(
    fc.property(btraceLike, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 30 }), ({ rows }, maxQueued, quietNs) => {
      const { out, refused } = run(rows, { maxQueued, releaseEvery: 2, quietNs });
      for (let k = 1; k < out.length; k++) assert.ok(byTimeCpuArrival(out[k - 1]!, out[k]!) < 0, `out of order at ${k}`);
      assert.deepEqual([...out, ...refused].sort((a, b) => a.i - b.i), rows);
      // a refused event could not go in order: not after the last event out before it came
      for (const r of refused) {
        const before = out.filter((o) => o.i < r.i);
        assert.ok(before.length > 0 || r.ts < 0);
      }
      if (refused.length > 0) refusedSome++;
    }),
    { numRuns: 300, seed: 6 },
  );
  assert.ok(refusedSome > 0, 'the generator makes silent CPUs that get refused');
});

test('an event earlier than its CPU\'s previous one is refused', () => {
  const collected = new Collected();
  const merge = new CpuStreamMerge(collected);
  assert.equal(merge.push(10, 0, EventKind.Wakeup, 1, 1, 0, 0, -1), true);
  assert.equal(merge.push(5, 0, EventKind.Wakeup, 1, 1, 0, 1, -1), false);
  assert.equal(merge.push(5, 1, EventKind.Wakeup, 1, 1, 0, 2, -1), true);
  merge.flush();
  assert.deepEqual(collected.rows.map((r) => r.i), [2, 0]);
});

test('events not after the time already handed out are refused', () => {
  const collected = new Collected();
  const merge = new CpuStreamMerge(collected, 100);
  assert.equal(merge.push(100, 3, EventKind.Wakeup, 1, 1, 0, 0, -1), false);
  assert.equal(merge.push(101, 3, EventKind.Wakeup, 1, 1, 0, 1, -1), true);
  merge.flush();
  assert.deepEqual(collected.rows.map((r) => r.i), [1]);
});

test('a CPU that falls silent does not hold the others back: the merge holds what the last quietNs of time brought', () => {
  // CPU 0 prints at 0 and then nothing; CPUs 1-3 an event every 10 ns for 100 000 ns
  const rows: Row[] = [{ ts: 0, cpu: 0, i: 0 }];
  for (let t = 10; t <= 100_000; t += 10) for (let cpu = 1; cpu < 4; cpu++) rows.push({ ts: t, cpu, i: rows.length });
  const { out, refused, held } = run(rows, { maxQueued: 1 << 20, releaseEvery: 64, quietNs: 1000 });
  assert.deepEqual(refused, []);
  assert.deepEqual(out, [...rows].sort(byTimeCpuArrival));
  // 1000 ns of three CPUs is 300 events; the merge looks every 64
  assert.ok(held <= 300 + 64 + 3, `held ${held}`);
  // CPU 0 heard from again, later than what went out: in order; earlier: refused
  const late = run([...rows, { ts: 99_990, cpu: 0, i: rows.length }], { maxQueued: 1 << 20, releaseEvery: 64, quietNs: 1000 });
  assert.deepEqual(late.refused, []);
  const tooLate = run([...rows, { ts: 5, cpu: 0, i: rows.length }], { maxQueued: 1 << 20, releaseEvery: 64, quietNs: 1000 });
  assert.deepEqual(tooLate.refused.map((r) => r.ts), [5]);
});
