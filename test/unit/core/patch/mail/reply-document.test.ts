import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReplyDocument, replyEml, replyMailto, splitAddresses } from '../../../../../src/core/patch/mail/reply-document';

const DOC = [
  'To: Christian Ludwig <cludwig@example.org>',
  'Cc: "Kettenis, Mark" <kettenis@example.org>, tech@example.org',
  'Subject: Re: [PATCH] One reaper per CPU',
  'In-Reply-To: <p@example.org>',
  'References: <c@example.org>',
  ' <p@example.org>',
  '',
  '> +\tKERNEL_LOCK();',
  '',
  'Why the lock?',
  '',
].join('\n');

test('the header block is read back, folded lines unfolded, names in lower case; the rest is the body', () => {
  const doc = readReplyDocument(DOC);
  assert.equal(doc.headers.get('references'), '<c@example.org> <p@example.org>');
  assert.equal(doc.headers.get('subject'), 'Re: [PATCH] One reaper per CPU');
  assert.equal(doc.body, '> +\tKERNEL_LOCK();\n\nWhy the lock?\n');
  const bare = readReplyDocument('> quoted\nno headers');
  assert.deepEqual([bare.headers.size, bare.body], [0, '> quoted\nno headers']);
});

test('addresses split at commas outside quotes and angle brackets', () => {
  assert.deepEqual(splitAddresses('"Kettenis, Mark" <kettenis@example.org>, tech@example.org, <a,b@example.org>'),
    ['"Kettenis, Mark" <kettenis@example.org>', 'tech@example.org', '<a,b@example.org>']);
});

test('as an .eml: the headers, the missing MIME headers added once, a blank line, the body ending in one line break', () => {
  const eml = replyEml(DOC);
  assert.ok(eml.startsWith('To: Christian Ludwig <cludwig@example.org>\n'));
  assert.match(eml, /\nMIME-Version: 1\.0\nContent-Type: text\/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n> \+\tKERNEL_LOCK\(\);\n\nWhy the lock\?\n$/);
  assert.equal(replyEml(`MIME-Version: 1.0\n${DOC}`).split('MIME-Version').length, 2);
});

test('as a mailto: URL: To in the path, the other fields as parameters, the body with CRLF line breaks, percent-encoded', () => {
  const url = replyMailto(DOC);
  assert.ok(url.startsWith('mailto:Christian%20Ludwig%20%3Ccludwig%40example.org%3E?'));
  const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  assert.equal(params.get('cc'), '"Kettenis, Mark" <kettenis@example.org>,tech@example.org');
  assert.equal(params.get('in-reply-to'), '<p@example.org>');
  assert.equal(params.get('body'), '> +\tKERNEL_LOCK();\r\n\r\nWhy the lock?');
});
