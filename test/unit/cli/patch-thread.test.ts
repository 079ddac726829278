import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { mail, mbox, reply, seriesId, seriesMails } from '../core/patch/mail/thread-mails';

/** v1 (cover + 3 patches, a review with a trailer on patch 2) and v2 (cover + patches 1 and 3: 2 missing), v2 threaded to v1's cover. */
function twoVersions(): string[] {
  const v1 = seriesMails({ version: 1, total: 3, cover: true, threading: 'to-cover', minute: 0 });
  const v2 = seriesMails({ version: 2, total: 3, cover: true, threading: 'to-cover', minute: 60, inReplyTo: seriesId(1, 0) });
  const review = reply('r@y', v1[2]!, 'Reviewed-by: Mark Kettenis <kettenis@example.org>');
  return [...v1, ...v2.filter((_, i) => i !== 2), review].map(mail);
}

test('patch --json on an mbox of two versions: the thread shape, series by version, trailers, missing, totals', async () => {
  const run = await runCli(['patch', '-', '--json'], mbox(twoVersions()));
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(run.stdout);
  assert.deepEqual(Object.keys(json), ['series', 'replies', 'comments', 'totals', 'diagnostics']);
  assert.deepEqual(json.series.map((s: { version: number; cover: { messageId: string }; patches: { n: number }[]; missing: number[] }) =>
    [s.version, s.cover.messageId, s.patches.map((p) => p.n), s.missing]), [[1, 'v1-0@example.org', [1, 2, 3], []], [2, 'v2-0@example.org', [1, 3], [2]]]);
  const p2 = json.series[0].patches[1];
  assert.deepEqual(Object.keys(p2), ['n', 'of', 'subject', 'from', 'date', 'messageId', 'files', 'totals', 'trailers']);
  assert.deepEqual(p2.trailers, [{ name: 'Reviewed-by', value: 'Mark Kettenis <kettenis@example.org>', from: 'Mark Kettenis <kettenis@example.org>' }]);
  assert.deepEqual(json.replies.map((r: { messageId: string; inReplyTo: string; about: unknown }) => [r.messageId, r.inReplyTo, r.about]), [['r@y', 'v1-2@example.org', { version: 1, n: 2 }]]);
  // 5 patches (3 of v1, 2 of v2), each adding one line in one hunk of one file.
  assert.deepEqual(json.totals, { files: 5, added: 5, removed: 0, hunks: 5 });
  assert.deepEqual(json.diagnostics, []);
});

test('patch on a folder of .eml files and on a maildir reads the thread; a non-mail file is named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-thread-'));
  try {
    twoVersions().forEach((m, i) => writeFileSync(join(dir, `${String(i).padStart(2, '0')}.eml`), m));
    // 8 mails (v1: cover and 3 patches; v2: cover and 2 patches; a review) and a note that is not mail.
    writeFileSync(join(dir, 'notes.txt'), 'remember to test on arm64\n');
    const run = await runCli(['patch', dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^8 messages: 2 series, 5 patches, 1 reply$/m);
    assert.match(run.stdout, /^v2: sched: one reaper per CPU/m);
    assert.match(run.stdout, /^ {2}missing: 2$/m);
    assert.match(run.stdout, /^ {6}Reviewed-by: Mark Kettenis <kettenis@example.org>$/m);
    assert.match(run.stdout, /notes\.txt:1: warning: .* \[not-mail\]$/m);
    const maildir = join(dir, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
    twoVersions().forEach((m, i) => writeFileSync(join(maildir, i % 2 ? 'cur' : 'new', `17206${i}.M1P1.host:2,S`), m));
    writeFileSync(join(maildir, 'tmp', 'partial'), 'From: x\n');
    const json = JSON.parse((await runCli(['patch', maildir, '--json'])).stdout);
    assert.deepEqual(json.series.map((s: { patches: unknown[] }) => s.patches.length), [3, 2]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('patch on one mail keeps the one-patch shape; a thread without any diff is bad input', async () => {
  const one = seriesMails({ version: 1, total: 1, cover: false, threading: 'none', minute: 0 }).map(mail);
  const json = JSON.parse((await runCli(['patch', '-', '--json'], one[0])).stdout);
  assert.deepEqual(Object.keys(json), ['files', 'totals', 'diffstat', 'comments', 'mail', 'whitespaceDamaged', 'diagnostics']);
  const talk = mbox([mail({ id: 'a@x', subject: 'scheduler meeting', body: 'Tuesday?\n' }), mail({ id: 'b@x', subject: 'Re: scheduler meeting', inReplyTo: 'a@x', body: 'Yes.\n' })]);
  const run = await runCli(['patch', '-'], talk);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /no diff found in 2 message/);
});

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
  assert.deepEqual(json.pairs.map((p: { status: string }) => p.status), ['changed', 'dropped', 'changed']);
  const one = await runCli(['diff-versions', '-'], mbox(seriesMails({ version: 1, total: 2, cover: false, threading: 'chain', minute: 0 }).map(mail)));
  assert.equal(one.status, 1);
  assert.match(one.stderr, /only one version \(v1\)/);
});
