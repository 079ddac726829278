import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteCursor, TruncatedError } from '../../../../../src/core/trace/trace-dat/byte-cursor';
import { memoryByteSource } from '../../../../../src/core/trace/trace-dat/byte-source';

test('numbers in either byte order and C strings, from a Node Buffer that is a view into a bigger one', async () => {
  // the bytes sit at offset 3 of their ArrayBuffer, as small files read by Node do (its pool)
  const pool = Buffer.alloc(64, 0xee);
  const data = pool.subarray(3, 3 + 16);
  data.set([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x68, 0x69, 0x00, 0x2a]);
  const le = new ByteCursor(memoryByteSource(data), 0, true);
  assert.equal(await le.u16(), 0x0201);
  assert.equal(await le.u16(), 0x0403);
  assert.equal(await le.u32(), 0x08070605);
  assert.equal(await le.cString(), 'hi');
  assert.equal(await le.u8(), 42);
  const be = new ByteCursor(memoryByteSource(data), 0, false);
  assert.equal(await be.u32(), 0x01020304);
  assert.equal(be.pos, 4);
});

test('a field running past the end is a TruncatedError naming the offset', async () => {
  const cursor = new ByteCursor(memoryByteSource(new Uint8Array([1, 2, 3])), 1, true);
  await assert.rejects(cursor.u32(), (e: unknown) => e instanceof TruncatedError && /inside a field at 1/.test(e.message));
});
