import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InputError, UsageError, type CliIo } from '../../../src/cli/command';
import { patchOfInput, readPatchArgument } from '../../../src/cli/patch-input';
import { fixturePath } from './run-cli';

const io = (stdin: string | Uint8Array = ''): CliIo => ({
  out: () => {}, err: () => {},
  readStdin: async () => (typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin),
});

test('one PATCH argument: a file or - for standard input, named <stdin> in messages', async () => {
  const seed = fixturePath('one-reaper-per-cpu.patch');
  const fromFile = await readPatchArgument([seed], io());
  assert.equal(fromFile.name, seed);
  // The seed patch's 4 files (test/fixtures/README.md).
  assert.equal(fromFile.patch.files.length, 4);
  const fromStdin = await readPatchArgument(['-'], io(readFileSync(seed)));
  assert.equal(fromStdin.name, '<stdin>');
  assert.deepEqual(fromStdin.patch.files.map((f) => f.newPath), fromFile.patch.files.map((f) => f.newPath));
});

test('no argument or two are usage errors; input without a diff is bad input at line 1', async () => {
  await assert.rejects(readPatchArgument([], io()), (e: unknown) => e instanceof UsageError && /^which patch\?/.test(e.message));
  await assert.rejects(readPatchArgument(['a', 'b'], io()), (e: unknown) => e instanceof UsageError && e.message === 'one patch at a time');
  await assert.rejects(readPatchArgument(['-'], io('Hello,\n\nno diff here.\n')), (e: unknown) => e instanceof InputError && e.message === '<stdin>:1: no diff found');
  await assert.rejects(patchOfInput('', 'empty.diff'), (e: unknown) => e instanceof InputError && e.message === 'empty.diff:1: no diff found');
  await assert.rejects(readPatchArgument(['/nonexistent/p.diff'], io()), InputError);
});
