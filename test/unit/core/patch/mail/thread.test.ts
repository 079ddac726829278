import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseSubject, readThread } from '../../../../../src/core/patch/mail/thread';
import { listPreamble, mail, mbox, patchBody } from './thread-mails';

test('headers after 6 KB of Received / ARC / DKIM lines are read; replies link by In-Reply-To and References', async () => {
  const cover = mail({ id: 'c@x', subject: '[PATCH 0/2] sched: one reaper per CPU', body: 'Cover.\n', preamble: listPreamble(1) });
  const p1 = mail({ id: 'p1@x', subject: '[PATCH 1/2] sched: a', inReplyTo: 'c@x', references: ['c@x'], minute: 1, body: patchBody('sys/kern/kern_sched.c', 'sched_a', 'a();'), preamble: listPreamble(2) });
  const r1 = mail({ id: 'r1@y', subject: 'Re: [PATCH 1/2] sched: a', from: 'Mark Kettenis <kettenis@example.org>', references: ['c@x', 'p1@x'], minute: 5, body: 'Reviewed-by: Mark Kettenis <kettenis@example.org>\n' });
  const text = mbox([cover, p1, r1]);
  assert.ok(text.indexOf('From: Christian') > 5 * 1024, 'the header block before From: is longer than 5 KB');
  const thread = await readThread([{ name: 't.mbox', data: text }]);
  assert.deepEqual(thread.messages.map((m) => [m.messageId, m.parent, m.from.split(' ')[0]]), [['c@x', null, 'Christian'], ['p1@x', 0, 'Christian'], ['r1@y', 1, 'Mark']]);
  assert.deepEqual(thread.roots, [0]);
  assert.equal(thread.messages[1]!.patch.files[0]?.newPath, 'sys/kern/kern_sched.c');
  assert.equal(thread.messages[2]!.isReply, true);
  assert.deepEqual(thread.diagnostics, []);
});

test('a reply without references attaches by subject; a source that is not mail is named and skipped', async () => {
  const p = mail({ id: 'p@x', subject: '[PATCH] sched: fix', body: patchBody('sys/kern/kern_sched.c', 'f', 'g();') });
  const r = mail({ id: 'r@y', subject: 'Re: [PATCH] sched: fix', from: 'A <a@example.org>', body: 'ok\n' });
  const thread = await readThread([{ name: 'p.eml', data: p }, { name: 'notes.txt', data: 'just some notes\n' }, { name: 'r.eml', data: r }]);
  assert.deepEqual(thread.messages.map((m) => [m.source, m.parent]), [['p.eml', null], ['r.eml', 0]]);
  assert.deepEqual(thread.diagnostics.map((d) => [d.source, d.line, d.code]), [['notes.txt', 1, 'not-mail']]);
  assert.equal(baseSubject('Re: AW: [PATCH v2 1/3] Sched:  Fix '), 'sched: fix');
});

/** Mails joined into an mboxcl2: each with its body's size in bytes, `From ` lines in bodies left bare. */
function mboxcl2(mails: readonly string[], lengths: readonly (number | null)[] = []): string {
  return mails.map((m, k) => {
    const split = m.indexOf('\n\n');
    const body = m.slice(split + 2);
    const length = lengths[k] ?? new TextEncoder().encode(body).length;
    return `From mboxcl2@z Thu Jan  1 00:00:00 1970\n${m.slice(0, split)}\nContent-Length: ${length}\n\n${body}`;
  }).join('\n');
}

test('an mboxcl2 thread: patches whose messages hold bare "From " lines are read whole by Content-Length', async () => {
  const log = 'The reaper log had this line:\n\nFrom root@example.org Wed Jul 10 12:00:00 2024\n\nwhich mbox readers take for a new mail.';
  const p = mail({ id: 'p@x', subject: '[PATCH] sched: fix', body: patchBody('sys/kern/kern_sched.c', 'f', 'g();', log) });
  const r = mail({ id: 'r@y', subject: 'Re: [PATCH] sched: fix', from: 'A <a@example.org>', inReplyTo: 'p@x', minute: 3, body: 'ok\n' });
  const thread = await readThread([{ name: 'cl2.mbox', data: mboxcl2([p, r]) }]);
  assert.deepEqual(thread.diagnostics, []);
  assert.deepEqual(thread.messages.map((m) => [m.messageId, m.parent]), [['p@x', null], ['r@y', 0]]);
  assert.equal(thread.messages[0]!.patch.files[0]?.newPath, 'sys/kern/kern_sched.c');
  assert.match(thread.messages[0]!.body, /^From root@example\.org Wed Jul 10 12:00:00 2024$/m);
});

test('an mboxcl2 thread with a wrong Content-Length: split at the From lines, the header named with its line', async () => {
  const p = mail({ id: 'p@x', subject: '[PATCH] sched: fix', body: patchBody('sys/kern/kern_sched.c', 'f', 'g();') });
  const r = mail({ id: 'r@y', subject: 'Re: [PATCH] sched: fix', from: 'A <a@example.org>', inReplyTo: 'p@x', minute: 3, body: 'ok\n' });
  const text = mboxcl2([p, r], [10, null]);
  const thread = await readThread([{ name: 'cl.mbox', data: text }]);
  const line = text.split('\n').indexOf('Content-Length: 10') + 1;
  assert.ok(line > 1);
  assert.deepEqual(thread.diagnostics.map((d) => [d.source, d.line, d.code]), [['cl.mbox', line, 'content-length-mismatch']]);
  assert.deepEqual(thread.messages.map((m) => [m.messageId, m.parent]), [['p@x', null], ['r@y', 0]]);
  assert.equal(thread.messages[0]!.patch.files.length, 1);
});
