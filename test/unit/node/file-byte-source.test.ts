import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFileByteSource } from '../../../src/node/file-byte-source';
import { withTempDir } from '../cli/temp-tree';

test('reads any range by offset; a range past the end is cut at the end', async () => {
  await withTempDir(async (dir) => {
    // 300 000 bytes, byte i = i mod 251 (a prime: no two nearby ranges look alike).
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => i % 251);
    writeFileSync(join(dir, 'f.dat'), bytes);
    const source = await openFileByteSource(join(dir, 'f.dat'));
    try {
      assert.equal(source.size, 300_000);
      assert.deepEqual([...(await source.read(0, 4))], [0, 1, 2, 3]);
      assert.deepEqual([...(await source.read(251 * 1000 + 2, 3))], [2, 3, 4]);
      // Reads out of order and of more than one chunk come back whole.
      assert.deepEqual(await source.read(1000, 200_000), bytes.subarray(1000, 201_000));
      assert.deepEqual([...(await source.read(299_998, 10))], [299_998 % 251, 299_999 % 251]);
      assert.equal((await source.read(300_000, 10)).length, 0);
      assert.equal((await source.read(400_000, 10)).length, 0);
    } finally {
      await source.close();
    }
  });
});

test('a missing file rejects with the system\'s error', async () => {
  await assert.rejects(openFileByteSource('/nonexistent/trace.dat'), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
});
