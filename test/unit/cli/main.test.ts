// The program itself, in a child process (the other CLI tests run the dispatcher in process):
// its standard input and output and its exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { cliBundles } from '../../../scripts/cli-bundles.mjs';
import { fixturePath, runCli, spawnCli } from './run-cli';

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

test('the built program loads the dispatcher and the one command it runs; errors thrown in a command\'s bundle keep their exit status', async () => {
  const out = mkdtempSync(join(tmpdir(), 'reaperscope-cli-bundles-'));
  try {
    for (const options of await cliBundles(out)) await esbuild.build({ ...options, logLevel: 'silent' });
    // prints, at exit, the files of this folder the program loaded
    const preload = join(out, 'loaded.cjs');
    writeFileSync(preload, `process.on('exit', () => process.stderr.write('loaded ' + Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(out)}) && f.endsWith('.js')).map((f) => f.slice(${out.length + 1})).sort().join(' ') + '\\n'));`);
    const program = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, ['-r', preload, join(out, 'cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
    const trace = fixturePath('traces/btrace-baseline.txt');
    const built = program(['trace', trace, '--json']);
    assert.equal(built.status, 0, built.stderr);
    assert.equal(built.stderr, 'loaded cli-trace.js cli.js\n');
    assert.equal(built.stdout, (await runCli(['trace', trace, '--json'])).stdout);
    // a usage error (2) and an input error (1) thrown from cli-trace.js, reported as in process
    for (const args of [['trace', '--bogus'], ['trace', join(out, 'none.txt')]]) {
      const inProcess = await runCli(args);
      const run = program(args);
      assert.deepEqual([run.status, run.stdout, run.stderr], [inProcess.status, '', `${inProcess.stderr}loaded cli-trace.js cli.js\n`], args.join(' '));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
