import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../run-cli';
import { mail, mbox, seriesMails } from '../../core/patch/mail/thread-mails';
import { twoVersions } from '../review-threads';

test('diff-versions prints v1 → v2 patch by patch; one version only is bad input', async () => {
  const text = mbox(twoVersions());
  const run = await runCli(['diff-versions', '-'], text);
  assert.equal(run.status, 0, run.stderr);
  // v2 holds patches 1 and 3 (2 missing); each differs from v1's in its added line (v1_stepN vs v2_stepN).
  assert.match(run.stdout, /^v1 → v2: 3 patch\(es\) in v1, 2 in v2$/m);
  assert.match(run.stdout, /^1\/3 ! 1\/3 {2}sched: step 1$/m);
  assert.match(run.stdout, /^2\/3 < - {4}sched: step 2$/m);
  assert.match(run.stdout, /^ {4}\+\+\tv2_step3\(\);$/m);
  const json = JSON.parse((await runCli(['diff-versions', '-', '--from', 'v1', '--to', '2', '--json'], text)).stdout);
  assert.deepEqual([json.from, json.to], [1, 2]);
  assert.deepEqual(json.pairs.map((p: { status: string }) => p.status), ['changed', 'dropped', 'changed']);
  const one = await runCli(['diff-versions', '-'], mbox(seriesMails({ version: 1, total: 2, cover: false, threading: 'chain', minute: 0 }).map(mail)));
  assert.equal(one.status, 1);
  assert.match(one.stderr, /only one version \(v1\)/);
});

test('versions the input lacks are bad input listing the ones it has; a malformed version or no input is a usage error', async () => {
  const text = mbox(twoVersions());
  const to = await runCli(['diff-versions', '-', '--to', 'v3'], text);
  assert.deepEqual([to.status, to.stderr], [1, 'reaperscope diff-versions: no v3 of a series in the input (versions: v1, v2)\n']);
  const from = await runCli(['diff-versions', '-', '--from', '4'], text);
  assert.deepEqual([from.status, from.stderr], [1, 'reaperscope diff-versions: no v4 of "sched: one reaper per CPU" in the input\n']);
  const bad = await runCli(['diff-versions', '-', '--from', 'version1'], text);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^reaperscope diff-versions: --from wants a version such as v2, not "version1"\n\nusage: reaperscope diff-versions /);
  assert.equal((await runCli(['diff-versions'])).status, 2);
});
