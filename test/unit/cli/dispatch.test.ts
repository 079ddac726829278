import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/dispatch';
import { commands } from '../../../src/cli/commands';
import { InputError, UsageError, type Command } from '../../../src/cli/command';
import { captureIo, runCli } from './run-cli';

/** The commands `reaperscope --help` lists, in its order (src/cli/commands/index.ts). */
const NAMES = ['patch', 'diff-versions', 'apply', 'trace', 'simulate', 'compare', 'model'];

test('--help lists every command with its summary and exits 0; no command at all is a usage error (2)', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.status, 0);
  assert.equal(help.stderr, '');
  const lines = help.stdout.split('\n');
  assert.equal(lines[0], 'usage: reaperscope <command> [options]');
  // One line per command, names padded to the longest ('diff-versions', 13 characters) and two spaces.
  const listed = lines.filter((l) => /^ {2}\S/.test(l));
  assert.deepEqual(listed.map((l) => l.trim().split(/\s{2,}/)[0]), NAMES);
  assert.deepEqual(listed, commands.map((c) => `  ${c.name.padEnd(13)}  ${c.summary}`));
  assert.ok(help.stdout.endsWith('\n\nreaperscope help <command> shows the options of one command.\n'));
  assert.deepEqual(await runCli(['-h']), help);
  const none = await runCli([]);
  assert.deepEqual([none.status, none.stdout], [2, help.stdout]);
});

test('help NAME and NAME --help print that command\'s usage (0); help of an unknown command is the summary and 2', async () => {
  for (const entry of commands) {
    const command = await entry.load();
    const help = await runCli(['help', entry.name]);
    assert.deepEqual([help.status, help.stdout], [0, command.usage], entry.name);
    assert.match(command.usage, new RegExp(`^usage: reaperscope ${entry.name} `));
    assert.equal((await runCli([entry.name, '--help'])).stdout, command.usage);
    assert.equal((await runCli([entry.name, 'x', '-h'])).stdout, command.usage);
  }
  const unknown = await runCli(['help', 'nope']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stdout, /^usage: reaperscope <command>/);
  assert.equal((await runCli(['help'])).status, 0);
});

test('an unknown command exits 2 with the summary on standard error', async () => {
  const run = await runCli(['pach', 'x.diff']);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^reaperscope: unknown command 'pach'\n\nusage: reaperscope <command> \[options\]\n/);
});

/** Runs `main` with `command` added to the list for the call, as `fails`. */
async function withCommand(command: Command, argv: string[]): Promise<{ status: number | Error; out: string; err: string }> {
  const io = captureIo();
  commands.push({ name: 'fails', summary: 's', load: async () => command });
  try {
    const status = await main(argv, io);
    return { status, out: io.stdout, err: io.stderr };
  } catch (error) {
    return { status: error as Error, out: io.stdout, err: io.stderr };
  } finally {
    commands.pop();
  }
}

test('a command\'s errors: usage errors print the message and its usage (2), input errors the message (1), others reject', async () => {
  const failing = (error: Error): Command => ({ usage: 'usage: reaperscope fails\n', run: async () => { throw error; } });
  const usage = await withCommand(failing(new UsageError('--x wants a number')), ['fails']);
  assert.deepEqual(usage, { status: 2, out: '', err: 'reaperscope fails: --x wants a number\n\nusage: reaperscope fails\n' });
  const input = await withCommand(failing(new InputError('a.diff:3: no diff found')), ['fails']);
  assert.deepEqual(input, { status: 1, out: '', err: 'reaperscope fails: a.diff:3: no diff found\n' });
  const broken = new RangeError('an invariant broke');
  const internal = await withCommand(failing(broken), ['fails']);
  assert.equal(internal.status, broken);
  assert.equal(internal.err, '');
  // The command's own status and its arguments (after the name) go through unchanged.
  let seen: string[] = [];
  const ok = await withCommand({ usage: 'u', run: async (args, io) => { seen = args; io.out('done\n'); return 1; } }, ['fails', 'a', '--b']);
  assert.deepEqual([ok.status, ok.out, seen], [1, 'done\n', ['a', '--b']]);
});
