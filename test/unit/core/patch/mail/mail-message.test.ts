import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bodySourceLine, looksLikeMail, readMail } from '../../../../../src/core/patch/mail/mail-message';
import { isReplySubject, seriesPosition } from '../../../../../src/core/patch/mail/mail-subject';
import { readPatch } from '../../../../../src/core/patch/read-patch';
import { MAIL, SEED, bytesOf, linesOf } from '../read-patch-fixtures';

const sign = { context: ' ', add: '+', remove: '-' } as const;

test('mail detection: header blocks yes, bare diffs and prose no', () => {
  assert.equal(looksLikeMail(readFileSync(SEED.patch, 'utf8')), true);
  assert.equal(looksLikeMail(readFileSync(SEED.review, 'utf8')), true);
  assert.equal(looksLikeMail('diff --git a/x b/x\n--- a/x\n+++ b/x\n'), false);
  assert.equal(looksLikeMail('Note: this is prose\nnot a mail\n'), false);
  assert.equal(looksLikeMail('X-Foo: bar\n\nbody\n'), false);
});

test('series positions and reply subjects', () => {
  assert.deepEqual(seriesPosition('[PATCH 2/3] init_main.c: drop reaperproc'), { index: 2, total: 3 });
  assert.deepEqual(seriesPosition('Re: [RFC PATCH v2 03/12] sched: x'), { index: 3, total: 12 });
  assert.deepEqual(seriesPosition('[PATCH net-next 0/4] cover'), { index: 0, total: 4 });
  assert.equal(seriesPosition('[PATCH] one patch'), undefined);
  assert.equal(seriesPosition('[PATCH 5/3] impossible'), undefined);
  assert.equal(isReplySubject('Re: One reaper per CPU'), true);
  assert.equal(isReplySubject('One reaper per CPU'), false);
});

test('a plain mail maps body lines to lines of the file', async () => {
  const text = readFileSync(SEED.patch, 'utf8');
  const mail = await readMail(bytesOf(SEED.patch), text);
  const lines = linesOf(SEED.patch);
  // Fixture fact: the seed mail's body starts on line 6 (four header lines, then the empty line).
  assert.equal(mail.bodySourceLines, 6);
  mail.body.split('\n').forEach((line, i) => assert.equal(lines[bodySourceLine(mail.bodySourceLines, i)! - 1], line));
  // Fixture facts: the seed mail's From, Date, Subject and To (tech@openbsd.org); no Message-ID.
  assert.deepEqual(mail.headers, { from: 'Christian Ludwig', date: 'Wed, 10 Jul 2024 17:21:35 +0200', subject: 'One reaper per CPU', to: ['tech@openbsd.org'] });
});

test('quoted-printable format-patch mail: soft breaks joined, =3D and =20 decoded, raw lines where decoded lines start', async () => {
  const path = join(MAIL, 'qp-format-patch.eml');
  const raw = readFileSync(path, 'utf8');
  assert.match(raw, /=3D/);
  assert.match(raw, /=20\n/);
  assert.match(raw, /=\n/);
  const patch = await readPatch(bytesOf(path), { fileName: 'qp-format-patch.eml' });
  assert.deepEqual(patch.mail, { from: 'Ada Example <ada@example.org>', date: 'Thu, 11 Jul 2024 09:15:00 +0200', subject: '[PATCH] foo(4): mark softc attached before init' });
  assert.equal(patch.series, undefined);
  assert.equal(patch.files.length, 1);
  const file = patch.files[0]!;
  assert.deepEqual([file.newPath, file.added, file.removed, file.oldBlob, file.newBlob], ['sys/dev/ic/foo.c', 3, 1, '1a2b3c4d5e6f', '6f5e4d3c2b1a']);
  const hunk = file.hunks[0]!;
  assert.deepEqual([hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines], [10, 7, 10, 9]);
  assert.equal(hunk.header, 'foo_attach(struct device *parent, struct device *self, void *aux)');
  assert.deepEqual(hunk.lines.filter((l) => l.kind === 'add').map((l) => l.text), [
    '\t/* Mark the softc attached before foo_init() runs, so interrupts see it. */',
    '\tsc->sc_flags = FOO_F_ATTACHED;',
    '\tsc->sc_count = 0; ',
  ]);
  assert.equal(hunk.lines[2]!.kind, 'context');
  assert.equal(hunk.lines[2]!.text, '');
  assert.equal(patch.diffstat.matches, true);
  assert.deepEqual(patch.diffstat.claimed?.totals, { files: 1, added: 3, removed: 1 });
  assert.ok(patch.prose.endsWith('The flag value is FOO_F_ATTACHED = 0x01.'));
  // Each patch line points at the raw line where it starts; =3D/=20 and soft breaks (`=` at the end) undone give its text.
  const rawLines = raw.split('\n');
  const unQP = (s: string): string => s.replace(/=3D/g, '=').replace(/=20$/, ' ');
  for (const l of hunk.lines) {
    let text = rawLines[l.sourceLine - 1]!;
    for (let next = l.sourceLine; text.endsWith('='); next++) text = text.slice(0, -1) + rawLines[next];
    assert.equal(unQP(text), sign[l.kind] + l.text);
  }
  assert.equal(rawLines[hunk.sourceLine - 1], '@@ -10,7 +10,9 @@ foo_attach(struct device *parent, struct device *self, vo=');
  assert.equal(rawLines[patch.files[0]!.sourceLine - 1], 'diff --git a/sys/dev/ic/foo.c b/sys/dev/ic/foo.c');
  assert.deepEqual(patch.diagnostics, []);
  const mail = await readMail(bytesOf(path), raw);
  assert.ok(Array.isArray(mail.bodySourceLines));
  assert.equal(mail.body.split('\n').length, (mail.bodySourceLines as number[]).length);
});

test('base64 body in UTF-8 with encoded-word headers: a new file and a binary file', async () => {
  const patch = await readPatch(bytesOf(join(MAIL, 'base64-body.eml')));
  assert.equal(patch.mail?.from, 'Jörg Müller <jm@example.org>');
  assert.equal(patch.mail?.subject, '[PATCH] bär(4): register map');
  assert.equal(patch.mail?.messageId, '<20240712090000.1234-1-jm@example.org>');
  assert.equal(patch.prose, 'Add the register map for bär(4) and its logo; written by Jörg.');
  const [header, logo] = patch.files;
  assert.deepEqual([header!.oldPath, header!.newPath, header!.status, header!.added, header!.removed], [null, 'sys/dev/ic/barvar.h', 'added', 3, 0]);
  assert.equal(header!.hunks[0]!.lines[0]!.text, '/*\tbarvar.h: register map, © 2024 Jörg Müller\t*/');
  assert.deepEqual([logo!.newPath, logo!.binary, logo!.hunks.length], ['share/misc/logo.png', true, 0]);
  assert.deepEqual(patch.diffstat.claimed?.files, [{ path: '.../dev/ic/barvar.h', changes: 3 }, { path: 'share/misc/logo.png', changes: null }]);
  assert.deepEqual(patch.diffstat.claimed?.totals, { files: 2, added: 3, removed: 0 });
  assert.equal(patch.diffstat.matches, true);
  // Base64 keeps no line structure: line numbers count lines of the decoded body.
  const path = join(MAIL, 'base64-body.eml');
  const mail = await readMail(bytesOf(path), readFileSync(path, 'utf8'));
  assert.equal(mail.bodySourceLines, null);
  const body = mail.body.split('\n');
  for (const l of header!.hunks[0]!.lines) assert.equal(body[l.sourceLine - 1], sign[l.kind] + l.text);
  assert.equal(body[logo!.sourceLine - 1], 'diff --git a/share/misc/logo.png b/share/misc/logo.png');
});

test('multipart/mixed: prose from the text part, the diff from the text/x-patch attachment', async () => {
  const path = join(MAIL, 'multipart-attachment.eml');
  const patch = await readPatch(bytesOf(path));
  assert.equal(patch.prose, 'The prototype of exit2() can go as well; diff attached.');
  assert.equal(patch.files.length, 1);
  const file = patch.files[0]!;
  assert.deepEqual([file.newPath, file.added, file.removed, file.oldBlob, file.newBlob], ['sys/sys/proc.h', 0, 1, '50b708954bff', '6139f25c3640']);
  // Line numbers count from the attachment's first line: `diff --git` is 1, `@@` is 5.
  assert.equal(file.sourceLine, 1);
  assert.equal(file.hunks[0]!.sourceLine, 5);
  assert.deepEqual(patch.diagnostics.map((d) => d.code), ['patch-attachment']);
});

test('a mail postal-mime reads without headers still gives what is there, without throwing', async () => {
  const patch = await readPatch('Subject: x\n\n', { fileName: 'empty.eml' });
  assert.equal(patch.files.length, 0);
  assert.equal(patch.mail?.subject, 'x');
  assert.deepEqual(patch.diagnostics.map((d) => d.code), ['no-diff']);
});

test('an 8-bit ISO 8859-1 format-patch mail (with its From line) decodes in its charset, lines of the file', async () => {
  const path = join(MAIL, 'latin1-8bit.patch');
  const bytes = bytesOf(path);
  assert.ok(bytes.includes(0xf6));
  const patch = await readPatch(bytes);
  assert.equal(patch.mail?.from, 'Jörg Müller <jm@example.org>');
  assert.equal(patch.prose, 'Credit Jörg in the header; the file is ISO 8859-1 like the mail.');
  const hunk = patch.files[0]!.hunks[0]!;
  assert.equal(hunk.lines[1]!.text, '/*\tbar.c: © 2024 Jörg Müller\t*/');
  const lines = new TextDecoder('latin1').decode(bytes).split('\n');
  for (const l of hunk.lines) assert.equal(lines[l.sourceLine - 1], sign[l.kind] + l.text);
  assert.equal(patch.diffstat.matches, true);
  assert.deepEqual(patch.diagnostics, []);
});
