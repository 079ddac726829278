import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import PostalMime from 'postal-mime';
import { readMail } from '../../../../../src/core/patch/mail/mail-message';
import { readPlainMail } from '../../../../../src/core/patch/mail/plain-mail';
import { listPreamble, mail, patchBody } from './thread-mails';

/** What readMail gives through postal-mime alone: the fast path is skipped by handing it a CR LF copy's line map. */
async function viaPostalMime(text: string): Promise<unknown> {
  const email = await PostalMime.parse(text);
  return { from: email.from, subject: email.subject, text: email.text ?? '', messageId: email.messageId, inReplyTo: email.inReplyTo, references: email.references };
}

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.-]{0,11}$/);

test('property: the plain reader gives what readMail gives through postal-mime for format-patch mail', async () => {
  await fc.assert(fc.asyncProperty(
    fc.record({
      name: fc.option(fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')), { nil: undefined }),
      quoted: fc.boolean(), preamble: fc.boolean(), references: fc.array(word, { maxLength: 3 }),
      subject: fc.array(word, { minLength: 1, maxLength: 12 }), body: fc.array(fc.oneof(word, fc.constant(''), fc.constant('+\tx();')), { maxLength: 20 }),
      endsInBreak: fc.boolean(),
    }),
    async (c) => {
      const address = 'cl@example.org';
      const from = c.name === undefined ? address : c.quoted ? `"${c.name}" <${address}>` : `${c.name} <${address}>`;
      let text = mail({
        id: 'a@example.org', subject: c.subject.join(' '), from, body: c.body.join('\n'),
        ...c.references.length ? { references: c.references.map((r) => `${r}@x`), inReplyTo: `${c.references.at(-1)}@x` } : {},
        ...c.preamble ? { preamble: listPreamble(7) } : {},
      });
      if (!c.endsInBreak) text = text.replace(/\n$/, '');
      const plain = readPlainMail(text);
      assert.ok(plain, 'a format-patch mail takes the plain path');
      const [mime, ours] = [await viaPostalMime(text), {
        from: plain.headers.from, subject: plain.headers.subject, text: plain.body,
        messageId: plain.headers.messageId, inReplyTo: plain.headers.inReplyTo, references: plain.references.map((r) => `<${r}>`).join(' ') || undefined,
      }];
      const m = mime as { from: { name: string; address: string }; references?: string };
      const mimeFrom = m.from.name ? `${m.from.name} <${m.from.address}>` : m.from.address;
      assert.deepEqual({ ...(mime as object), from: mimeFrom, references: m.references?.replace(/\s+/g, ' ') }, ours);
      // And readMail (which takes the plain path) maps body line i to the input line after the header block.
      const read = await readMail(text, text);
      const lines = text.split('\n');
      read.body.split('\n').forEach((line, i) => { if (i < lines.length - read.bodySourceLines![0]! + 1) assert.equal(lines[read.bodySourceLines![i]! - 1] ?? '', line); });
    }), { numRuns: 200, seed: 7 });
});

test('mail the plain reader leaves to the MIME reader', () => {
  const base = mail({ id: 'a@x', subject: '[PATCH] x', body: patchBody('a.c', 'f', 'g();') });
  const variants = [
    base.replace('Subject: [PATCH] x', 'Subject: =?UTF-8?Q?r=C3=A4per?='),
    base.replace('charset=utf-8', 'charset=iso-8859-1'),
    base.replace('charset=utf-8', 'charset=utf-8; format=flowed'),
    base.replace('MIME-Version: 1.0', 'MIME-Version: 1.0\nContent-Transfer-Encoding: quoted-printable'),
    base.replace(/\n/g, '\r\n'),
    base.replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: multipart/mixed; boundary=x'),
  ];
  assert.deepEqual(variants.map((v) => readPlainMail(v)), variants.map(() => null));
  assert.notEqual(readPlainMail(base), null);
});
