import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../src/cli/command';
import { integerOption, parseCommandArgs } from '../../../src/cli/parse-command-args';

const OPTIONS = { json: { type: 'boolean' }, tree: { type: 'string' }, strip: { type: 'string', short: 'p' } } as const;

test('options and positionals in any order; a short name is its long one', () => {
  const { values, positionals } = parseCommandArgs(['a.diff', '--json', '-p', '1', '--tree=/t', 'b.diff'], OPTIONS);
  assert.deepEqual({ ...values }, { json: true, strip: '1', tree: '/t' });
  assert.deepEqual(positionals, ['a.diff', 'b.diff']);
});

test('an unknown option, a missing value or a value on a flag is a usage error', () => {
  assert.throws(() => parseCommandArgs(['--bogus'], OPTIONS), (e: unknown) => e instanceof UsageError && /--bogus/.test(e.message));
  assert.throws(() => parseCommandArgs(['--tree'], OPTIONS), (e: unknown) => e instanceof UsageError && /--tree/.test(e.message));
  assert.throws(() => parseCommandArgs(['--json=yes'], OPTIONS), UsageError);
});

test('whole numbers: the default when absent, digits only otherwise', () => {
  assert.equal(integerOption(undefined, 'fuzz', 2), 2);
  assert.equal(integerOption('0', 'fuzz', 2), 0);
  assert.equal(integerOption('12', 'fuzz', 2), 12);
  for (const bad of ['-1', '1.5', '', ' 3', 'x', '1e3']) {
    assert.throws(() => integerOption(bad, 'fuzz', 2), (e: unknown) => e instanceof UsageError && e.message === `--fuzz wants a whole number, not ${JSON.stringify(bad)}`, bad);
  }
});
