import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TraceColumns } from '../../../../src/core/trace/trace-columns';
import { StringTable } from '../../../../src/core/events/string-table';
import type { EventTable } from '../../../../src/core/events/event-table';
import type { EventKind } from '../../../../src/core/events/event-kind';

const BLOCK = 1 << 16;

/** Pushes `n` events: per-CPU runs in time order, CPUs interleaved in batches (like btrace). */
function fill(columns: TraceColumns, n: number, cpus: number, batch: number): void {
  const t = new Array<number>(cpus).fill(0);
  for (let i = 0; i < n; i++) {
    const cpu = Math.floor(i / batch) % cpus;
    t[cpu] = t[cpu]! + 1 + ((i * 7919) % 13);
    columns.push(t[cpu]!, cpu, (i % 15) as EventKind, 100_000 + (i % 977), i % 311, i % 17, i, -i);
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
  test(`trace columns, ${name}: same table as the block layout`, () => {
    const strings = new StringTable();
    const a = new TraceColumns(hint);
    const b = new TraceColumns(0);
    fill(a, n, 4, 500);
    fill(b, n, 4, 500);
    const ta = a.finish(0n, strings);
    const tb = b.finish(0n, strings);
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
