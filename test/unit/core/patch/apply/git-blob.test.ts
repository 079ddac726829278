import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobMatches, gitBlobId } from '../../../../../src/core/patch/apply/git-blob';

const samples: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['one line', new TextEncoder().encode('hello\n')],
  ['CRLF and no final newline', new TextEncoder().encode('a\r\nb\r\nc')],
  ['UTF-8', new TextEncoder().encode('café — réaper\n')],
  ['binary with NULs', Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) & 0xff)],
  ['the seed patch', new Uint8Array(readFileSync(new URL('../../../../fixtures/one-reaper-per-cpu.patch', import.meta.url)))],
];

test('gitBlobId agrees with `git hash-object` on files written here', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-blob-'));
  try {
    for (const [name, bytes] of samples) {
      const path = join(dir, 'sample');
      writeFileSync(path, bytes);
      const expected = execFileSync('git', ['hash-object', '--no-filters', path], { encoding: 'utf8' }).trim();
      assert.equal(gitBlobId(bytes), expected, name);
      assert.match(expected, /^[0-9a-f]{40}$/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('blobMatches: abbreviated ids match by prefix; the all-zero id means "no file"', () => {
  const bytes = new TextEncoder().encode('hello\n');
  assert.equal(blobMatches('ce01362', bytes), true);
  assert.equal(blobMatches('CE01362', bytes), true);
  assert.equal(blobMatches('ce01363', bytes), false);
  assert.equal(blobMatches(undefined, bytes), null);
  assert.equal(blobMatches('0000000', null), true);
  assert.equal(blobMatches('0000000', bytes), false);
  assert.equal(blobMatches('ce01362', null), false);
});
