import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventTableBuilder, type TieOrder } from '../../../../src/core/events/event-table-builder';
import { eventAt, type EventTable } from '../../../../src/core/events/event-table';
import { EventKind } from '../../../../src/core/events/event-kind';
import { recordingEnd } from '../../../../src/core/events/recording-end';

const BLOCK = 1 << 16;

/** Pushes `n` events: per-CPU runs in time order, CPUs interleaved in batches (like btrace). */
function fill(builder: EventTableBuilder, n: number, cpus: number, batch: number): void {
  const t = new Array<number>(cpus).fill(0);
  for (let i = 0; i < n; i++) {
    const cpu = Math.floor(i / batch) % cpus;
    t[cpu] = t[cpu]! + 1 + ((i * 7919) % 13);
    builder.push(t[cpu]!, cpu, (i % 15) as EventKind, 100_000 + (i % 977), i % 311, i % 17, i, -i);
  }
}

function snapshot(table: EventTable): number[][] {
  return [table.ts, table.cpu, table.kind, table.tid, table.pid, table.comm, table.arg0, table.arg1].map((c) => Array.from(c));
}

function isSorted(table: EventTable): boolean {
  for (let i = 1; i < table.length; i++) if (table.ts[i]! < table.ts[i - 1]!) return false;
  return true;
}

for (const [name, n, hint] of [
  ['flat layout, sorted in place', 3 * BLOCK - 5, 3 * BLOCK],
  ['flat layout outgrown: cut into blocks, then more blocks', 3 * BLOCK + 1000, BLOCK + 1],
  ['blocks only', 2 * BLOCK + 17, 0],
] as const) {
  test(`event-table builder, ${name}: same table as the block layout`, () => {
    const a = new EventTableBuilder(0n, { capacityHint: hint, ties: 'cpu' });
    const b = new EventTableBuilder(0n, { ties: 'cpu', initialCapacity: 16 });
    fill(a, n, 4, 500);
    fill(b, n, 4, 500);
    const ta = a.finish();
    const tb = b.finish();
    assert.equal(ta.length, n);
    assert.ok(isSorted(ta));
    assert.equal(ta.cpuCount, 4);
    assert.deepEqual(snapshot(ta), snapshot(tb));
    // stable within a CPU: arg0 (push order) increases along each CPU's events of equal time
    const lastArg = new Map<string, number>();
    for (let i = 0; i < ta.length; i++) {
      const key = `${ta.cpu[i]}:${ta.ts[i]}`;
      assert.ok((lastArg.get(key) ?? -1) < ta.arg0[i]!);
      lastArg.set(key, ta.arg0[i]!);
    }
  });
}

test('the builder sorts out-of-order events by time, keeping ties in push order', () => {
  const builder = new EventTableBuilder(1_720_624_895_000_000_000n, { initialCapacity: 2 });
  const reaper = builder.strings.intern('reaper0');
  builder.push(300, 1, EventKind.OnCpu, 100_042, 0, reaper);
  builder.push(100, 0, EventKind.OffCpu, 100_007, 7, reaper, 100_042, 0);
  builder.push(300, 0, EventKind.Wakeup, 100_007, 7, reaper, 100_042, 1);
  builder.push(200, 3, EventKind.Sleep, 100_042, 0, reaper);
  const table = builder.finish();
  assert.equal(table.length, 4);
  assert.deepEqual([...table.ts], [100, 200, 300, 300]);
  assert.deepEqual([...table.cpu], [0, 3, 1, 0]);
  assert.equal(table.cpuCount, 4);
  assert.equal(eventAt(table, 0).comm, 'reaper0');
  assert.equal(eventAt(table, 0).arg0, 100_042);
  assert.equal(table.baseNs, 1_720_624_895_000_000_000n);
});

test('ties by CPU: equal times on different CPUs come in CPU order', () => {
  const builder = new EventTableBuilder(0n, { ties: 'cpu' });
  builder.push(300, 1, EventKind.OnCpu, 1, 1, 0);
  builder.push(100, 0, EventKind.OnCpu, 2, 2, 0);
  builder.push(300, 0, EventKind.OnCpu, 3, 3, 0);
  assert.deepEqual([...builder.finish().tid], [2, 3, 1]);
});

/** Any push order, either tie rule, any first-block size: the table is the stable sort of the rows pushed. */
test('finish() equals a stable sort of the rows pushed (by time, then CPU or push order)', () => {
  const row = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5 }));
  fc.assert(
    fc.property(fc.array(row, { maxLength: 400 }), fc.constantFrom<TieOrder>('pushed', 'cpu'), fc.integer({ min: 1, max: 300 }), (rows, ties, initialCapacity) => {
      const builder = new EventTableBuilder(0n, { ties, initialCapacity });
      rows.forEach(([ts, cpu], i) => builder.push(ts, cpu, EventKind.Wakeup, i, -1, 0, i, cpu));
      const table = builder.finish();
      const expected = rows.map(([ts, cpu], i) => ({ ts, cpu, i }))
        .sort((a, b) => a.ts - b.ts || (ties === 'cpu' ? a.cpu - b.cpu : 0) || a.i - b.i);
      assert.deepEqual([...table.arg0], expected.map((e) => e.i));
      assert.deepEqual([...table.ts], expected.map((e) => e.ts));
      assert.equal(table.cpuCount, rows.length === 0 ? 0 : Math.max(...rows.map(([, cpu]) => cpu)) + 1);
    }),
    { numRuns: 200, seed: 11 },
  );
});

test('finish(endTs) records the end of the recording; finish() leaves it unknown', () => {
  const built = (endTs?: number): EventTable => {
    const builder = new EventTableBuilder();
    builder.push(100, 0, EventKind.OnCpu, 100_007, 7, builder.strings.intern('sh'));
    return builder.finish(endTs);
  };
  assert.equal(built().endTs, undefined);
  assert.equal(built(20_000).endTs, 20_000);
  assert.equal(recordingEnd(built()), 100, 'unknown: the last event');
  assert.equal(recordingEnd(built(20_000)), 20_000);
  assert.equal(recordingEnd(built(50)), 100, 'never before the last event');
  assert.equal(recordingEnd(new EventTableBuilder().finish()), 0);
});

test('finish() leaves the builder empty, not sharing arrays with the table', () => {
  const builder = new EventTableBuilder(0n, { capacityHint: 2 * BLOCK });
  fill(builder, 1000, 2, 10);
  const first = builder.finish();
  const before = snapshot(first);
  assert.equal(builder.length, 0);
  fill(builder, 1000, 2, 7);
  builder.finish();
  assert.deepEqual(snapshot(first), before);
});

/** The flat layout sorts in place: by merging the CPUs when each CPU's rows came in time order (at most 32 CPUs), else by a merge sort. */
test('flat layout: finish() equals a stable sort by time and CPU, whether or not each CPU came in order', () => {
  const row = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 39 }));
  fc.assert(
    fc.property(fc.array(row, { maxLength: 300 }), fc.boolean(), fc.integer({ min: 1, max: 40 }), (rows, perCpuOrder, cpuCount) => {
      const builder = new EventTableBuilder(0n, { ties: 'cpu', capacityHint: 2 * BLOCK });
      const now = new Array<number>(cpuCount).fill(0);
      // per CPU in time order: each row's time is a step after its CPU's last one
      const pushed = rows.map(([t, c]) => {
        const cpu = c % cpuCount;
        return { ts: perCpuOrder ? (now[cpu] = now[cpu]! + t) : t, cpu };
      });
      pushed.forEach(({ ts, cpu }, i) => builder.push(ts, cpu, (i % 15) as EventKind, i, 1000 - i, i % 7, i, 2000 - i));
      const table = builder.finish();
      // ties go by CPU, however the rows came
      const expected = pushed.map((r, i) => ({ ...r, i })).sort((a, b) => a.ts - b.ts || a.cpu - b.cpu || a.i - b.i);
      assert.deepEqual([...table.tid], expected.map((e) => e.i));
      assert.deepEqual([...table.ts], expected.map((e) => e.ts));
      assert.deepEqual([...table.cpu], expected.map((e) => e.cpu));
      assert.deepEqual([...table.kind], expected.map((e) => e.i % 15));
      assert.deepEqual([...table.pid], expected.map((e) => 1000 - e.i));
      assert.deepEqual([...table.comm], expected.map((e) => e.i % 7));
      assert.deepEqual([...table.arg1], expected.map((e) => 2000 - e.i));
    }),
    { numRuns: 150, seed: 23 },
  );
});

/** A reader's pushes (ts, cpu) in the shapes traces come in, at sizes past the builder's merge and late-event limits. */
const readerShapes: [string, () => [number, number][]][] = [
  ['in time order, then a tail of earlier events (btrace Dead events at the end)', () => {
    const rows: [number, number][] = [];
    for (let i = 0; i < 150_000; i++) rows.push([i * 10 + (i % 3), i % 7]);
    for (let k = 0; k < 12_000; k++) rows.push([(k * 7919) % 1_500_000, k % 7]);
    return rows;
  }],
  ['per-CPU buffers printed in passes (btrace), 16 CPUs, then a late tail', () => btracePasses(16, 300_000, -1, 5_000)],
  ['btrace passes with one CPU silent for a long stretch, then its events all at once', () => btracePasses(8, 400_000, 3, 0)],
  ['in time order for a while, then per-CPU passes', () => {
    const rows: [number, number][] = [];
    for (let i = 0; i < 20_000; i++) rows.push([i, i % 4]);
    return [...rows, ...btracePasses(4, 100_000, -1, 0).map(([t, c]): [number, number] => [t + 20_000, c])];
  }],
  ['no order at all', () => Array.from({ length: 100_000 }, (_, i): [number, number] => [(i * 104_729) % 99_991, i % 5])],
];

/**
 * `n` events on `cpus` CPUs, each CPU's in time order (several per ns, some equal), printed in
 * read passes of 1000 ns, each pass CPU by CPU; CPU `silentCpu` prints nothing between 30% and
 * 80% of the run, and then all its events of that stretch (its buffer read late); then `tail`
 * events at earlier times.
 */
function btracePasses(cpus: number, n: number, silentCpu: number, tail: number): [number, number][] {
  const perPass = new Map<number, [number, number][][]>();
  for (let i = 0; i < n; i++) {
    const cpu = (i * 31) % cpus;
    const t = Math.floor(i / 3) + (i % 2);
    const pass = Math.floor((cpu === silentCpu && i > 0.3 * n && i < 0.8 * n ? Math.floor(0.8 * n / 3) : t) / 1000);
    let cpusOfPass = perPass.get(pass);
    if (!cpusOfPass) perPass.set(pass, (cpusOfPass = Array.from({ length: cpus }, () => [])));
    cpusOfPass[cpu]!.push([t, cpu]);
  }
  const rows = [...perPass.keys()].sort((a, b) => a - b).flatMap((p) => perPass.get(p)!.flat());
  for (let k = 0; k < tail; k++) rows.push([(k * 7919) % Math.floor(n / 3), k % cpus]);
  return rows;
}

for (const [shape, make] of readerShapes) {
  test(`flat layout with ties by CPU, ${shape}: the same table as the block layout's sort`, () => {
    const rows = make();
    const flat = new EventTableBuilder(0n, { capacityHint: rows.length + BLOCK, ties: 'cpu' });
    const blocks = new EventTableBuilder(0n, { ties: 'cpu' });
    rows.forEach(([ts, cpu], i) => {
      flat.push(ts, cpu, (i % 15) as EventKind, i, -i, i % 9, i, i >> 1);
      blocks.push(ts, cpu, (i % 15) as EventKind, i, -i, i % 9, i, i >> 1);
      if (i % 50_000 === 0) assert.equal(flat.length, i + 1);
    });
    assert.equal(flat.length, rows.length);
    const a = flat.finish();
    assert.equal(a.length, rows.length);
    assert.deepEqual(snapshot(a), snapshot(blocks.finish()));
  });
}

test('ties by CPU: the same events in another line order (each CPU\'s own in order) give the same table', () => {
  const stream = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 })), { maxLength: 3000 });
  fc.assert(
    fc.property(stream, fc.integer({ min: 1, max: 50 }), fc.boolean(), (steps, pass, flat) => {
      // each CPU's events in time order; an event is known by its CPU and its number on that CPU
      const now = [0, 0, 0, 0];
      const perCpu = [0, 0, 0, 0];
      const events = steps.map(([c, gap]) => ({ ts: (now[c % 4] = now[c % 4]! + gap), cpu: c % 4, nth: perCpu[c % 4]!++ }));
      // one order: by time, equal times on higher CPUs first; the other: read passes, CPU by CPU
      const byTime = [...events].sort((a, b) => a.ts - b.ts || b.cpu - a.cpu);
      const byPass = [...events].sort((a, b) => Math.floor(a.ts / pass) - Math.floor(b.ts / pass) || a.cpu - b.cpu || a.nth - b.nth);
      const table = (order: typeof events): number[][] => {
        const builder = new EventTableBuilder(0n, { ties: 'cpu', ...(flat ? { capacityHint: 2 * BLOCK } : {}) });
        for (const e of order) builder.push(e.ts, e.cpu, EventKind.Wakeup, e.nth, -1, 0);
        const t = builder.finish();
        return [Array.from(t.ts), Array.from(t.cpu), Array.from(t.tid)];
      };
      assert.deepEqual(table(byTime), table(byPass));
    }),
    { numRuns: 200, seed: 8 },
  );
});
