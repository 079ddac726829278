import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMboxSeparator, lineStartOffsets, looksLikeMbox, mboxMessageBytes, readMbox, splitMbox } from '../../../../../src/core/patch/mail/mbox';
import { readPatch, readPatchSeries } from '../../../../../src/core/patch/read-patch';
import { MAIL, SEED, bytesOf, linesOf } from '../read-patch-fixtures';

const SERIES = join(MAIL, 'series-out-of-order.mbox');

test('separator lines carry an asctime date; prose starting with "From " is no separator', () => {
  assert.equal(isMboxSeparator('From 5d1f3c0e9a7b2c4d6e8f0a1b2c3d4e5f6a7b8c9d Mon Sep 17 00:00:00 2001'), true);
  assert.equal(isMboxSeparator('From kettenis@openbsd.org Wed Jul 10 17:42:45 2024'), true);
  assert.equal(isMboxSeparator('From the reaper\'s point of view nothing changes until patch 3.'), false);
  assert.equal(isMboxSeparator('From: Christian Ludwig'), false);
  assert.equal(looksLikeMbox(readFileSync(SERIES, 'utf8')), true);
  assert.equal(looksLikeMbox(readFileSync(SEED.patch, 'utf8')), false);
});

test('an mbox splits into its messages with their first lines, >From unescaped', () => {
  const text = readFileSync(SERIES, 'utf8');
  const messages = splitMbox(text);
  const lines = linesOf(SERIES);
  assert.equal(messages.length, 4);
  for (const m of messages) {
    assert.match(lines[m.firstLine - 2]!, /^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$/);
    assert.equal(m.text.split('\n')[0], lines[m.firstLine - 1]);
  }
  assert.match(messages[1]!.text, /^From the reaper's point of view/m);
  assert.doesNotMatch(messages[1]!.text, /^>From/m);
  assert.equal(messages[1]!.text.split('\n').length, 52 - 29);
});

test('a series is read in [PATCH n/m] order, the cover letter first as prose', async () => {
  const series = await readPatchSeries(bytesOf(SERIES), { fileName: 'series-out-of-order.mbox' });
  assert.deepEqual(series.map((p) => p.series), [0, 1, 2, 3].map((index) => ({ index, total: 3 })));
  const [cover, p1, p2, p3] = series;
  assert.equal(cover!.files.length, 0);
  assert.deepEqual(cover!.diagnostics, []);
  assert.ok(cover!.prose.startsWith('This series takes the reaper changes apart'));
  assert.match(cover!.prose, /^From the reaper's point of view/m);
  assert.deepEqual(p1!.files.map((f) => [f.newPath, f.added, f.removed]), [['sys/sys/proc.h', 0, 1]]);
  assert.deepEqual(p2!.files.map((f) => [f.newPath, f.added, f.removed]), [['sys/kern/init_main.c', 0, 1]]);
  assert.deepEqual(p3!.files.map((f) => [f.newPath, f.added, f.removed]), [['sys/kern/init_main.c', 0, 4]]);
  assert.equal(p2!.prose, 'Nothing uses reaperproc any more.\nFrom now on each CPU has its own reaper.');
  for (const p of [p1, p2, p3]) {
    assert.equal(p!.diffstat.matches, true);
    assert.equal(p!.mail?.from, 'Christian Ludwig <cludwig@example.org>');
  }
});

test('line numbers in a series point into the mbox file', async () => {
  const lines = linesOf(SERIES);
  const series = await readPatchSeries(bytesOf(SERIES));
  const sign = { context: ' ', add: '+', remove: '-' } as const;
  for (const patch of series) {
    for (const file of patch.files) {
      assert.ok(lines[file.sourceLine - 1]!.startsWith('diff --git '), `${file.newPath} at ${file.sourceLine}`);
      for (const l of file.hunks.flatMap((h) => h.lines)) assert.equal(lines[l.sourceLine - 1], sign[l.kind] + l.text);
    }
    if (patch.diffstat.claimed) assert.match(lines[patch.diffstat.claimed.sourceLine - 1]!, /^ 1 file changed/);
  }
});

test('readPatch on an mbox gives patch 1/m, not the first message in the file', async () => {
  const patch = await readPatch(bytesOf(SERIES));
  assert.deepEqual(patch.series, { index: 1, total: 3 });
  assert.equal(patch.files[0]!.newPath, 'sys/sys/proc.h');
});

test('a single format-patch mail with its From line is a one-message series', async () => {
  const path = join(MAIL, 'qp-format-patch.eml');
  const series = await readPatchSeries(bytesOf(path));
  assert.equal(series.length, 1);
  assert.equal(series[0]!.files[0]!.newPath, 'sys/dev/ic/foo.c');
  const seed = await readPatchSeries(bytesOf(SEED.patch));
  assert.equal(seed.length, 1);
  assert.equal(seed[0]!.files.length, 4);
});

test('message bytes: the lines of one message, >From unescaped', () => {
  const text = 'From a@b Mon Jul  1 10:00:00 2024\nSubject: x\n\n>From here\n>>From there\n\nFrom c@d Tue Jul  2 10:00:00 2024\nSubject: y\n';
  const bytes = new TextEncoder().encode(text);
  const messages = splitMbox(text);
  assert.deepEqual(messages.map((m) => [m.firstLine, m.endIndex]), [[2, 6], [8, 9]]);
  const first = new TextDecoder().decode(mboxMessageBytes(bytes, lineStartOffsets(bytes), messages[0]!));
  assert.equal(first, 'Subject: x\n\nFrom here\n>From there\n\n');
  assert.equal(first.replace(/\n$/, ''), messages[0]!.text);
});

/** An mboxcl2 message: headers with the body's size in UTF-8 bytes, the body as it is (no `>From` quoting). */
function clMessage(sender: string, subject: string, body: string, length = new TextEncoder().encode(body).length): string {
  return `From ${sender} Mon Jul  1 10:00:00 2024\nFrom: ${sender}\nSubject: ${subject}\nContent-Length: ${length}\n\n${body}\n`;
}

/** A body holding an unquoted separator-like line after a blank line, as mboxcl2 stores it. */
const QUOTING_BODY = 'Look at this log:\n\nFrom alice@example.org Mon Jul  1 09:00:00 2024\nis what mutt wrote.\n';

test('mboxcl2: a consistent Content-Length keeps an unquoted "From " line inside its body', () => {
  const text = clMessage('alice@example.org', 'first', QUOTING_BODY) + clMessage('bob@example.org', 'second', 'Hi.\n');
  const { messages, diagnostics } = readMbox(text);
  assert.deepEqual(diagnostics, []);
  assert.equal(messages.length, 2);
  // Message 1: separator line 1, headers 2-4, blank 5, body 6-9, blank 10; message 2's separator is line 11.
  assert.deepEqual(messages.map((m) => [m.firstLine, m.endIndex]), [[2, 9], [12, 16]]);
  assert.equal(messages[0]!.text, `From: alice@example.org\nSubject: first\nContent-Length: ${QUOTING_BODY.length}\n\n${QUOTING_BODY.slice(0, -1)}`);
  assert.match(messages[0]!.text, /^From alice@example\.org Mon Jul {2}1 09:00:00 2024$/m);
  assert.equal(messages[0]!.fromQuoted, false);
  // Without Content-Length the same text splits at the From line inside the body: three messages.
  assert.equal(splitMbox(text.replace(/^Content-Length: .*\n/gm, '')).length, 3);
});

test('mboxcl2: Content-Length counts bytes, not characters', () => {
  const body = 'Grüße aus Zürich — the reaper\n\nFrom here on it is fine.\n';
  assert.equal(new TextEncoder().encode(body).length, body.length + 5); // ü, ß, ü: one byte more each; the dash: two more
  const { messages, diagnostics } = readMbox(clMessage('a@example.org', 'utf-8', body) + clMessage('b@example.org', 'next', 'x\n'));
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(messages.map((m) => m.text.split('\n')[1]), ['Subject: utf-8', 'Subject: next']);
});

test('mboxcl: a wrong Content-Length falls back to the From lines and says so on its line', () => {
  // Too short (ends inside the body), too long (past the end of the input).
  const short = clMessage('alice@example.org', 'first', 'one\ntwo\nthree\n', 6) + clMessage('bob@example.org', 'second', 'Hi.\n');
  const read = readMbox(short);
  assert.equal(read.messages.length, 2);
  assert.deepEqual(read.diagnostics.map((d) => [d.line, d.code]), [[4, 'content-length-mismatch']]);
  assert.match(read.diagnostics[0]!.message, /Content-Length: 6 does not end this message/);
  assert.match(read.messages[0]!.text, /three$/m);
  const long = clMessage('alice@example.org', 'first', 'one\n') + clMessage('bob@example.org', 'second', 'Hi.\n', 999);
  const readLong = readMbox(long);
  assert.equal(readLong.messages.length, 2);
  // Message 1 is lines 1-7 (separator, 3 headers, blank, body, blank); message 2: separator 8, From 9, Subject 10, Content-Length 11.
  assert.deepEqual(readLong.diagnostics.map((d) => d.line), [11]);
  assert.match(readLong.messages[1]!.text, /\n\nHi\.\n/);
});

test('mboxcl: bytes of a message taken by its Content-Length keep its bare "From " and ">From" lines', () => {
  const body = 'quoted:\n>From the list\n\nFrom bob@example.org Tue Jul  2 10:00:00 2024\n';
  const text = clMessage('a@example.org', 'one', body) + clMessage('b@example.org', 'two', 'y\n');
  const bytes = new TextEncoder().encode(text);
  const [first] = readMbox(text).messages;
  const decoded = new TextDecoder().decode(mboxMessageBytes(bytes, lineStartOffsets(bytes), first!));
  assert.ok(decoded.endsWith(body), decoded);
});
