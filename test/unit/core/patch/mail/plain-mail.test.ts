import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readMimeMail } from '../../../../../src/core/patch/mail/mail-message';
import { readPlainMail } from '../../../../../src/core/patch/mail/plain-mail';
import { listPreamble, mail, patchBody } from './thread-mails';

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.-]{0,11}$/);
const person = fc.record({ name: fc.option(fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')), { nil: undefined }), quoted: fc.boolean(), user: word })
  .map(({ name, quoted, user }) => {
    const address = `${user.toLowerCase()}@example.org`;
    return name === undefined ? address : quoted ? `"${name}" <${address}>` : `${name} <${address}>`;
  });

test('property: the plain reader gives exactly what the MIME reader (postal-mime) gives for format-patch mail', async () => {
  await fc.assert(fc.asyncProperty(
    fc.record({
      from: person, to: fc.array(person, { maxLength: 3 }), cc: fc.array(person, { maxLength: 3 }),
      preamble: fc.boolean(), references: fc.array(word, { maxLength: 3 }),
      subject: fc.array(word, { minLength: 1, maxLength: 12 }), body: fc.array(fc.oneof(word, fc.constant(''), fc.constant('+\tx();')), { maxLength: 20 }),
      endsInBreak: fc.boolean(),
    }),
    async (c) => {
      const extra = [...c.to.length ? [`To: ${c.to.join(', ')}`] : [], ...c.cc.length ? [`Cc: ${c.cc.join(',\n ')}`] : []];
      let text = mail({
        id: 'a@example.org', subject: c.subject.join(' '), from: c.from, body: c.body.join('\n'),
        ...c.references.length ? { references: c.references.map((r) => `${r}@x`), inReplyTo: `${c.references.at(-1)}@x` } : {},
        preamble: [...c.preamble ? listPreamble(7) : [], ...extra],
      });
      if (!c.endsInBreak) text = text.replace(/\n$/, '');
      const plain = readPlainMail(text);
      assert.ok(plain, 'a format-patch mail takes the plain path');
      assert.deepEqual(plain, await readMimeMail(text, text));
    }), { numRuns: 300, seed: 7 });
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
    base.replace('MIME-Version: 1.0', 'MIME-Version: 1.0\nCc: "Ludwig, Christian" <c@example.org>'),
  ];
  assert.deepEqual(variants.map((v) => readPlainMail(v)), variants.map(() => null));
  assert.notEqual(readPlainMail(base), null);
});
