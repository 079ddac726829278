/**
 * One CPU's pages from the storm recording, plain (version 6: pages back to back at the
 * flyrecord table's offset) and zstd-compressed (version 7: chunk count, then per chunk the
 * compressed and uncompressed sizes and the data), and what happens when the file is cut or a
 * chunk is damaged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CpuPages } from '../../../../../src/core/trace/trace-dat/cpu-pages';
import { memoryByteSource } from '../../../../../src/core/trace/trace-dat/byte-source';
import type { TraceDatLayout } from '../../../../../src/core/trace/trace-dat/trace-dat-layout';
import { datBytes, layoutOf } from './dat-fixtures';

async function allPages(bytes: Uint8Array, layout: TraceDatLayout, cpu: number): Promise<{ pages: Uint8Array[]; read: number; problem: string }> {
  let read = 0;
  const reader = new CpuPages(memoryByteSource(bytes), layout.cpus[cpu]!, layout, (n) => { read += n; });
  const pages: Uint8Array[] = [];
  for (let p = await reader.next(); p; p = await reader.next()) pages.push(p.slice());
  return { pages, read, problem: reader.problem };
}

test('version 6: the CPU data cut into pages, in file order, all of it read', async () => {
  const bytes = datBytes('linux-storm.v6.dat');
  const layout = await layoutOf(bytes);
  for (const cpu of [0, 1]) {
    const { offset, size } = layout.cpus[cpu]!;
    const r = await allPages(bytes, layout, cpu);
    // 24576 / 4096 = 6 pages on CPU 0, 20480 / 4096 = 5 on CPU 1
    assert.equal(r.pages.length, size / 4096);
    assert.equal(r.pages.length, cpu === 0 ? 6 : 5);
    r.pages.forEach((p, i) => assert.deepEqual(p, bytes.subarray(offset + i * 4096, offset + (i + 1) * 4096)));
    assert.equal(r.read, size);
    assert.equal(r.problem, '');
  }
});

test('version 7 zstd: the decompressed chunks hold the same pages as version 6', async () => {
  const v6 = datBytes('linux-storm.v6.dat');
  const zstd = datBytes('linux-storm.v7-zstd.dat');
  const [l6, lz] = await Promise.all([layoutOf(v6), layoutOf(zstd)]);
  for (const cpu of [0, 1]) {
    const plain = await allPages(v6, l6, cpu);
    const packed = await allPages(zstd, lz, cpu);
    assert.deepEqual(packed.pages, plain.pages);
    // one chunk per CPU here; trace-cmd's stored size (3810 and 3088 bytes) leaves out the 4-byte
    // chunk count before the chunks: read = count + sizes + data = size + 4
    assert.equal(packed.read, lz.cpus[cpu]!.size + 4);
    assert.equal(packed.problem, '');
  }
});

test('a file cut inside the data: the whole pages before the cut, and a problem naming the CPU', async () => {
  const bytes = datBytes('linux-storm.v6.dat');
  const layout = await layoutOf(bytes);
  const { offset } = layout.cpus[1]!;
  // cut 2.5 pages into CPU 1's data: 2 whole pages
  const r = await allPages(bytes.subarray(0, offset + 2 * 4096 + 2048), layout, 1);
  assert.equal(r.pages.length, 2);
  assert.equal(r.problem, "the file ends inside CPU 1's data");
});

test('a damaged zstd chunk: no page from it, a problem with the byte it was at', async () => {
  const bytes = datBytes('linux-storm.v7-zstd.dat');
  const layout = await layoutOf(bytes);
  const { offset } = layout.cpus[0]!;
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  assert.ok(v.getUint32(offset, true) >= 1, 'a chunk count');
  // the first chunk's data starts after the count (4) and its two sizes (8): overwrite its zstd magic
  bytes.fill(0, offset + 12, offset + 16);
  const r = await allPages(bytes, layout, 0);
  assert.equal(r.pages.length, 0);
  assert.equal(r.problem, `a chunk that does not decompress is in CPU 0's data (byte ${offset + 4 + 8 + v.getUint32(offset + 4, true)}): the rest of it is not read`);
});

test('a chunk count with the file ending before its sizes', async () => {
  const bytes = datBytes('linux-storm.v7-zstd.dat');
  const layout = await layoutOf(bytes);
  const { offset } = layout.cpus[1]!;
  const r = await allPages(bytes.subarray(0, offset + 6), layout, 1);
  assert.equal(r.pages.length, 0);
  assert.equal(r.problem, `the file ends inside CPU 1's data (byte ${offset + 4}): the rest of it is not read`);
});

test("a chunk whose compressed size runs past the CPU's data is not read beyond it", async () => {
  const bytes = datBytes('linux-storm.v7-zstd.dat');
  const layout = await layoutOf(bytes);
  const { offset, size } = layout.cpus[0]!;
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  // CPU 0's one chunk: count (4), sizes (8), data; the stored size is the sizes and data (3810)
  const packed = v.getUint32(offset + 4, true);
  assert.equal(size, 8 + packed);
  v.setUint32(offset + 4, packed + 100, true);
  const r = await allPages(bytes, layout, 0);
  assert.equal(r.pages.length, 0);
  assert.ok(r.read <= size + 4, `read ${r.read} bytes of ${size + 4}`);
  assert.equal(r.problem, `a chunk longer than the rest of CPU 0's data (byte ${offset + 4}): the rest of it is not read`);
});

test('a chunk count larger than the chunks stored: the CPU data ends where its size says', async () => {
  const bytes = datBytes('linux-storm.v7-zstd.dat');
  const layout = await layoutOf(bytes);
  const { offset, size } = layout.cpus[0]!;
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  v.setUint32(offset, 2, true);
  const r = await allPages(bytes, layout, 0);
  // the one real chunk: 6 pages (24576 bytes); nothing read after it
  assert.equal(r.pages.length, 6);
  assert.equal(r.read, size + 4);
  assert.equal(r.problem, `fewer chunks than the count says are in CPU 0's data (byte ${offset + 4 + size}): the rest of it is not read`);
});
