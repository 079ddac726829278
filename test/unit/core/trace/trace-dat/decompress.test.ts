/** zstd blocks of the real version 7 recording: the first chunk of CPU 0's data, and damaged copies. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canDecompress, decompressBlock, zstdFrameSizes } from '../../../../../src/core/trace/trace-dat/decompress';
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

test('a block that decompresses to more or fewer bytes than its stored size: null', async () => {
  const { data, size } = await firstChunk();
  // the chunk holds 24576 bytes: a stored size one page larger or one byte smaller is damage
  assert.equal(decompressBlock('zstd', data, size + 4096), null, 'one page short of the stored size');
  assert.equal(decompressBlock('zstd', data, size - 1), null, 'one byte more than the stored size');
  assert.equal(decompressBlock('zstd', data, 0), null);
  assert.equal(decompressBlock('zstd', data, size)?.length, size);
});

/**
 * A zstd frame written by hand (RFC 8878, 3.1.1): magic, a descriptor without content size
 * (not single-segment, no dictionary), window descriptor 0 (a 1 KiB window), then one last
 * Raw_Block (3-byte header: last = 1, type 0, size) holding `bytes` as they are.
 */
function rawFrame(bytes: Uint8Array): Uint8Array {
  const header = 1 | (bytes.length << 3);
  return new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x00, header & 0xff, (header >> 8) & 0xff, header >> 16, ...bytes]);
}

/** The same as a single-segment frame declaring `declared` bytes of content (1-byte field, under 256). */
function declaringFrame(bytes: Uint8Array, declared: number): Uint8Array {
  const header = 1 | (bytes.length << 3);
  return new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x20, declared, header & 0xff, (header >> 8) & 0xff, header >> 16, ...bytes]);
}

test('a frame without a content size: its bytes when the stored size is theirs, null for any other size (seeded)', () => {
  assert.deepEqual(zstdFrameSizes(rawFrame(new Uint8Array(5))), { contentSize: -1, windowSize: 1024 });
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 1024 }), fc.integer({ min: -3, max: 3 }), (bytes, delta) => {
      const out = decompressBlock('zstd', rawFrame(bytes), bytes.length + delta);
      if (delta === 0) assert.deepEqual(out, bytes);
      else assert.equal(out, null);
    }),
    { seed: 14, numRuns: 200 },
  );
});

test("the real chunk's frame header: no content size (trace-cmd leaves it out), a 32 KiB window", async () => {
  const { data } = await firstChunk();
  // descriptor 0x00 (no content size, not single-segment), window descriptor 0x28: 2^(10 + 5) bytes
  assert.deepEqual(zstdFrameSizes(data), { contentSize: -1, windowSize: 32_768 });
  assert.equal(zstdFrameSizes(data.subarray(0, 5)), null);
  assert.equal(zstdFrameSizes(new Uint8Array(16)), null, 'no magic');
});

test('a frame header declaring a content size: read when it and the block are the stored size, null when either is not', () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
  assert.deepEqual(zstdFrameSizes(declaringFrame(bytes, 100)), { contentSize: 100, windowSize: 100 });
  assert.deepEqual(decompressBlock('zstd', declaringFrame(bytes, 100), 100), bytes);
  assert.equal(decompressBlock('zstd', declaringFrame(bytes, 100), 101), null, 'header and block 100, stored 101');
  // a header that claims 102 bytes over a block of 100: fzstd's one-shot call would return 102 bytes, 2 of them never written
  assert.equal(decompressBlock('zstd', declaringFrame(bytes, 102), 102), null, 'header and stored 102, block 100');
});
