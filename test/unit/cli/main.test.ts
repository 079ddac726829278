// The program itself, in a child process (the other CLI tests run the dispatcher in process):
// its standard input and output and its exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath, spawnCli } from './run-cli';

test('reaperscope patch - reads standard input, writes the summary and exits 0', () => {
  const run = spawnCli(['patch', '-'], readFileSync(fixturePath('one-reaper-per-cpu.patch')));
  assert.equal(run.status, 0, run.stderr);
  // The seed patch's facts (test/fixtures/README.md): 4 files, +44 -64, 12 hunks.
  assert.match(run.stdout, /4 files, \+44 -64, 12 hunks/);
});

test('an unknown command exits 2 with the summary of the commands on standard error', () => {
  const run = spawnCli(['no-such-command']);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^reaperscope: unknown command 'no-such-command'\n\nusage: reaperscope <command> \[options\]/);
});
