/** The table hash: equal for equal tables from different encodings, changed by any column or string. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { tableHash } from '../../../../src/core/events/table-hash';
import type { EventTable } from '../../../../src/core/events/event-table';
import { readTraceDat } from '../../../../src/core/trace/trace-dat/trace-dat-reader';
import { memoryByteSource } from '../../../../src/core/trace/trace-dat/byte-source';
import { fixture, read } from '../trace/trace-test-helpers';
import { datBytes } from '../trace/trace-dat/dat-fixtures';

async function datTable(name: string): Promise<EventTable> {
  const r = await readTraceDat(memoryByteSource(datBytes(name)));
  assert.equal(r.kind, 'trace');
  return (r as { table: EventTable }).table;
}

test('the storm recording as v6, v7 and v7 zstd: one hash', async () => {
  const hashes = new Set([
    ...(await Promise.all(['linux-storm.v6.dat', 'linux-storm.v7.dat', 'linux-storm.v7-zstd.dat'].map(async (n) => tableHash(await datTable(n))))),
  ]);
  assert.equal(hashes.size, 1);
  assert.match([...hashes][0]!, /^[0-9a-f]{64}$/);
});

test('SHA-256 of the used part of each column in order, then the strings joined by newlines', () => {
  const t = read(fixture('btrace-baseline.txt')).table;
  const h = createHash('sha256');
  for (const col of [t.ts, t.cpu, t.kind, t.tid, t.pid, t.comm, t.arg0, t.arg1]) h.update(new Uint8Array(col.buffer, col.byteOffset, t.length * col.BYTES_PER_ELEMENT));
  h.update(t.strings.all().join('\n'));
  assert.equal(tableHash(t), h.digest('hex'));
});

test('one changed value in any column, or a renamed string, changes the hash; unused capacity does not', () => {
  const t = read(fixture('btrace-baseline.txt')).table;
  const base = tableHash(t);
  const copy = (col: Float64Array | Uint16Array | Uint8Array | Int32Array | Uint32Array): typeof col => col.slice();
  for (const name of ['ts', 'cpu', 'kind', 'tid', 'pid', 'comm', 'arg0', 'arg1'] as const) {
    const col = copy(t[name]);
    col[7] = (col[7] ?? 0) + 1;
    assert.notEqual(tableHash({ ...t, [name]: col }), base, name);
  }
  // columns longer than the table: only the first `length` rows count
  const longer = new Float64Array(t.length + 10);
  longer.set(t.ts);
  longer.fill(123, t.length);
  assert.equal(tableHash({ ...t, ts: longer }), base);
  const strings = { all: () => t.strings.all().map((s) => (s === 'reaper' ? 'reaper0' : s)) } as unknown as EventTable['strings'];
  assert.notEqual(tableHash({ ...t, strings }), base);
});
