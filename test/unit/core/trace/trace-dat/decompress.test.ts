/** zstd blocks of the real version 7 recording: the first chunk of CPU 0's data, and damaged copies. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canDecompress, decompressBlock } from '../../../../../src/core/trace/trace-dat/decompress';
import { datBytes, layoutOf } from './dat-fixtures';

/** CPU 0's first chunk in linux-storm.v7-zstd.dat: after the u32 chunk count, u32 compressed and uncompressed sizes, then the data. */
async function firstChunk(): Promise<{ data: Uint8Array; size: number }> {
  const bytes = datBytes('linux-storm.v7-zstd.dat');
  const { offset } = (await layoutOf(bytes)).cpus[0]!;
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  const packed = v.getUint32(offset + 4, true);
  return { data: bytes.slice(offset + 12, offset + 12 + packed), size: v.getUint32(offset + 8, true) };
}

test('which algorithms are read: none and zstd', () => {
  assert.equal(canDecompress('none'), true);
  assert.equal(canDecompress('zstd'), true);
  assert.equal(canDecompress('zlib'), false);
  assert.equal(canDecompress(''), false);
});

test("the chunk decompresses to CPU 0's six pages as the version 6 file stores them", async () => {
  const { data, size } = await firstChunk();
  // 24576 bytes: 6 pages of 4096 (the version 6 flyrecord table's size for CPU 0)
  assert.equal(size, 24_576);
  const out = decompressBlock('zstd', data, size);
  const v6 = datBytes('linux-storm.v6.dat');
  const { offset } = (await layoutOf(v6)).cpus[0]!;
  assert.deepEqual(out, v6.subarray(offset, offset + size));
});

test('damage, a cut block, another algorithm or an oversized block: null, never a throw', async () => {
  const { data, size } = await firstChunk();
  const damaged = data.slice();
  damaged.fill(0xff, 0, 8);
  assert.equal(decompressBlock('zstd', damaged, size), null);
  assert.equal(decompressBlock('zstd', data.subarray(0, data.length >> 1), size), null, 'cut in half');
  assert.equal(decompressBlock('zlib', data, size), null);
  assert.equal(decompressBlock('none', data, size), null);
  assert.equal(decompressBlock('zstd', data, 2 ** 28 + 1), null);
});
