import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { InputError } from '../../../src/cli/command';
import { fileError, systemReason } from '../../../src/cli/file-error';
import { withTempDir } from './temp-tree';

test('the reason is the system\'s error code when there is one, else the error as text', async () => {
  const missing = await readFile('/nonexistent/a.diff').catch((e: unknown) => e);
  assert.equal(systemReason(missing), 'ENOENT');
  await withTempDir(async (dir) => {
    assert.equal(systemReason(await writeFile(dir, 'x').catch((e: unknown) => e)), 'EISDIR');
  });
  assert.equal(systemReason(new Error('disk on fire')), 'Error: disk on fire');
  assert.equal(systemReason('plain'), 'plain');
  assert.equal(systemReason(null), 'null');
  assert.equal(systemReason({ code: 7 }), '[object Object]');
});

test('the error is bad input naming the path, what failed and why', async () => {
  const missing = await readFile('/nonexistent/a.diff').catch((e: unknown) => e);
  const error = fileError('/nonexistent/a.diff', 'cannot read the file', missing);
  assert.ok(error instanceof InputError);
  assert.equal(error.message, '/nonexistent/a.diff: cannot read the file (ENOENT)');
  assert.equal(fileError('out.html', 'cannot write', { code: 'EACCES' }).message, 'out.html: cannot write (EACCES)');
});
