import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryByteSource } from '../../../../../src/core/trace/trace-dat/byte-source';

test('a memory source gives the bytes asked for, fewer at the end, none past it', async () => {
  const source = memoryByteSource(new Uint8Array([10, 11, 12, 13, 14]));
  assert.equal(source.size, 5);
  assert.deepEqual([...await source.read(1, 2)], [11, 12]);
  assert.deepEqual([...await source.read(3, 10)], [13, 14]);
  assert.deepEqual([...await source.read(9, 4)], []);
});
