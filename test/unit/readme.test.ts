// The README's examples of command-line output are the real output: every ```text block that
// starts with `$ reaperscope ARGS` is run (in process, from the repository's root, as the
// README's paths are) and its output compared with the rest of the block, so an example
// cannot drift from what the command prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli/run-cli';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(new URL('README.md', `file://${root}`), 'utf8');

interface Example {
  /** 1-based line of the README where the block's command is. */
  line: number;
  args: string[];
  output: string;
}

/** The blocks: ```text, a first line `$ reaperscope ...`, then the output (arguments are split at spaces; no quoting). */
function examples(text: string): Example[] {
  const found: Example[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```text' || !lines[i + 1]?.startsWith('$ reaperscope ')) continue;
    const end = lines.indexOf('```', i + 1);
    const args = lines[i + 1]!.slice('$ reaperscope '.length).split(' ').filter((a) => a !== '');
    assert.ok(args.every((a) => !/["'\\]/.test(a)), `README.md:${i + 2}: quoting is not supported in examples`);
    found.push({ line: i + 2, args, output: `${lines.slice(i + 2, end).join('\n')}\n` });
    i = end;
  }
  return found;
}

test('the README shows command-line output, the patch summary among it', () => {
  const names = examples(readme).map((e) => e.args[0]);
  assert.ok(names.includes('patch'), JSON.stringify(names));
});

for (const example of examples(readme)) {
  // An example on a file the repository does not hold (a user's mbox) cannot be run: it is
  // reported as skipped, with the file named, rather than passed.
  const missing = example.args.find((a) => !a.startsWith('-') && /\.[a-z]+$/.test(a) && !existsSync(join(root, a)));
  test(`README.md:${example.line}: reaperscope ${example.args.join(' ')} prints what the README shows`, { skip: missing ? `${missing} is not in the repository` : false }, async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const run = await runCli(example.args);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, example.output);
    } finally {
      process.chdir(cwd);
    }
  });
}
