import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type CliIo } from '../../../src/cli/command';
import { readThreadSources } from '../../../src/cli/thread-input';
import { withTempDir, withTree } from './temp-tree';

const io = (stdin = ''): CliIo => ({ out: () => {}, err: () => {}, readStdin: async () => new TextEncoder().encode(stdin) });
const text = (data: Uint8Array | string): string => (typeof data === 'string' ? data : new TextDecoder().decode(data));

test('files and - in the order given; a folder\'s files sorted by name, hidden ones left out', async () => {
  await withTree({ 'mails/02.eml': 'two', 'mails/01.eml': 'one', 'mails/.notes': 'hidden', 'mails/sub/x.eml': 'nested', 'single.eml': 'single' }, async (dir) => {
    const sources = await readThreadSources([join(dir, 'single.eml'), '-', join(dir, 'mails')], io('from stdin'));
    assert.deepEqual(sources.map((s) => [s.name, text(s.data)]), [
      [join(dir, 'single.eml'), 'single'], ['<stdin>', 'from stdin'], [join(dir, 'mails/01.eml'), 'one'], [join(dir, 'mails/02.eml'), 'two'],
    ]);
  });
});

test('a maildir is read from cur/ then new/, never tmp/ (mail still being written)', async () => {
  await withTree({ 'md/cur/b:2,S': 'cur b', 'md/cur/a:2,S': 'cur a', 'md/new/c': 'new c', 'md/tmp/partial': 'From: x\n' }, async (dir) => {
    const sources = await readThreadSources([join(dir, 'md')], io());
    assert.deepEqual(sources.map((s) => text(s.data)), ['cur a', 'cur b', 'new c']);
  });
});

test('an empty folder or a path that cannot be read is bad input naming it', async () => {
  await withTempDir(async (dir) => {
    mkdirSync(join(dir, 'empty'));
    await assert.rejects(readThreadSources([join(dir, 'empty')], io()), (e: unknown) => e instanceof InputError && e.message === `${join(dir, 'empty')}: the folder holds no files`);
    writeFileSync(join(dir, 'ok.eml'), 'x');
    await assert.rejects(readThreadSources([join(dir, 'ok.eml'), join(dir, 'none.eml')], io()), (e: unknown) => e instanceof InputError && e.message === `${join(dir, 'none.eml')}: cannot read the file (ENOENT)`);
  });
});
