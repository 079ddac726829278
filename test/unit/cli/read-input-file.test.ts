import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../src/cli/command';
import { inputName, readInputFile } from '../../../src/cli/read-input-file';
import { withTempDir } from './temp-tree';

test('a file is read as its bytes; - reads standard input', async () => {
  await withTempDir(async (dir) => {
    const bytes = new Uint8Array([0x63, 0xe9, 0x00, 0x0a]); // not UTF-8, a NUL: kept as they are
    writeFileSync(join(dir, 'f'), bytes);
    const io = { out: () => {}, err: () => {}, readStdin: async () => new Uint8Array([1, 2, 3]) };
    assert.deepEqual([...(await readInputFile(join(dir, 'f'), io))], [...bytes]);
    assert.deepEqual([...(await readInputFile('-', io))], [1, 2, 3]);
  });
});

test('a missing file or a folder is bad input naming the path and the system\'s reason', async () => {
  const io = { out: () => {}, err: () => {}, readStdin: async () => new Uint8Array() };
  await assert.rejects(readInputFile('/nonexistent/f.diff', io), (e: unknown) => e instanceof InputError && e.message === '/nonexistent/f.diff: cannot read the file (ENOENT)');
  await withTempDir(async (dir) => {
    await assert.rejects(readInputFile(dir, io), (e: unknown) => e instanceof InputError && e.message === `${dir}: cannot read the file (EISDIR)`);
  });
  assert.deepEqual([inputName('-'), inputName('a/b.diff')], ['<stdin>', 'a/b.diff']);
});
