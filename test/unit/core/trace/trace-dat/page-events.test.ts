/**
 * The ring-buffer page walk on the real storm recording (each record's time, event id and pid
 * against `trace-cmd report -t`), and on pages written by hand in the kernel's event encoding
 * (5-bit type_len, 27-bit delta; time extend, absolute time stamp, padding, long records,
 * the missed-events flags of the commit word).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageEvents } from '../../../../../src/core/trace/trace-dat/page-events';
import { CpuPages } from '../../../../../src/core/trace/trace-dat/cpu-pages';
import { memoryByteSource } from '../../../../../src/core/trace/trace-dat/byte-source';
import type { PageLayout } from '../../../../../src/core/trace/trace-dat/trace-dat-layout';
import { datBytes, layoutOf, reportLine, reportLines } from './dat-fixtures';

const PAGE: PageLayout = { timestampOffset: 0, commitOffset: 8, commitSize: 8, dataOffset: 16 };

test('storm v6: every record of each CPU at the time, event and pid trace-cmd report printed', async () => {
  const bytes = datBytes('linux-storm.v6.dat');
  const layout = await layoutOf(bytes);
  const report = reportLines('linux-storm.report.txt').map(reportLine);
  for (const cpu of [0, 1]) {
    const pages = new CpuPages(memoryByteSource(bytes), layout.cpus[cpu]!, layout, () => {});
    // base 0: times are absolute ns, ~1.06e12, exact in a double
    const events = new PageEvents(layout.page, true, 0n);
    const seen: string[] = [];
    for (let page = await pages.next(); page; page = await pages.next()) {
      events.load(page);
      assert.equal(events.missed, -1, 'nothing lost in this recording');
      while (events.next()) {
        const v = new DataView(events.bytes.buffer, events.bytes.byteOffset + events.at, events.length);
        // common_type (u16) at 0 and common_pid (s32) at 4 of every record
        seen.push(`${events.time} ${layout.formats.get(v.getUint16(0, true))?.name} ${v.getInt32(4, true)}`);
      }
    }
    const expected = report.filter((r) => r.cpu === cpu).map((r) => `${r.ns} ${r.event} ${r.pid}`);
    // 409 lines on [000] and 375 on [001] in the report
    assert.equal(expected.length, cpu === 0 ? 409 : 375);
    assert.deepEqual(seen, expected);
  }
});

/** A 4096-byte little-endian page: time stamp, commit word, then the given 32-bit words. */
function page(ts: bigint, words: number[], commitFlags = 0, tail: number[] = []): Uint8Array {
  const bytes = new Uint8Array(4096);
  const v = new DataView(bytes.buffer);
  v.setBigUint64(0, ts, true);
  v.setBigUint64(8, BigInt(words.length * 4) | BigInt(commitFlags >>> 0), true);
  words.forEach((w, i) => v.setUint32(16 + i * 4, w >>> 0, true));
  tail.forEach((w, i) => v.setUint32(16 + words.length * 4 + i * 4, w >>> 0, true));
  return bytes;
}
/** An event header word: type_len in the low 5 bits, the delta above them. */
const head = (typeLen: number, delta: number): number => ((delta << 5) | typeLen) >>> 0;

function walk(bytes: Uint8Array, base = 0n): { time: number; at: number; length: number }[] {
  const e = new PageEvents(PAGE, true, base);
  e.load(bytes);
  const out: { time: number; at: number; length: number }[] = [];
  while (e.next()) out.push({ time: e.time, at: e.at, length: e.length });
  return out;
}

test('hand-made page: data, time extend, padding, a long record, an absolute time stamp', () => {
  const words = [
    head(2, 5), 0xaaaa, 0xbbbb, // data of 2 × 4 bytes at 20, time 1000 + 5
    head(30, 3), 1, // time extend: + 1 << 27 + 3
    head(29, 4), 8, 0, // padding: 8 bytes from its length word (which counts itself), + 4
    head(1, 2), 0xcccc, // data of 4 bytes at 52, + 2
    head(0, 1), 12, 0x1111, 0x2222, // long record: length word 12 (itself + 8 bytes of data), data at 64, + 1
    head(31, 7), 2, // time stamp: (2 << 27 | 7) under the page time's top bits
    head(1, 10), 0xdddd, // data at 84, + 10
  ];
  const r = walk(page(1000n, words), 100n);
  // times relative to the base 100: 1000 - 100 + 5 = 905; 905 + 2^27 + 3 + 4 + 2 = 134218642; + 1 = 134218643
  // then absolute 2 << 27 | 7 = 268435463, - 100 = 268435363, + 10 = 268435373
  assert.deepEqual(r, [
    { time: 905, at: 20, length: 8 },
    { time: 905 + 2 ** 27 + 3 + 4 + 2, at: 52, length: 4 },
    { time: 905 + 2 ** 27 + 3 + 4 + 2 + 1, at: 64, length: 8 },
    { time: 2 * 2 ** 27 + 7 - 100 + 10, at: 84, length: 4 },
  ]);
});

test('padding with delta 0 ends the page; nothing past the commit size is read', () => {
  assert.deepEqual(walk(page(0n, [head(1, 1), 7, head(29, 0), 0, head(1, 1), 9])), [{ time: 1, at: 20, length: 4 }]);
  // the commit covers the first record only: the second is past it
  const bytes = page(0n, [head(1, 1), 7]);
  new DataView(bytes.buffer).setUint32(24, head(1, 1), true);
  assert.equal(walk(bytes).length, 1);
  // a record claiming more than the commit holds is not returned
  assert.deepEqual(walk(page(0n, [head(3, 1), 7])), []);
});

test('missed events: flag 31 without a count is 0, with flag 30 the count stored after the data', () => {
  const e = new PageEvents(PAGE, true, 0n);
  e.load(page(0n, [head(1, 1), 7], 0x80000000));
  assert.equal(e.missed, 0);
  e.load(page(0n, [head(1, 1), 7], 0xc0000000, [42, 0]));
  assert.equal(e.missed, 42);
  assert.equal(e.next(), true, 'the flags are not part of the data size');
  assert.equal(e.next(), false);
  e.load(page(0n, [head(1, 1), 7]));
  assert.equal(e.missed, -1);
});

test('timestamp(): the page header time stamp', () => {
  assert.equal(PageEvents.timestamp(page(1_063_645_099_192n, []), PAGE, true), 1_063_645_099_192n);
});
