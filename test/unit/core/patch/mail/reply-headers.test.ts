import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReplyDocument, replyEml, replyMailto, splitAddresses } from '../../../../../src/core/patch/mail/reply-document';
import { formatReplyHeaders, headerField, replyHeaders } from '../../../../../src/core/patch/mail/reply-headers';
import { formatReplyMail } from '../../../../../src/core/patch/mail/reply-mail';
import { readPatch } from '../../../../../src/core/patch/read-patch';
import { seedPatch } from '../../../seed';

/** A review reply as a list delivers it (RFC 5322 headers; addresses made up for the test). */
const threadedMail = [
  'From: Mark Kettenis <mark@example.org>',
  'To: Christian Ludwig <cl@example.com>',
  'Cc: tech@openbsd.org, "Reviewer, Second" <second@example.net>',
  'Subject: Re: [PATCH v2] One reaper per CPU',
  'Date: Wed, 10 Jul 2024 17:42:45 +0200',
  'Message-ID: <d3f0a1b2c3@example.org>',
  'In-Reply-To: <20240710152135.1@example.com>',
  'References: <20240701000000.0@example.com>',
  ' <20240710152135.1@example.com>',
  '',
  'Looks fine.',
  '',
  'diff --git a/x.c b/x.c',
  '--- a/x.c',
  '+++ b/x.c',
  '@@ -1 +1 @@',
  '-a',
  '+b',
  '',
].join('\n');

test('a reply to the review mail goes to the reviewer, with the patch author and the list in Cc', async () => {
  // Fixture facts (one-reaper-per-cpu.review.eml): From Mark Kettenis, To Christian Ludwig, Cc tech@openbsd.org.
  const patch = await seedPatch('one-reaper-per-cpu.review.eml');
  const h = replyHeaders(patch.mail);
  assert.deepEqual(h.to, ['Mark Kettenis']);
  assert.deepEqual(h.cc, ['Christian Ludwig', 'tech@openbsd.org']);
  assert.equal(h.subject, 'Re: One reaper per CPU');
  const lines = formatReplyMail(patch, [{ at: null, where: 'x:1', text: 'ok' }]).split('\n');
  assert.deepEqual(lines.slice(0, 4), ['Subject: Re: One reaper per CPU', 'To: Mark Kettenis', 'Cc: Christian Ludwig, tech@openbsd.org', '']);
});

test('a reply to the patch mail goes to its author with the list in Cc and one Re:', async () => {
  // Fixture facts (one-reaper-per-cpu.patch): From Christian Ludwig, To tech@openbsd.org, Subject "One reaper per CPU".
  const h = replyHeaders((await seedPatch()).mail);
  assert.deepEqual([h.subject, h.to, h.cc], ['Re: One reaper per CPU', ['Christian Ludwig'], ['tech@openbsd.org']]);
});

test('threading: In-Reply-To is the mail\'s id, References its references then that id; the sender is not copied to self', async () => {
  const patch = await readPatch(new TextEncoder().encode(threadedMail), { fileName: 'reply.eml' });
  const h = replyHeaders(patch.mail, { from: 'Christian Ludwig <CL@example.com>' });
  assert.equal(h.inReplyTo, '<d3f0a1b2c3@example.org>');
  assert.deepEqual(h.references, ['<20240701000000.0@example.com>', '<20240710152135.1@example.com>', '<d3f0a1b2c3@example.org>']);
  assert.deepEqual(h.to, ['Mark Kettenis <mark@example.org>']);
  // Christian is the user here (same address, other case): left out; the quoted name with a comma stays one address.
  assert.deepEqual(h.cc, ['tech@openbsd.org', '"Reviewer, Second" <second@example.net>']);
  assert.equal(h.subject, 'Re: [PATCH v2] One reaper per CPU');
  const lines = formatReplyHeaders(h);
  assert.ok(lines.every((l) => l.length <= 78), lines.join('\n'));
  // References (32 + 32 + 26 characters of ids) folds once, before the id that passes 78 characters.
  assert.deepEqual(lines.slice(-3), ['References: <20240701000000.0@example.com> <20240710152135.1@example.com>', '\t<d3f0a1b2c3@example.org>', 'From: Christian Ludwig <CL@example.com>']);
  assert.equal(lines.at(-1), 'From: Christian Ludwig <CL@example.com>');
});

test('Reply-To replaces From as the recipient', async () => {
  const mail = threadedMail.replace('Subject:', 'Reply-To: tech@openbsd.org\nSubject:');
  const patch = await readPatch(new TextEncoder().encode(mail), { fileName: 'reply.eml' });
  const h = replyHeaders(patch.mail);
  assert.deepEqual(h.to, ['tech@openbsd.org']);
  assert.deepEqual(h.cc, ['Christian Ludwig <cl@example.com>', '"Reviewer, Second" <second@example.net>']);
});

test('long address lists fold after a comma with a tab, under 78 characters a line', () => {
  const names = Array.from({ length: 6 }, (_, i) => `Person Number${i} <person${i}@example.org>`);
  const lines = headerField('Cc', names);
  assert.ok(lines.length > 1);
  assert.ok(lines.every((l) => l.length <= 78));
  assert.ok(lines.slice(1).every((l) => l.startsWith('\t')));
  assert.deepEqual(splitAddresses(readReplyDocument(`${lines.join('\n')}\n\nbody\n`).headers.get('cc')!), names);
});

test('the reply document reads back into headers and body; the .eml adds plain-text MIME headers once', async () => {
  const patch = await readPatch(new TextEncoder().encode(threadedMail), { fileName: 'reply.eml' });
  const text = formatReplyMail(patch, [{ at: null, where: 'x.c:1', text: 'Agreed.' }]);
  const doc = readReplyDocument(text);
  assert.equal(doc.headers.get('in-reply-to'), '<d3f0a1b2c3@example.org>');
  assert.equal(doc.headers.get('references'), '<20240701000000.0@example.com> <20240710152135.1@example.com> <d3f0a1b2c3@example.org>');
  assert.match(doc.body, /^On Wed, 10 Jul 2024 17:42:45 \+0200, Mark Kettenis <mark@example.org> wrote:\n/);
  const eml = replyEml(text);
  const head = eml.slice(0, eml.indexOf('\n\n')).split('\n');
  assert.deepEqual(head.filter((l) => /^(MIME-Version|Content-Type|Content-Transfer-Encoding):/.test(l)),
    ['MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit']);
  assert.equal(replyEml(eml), eml, 'saving an .eml again adds nothing');
  assert.ok(eml.endsWith('x.c:1:\nAgreed.\n'));
});

test('the mailto: URL carries recipients, threading headers and the body with CRLF line breaks', async () => {
  const patch = await readPatch(new TextEncoder().encode(threadedMail), { fileName: 'reply.eml' });
  const url = replyMailto(formatReplyMail(patch, [{ at: null, where: 'x.c:1', text: 'Agreed.' }]));
  const parsed = new URL(url);
  assert.equal(parsed.protocol, 'mailto:');
  assert.equal(decodeURIComponent(parsed.pathname), 'Mark Kettenis <mark@example.org>');
  const q = parsed.searchParams;
  assert.equal(q.get('cc'), 'Christian Ludwig <cl@example.com>,tech@openbsd.org,"Reviewer, Second" <second@example.net>');
  assert.equal(q.get('subject'), 'Re: [PATCH v2] One reaper per CPU');
  assert.equal(q.get('in-reply-to'), '<d3f0a1b2c3@example.org>');
  assert.match(q.get('body')!, /wrote:\r\n/);
  assert.ok(!/\n(?<!\r\n)/.test(q.get('body')!.replace(/\r\n/g, '')));
});

test('a text without a header block is all body', () => {
  assert.deepEqual(readReplyDocument('> quoted\nmore\n'), { headers: new Map(), body: '> quoted\nmore\n' });
});
