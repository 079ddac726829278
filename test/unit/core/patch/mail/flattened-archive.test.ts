import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  isFlattenedArchive, readsAsProse, recoverFlattenedArchive, splitProseTail,
} from '../../../../../src/core/patch/mail/flattened-archive';
import { readPatch } from '../../../../../src/core/patch/read-patch';
import { SEED, linesOf } from '../read-patch-fixtures';

const marc = readFileSync(SEED.marc, 'utf8');
const collapse = (line: string): string => line.replace(/\s+/g, ' ').trim();

test('only archive text with its line breaks lost counts as flattened', () => {
  assert.equal(isFlattenedArchive(marc), true);
  assert.equal(isFlattenedArchive(readFileSync(SEED.review, 'utf8')), false);
  assert.equal(isFlattenedArchive(readFileSync(SEED.patch, 'utf8')), false);
  assert.equal(isFlattenedArchive('From: a Subject: b > hello > world'), false);
});

test('the header run becomes a header block', () => {
  const { lines } = recoverFlattenedArchive(marc);
  assert.deepEqual(lines.slice(0, 6), [
    'From: Mark Kettenis', 'Subject: Re: One reaper per CPU', 'To: Christian Ludwig',
    'Cc: tech@openbsd.org', 'Date: Wed, 10 Jul 2024 17:42:45 +0200', '',
  ]);
});

test('the recovered quoted lines are the reply\'s quoted lines with white space collapsed', () => {
  const { lines } = recoverFlattenedArchive(marc);
  // Up to the end of the quoted patch (`2.34.1`): below it the archive shows one more empty quoted
  // line before the attachment marker than the mail has.
  const upToPatchEnd = (all: string[]): string[] => all.slice(0, all.indexOf('> 2.34.1') + 1);
  const recovered = upToPatchEnd(lines.filter((l) => l.startsWith('>')).map(collapse));
  const original = upToPatchEnd(linesOf(SEED.review).filter((l) => l.startsWith('>')).map(collapse));
  assert.equal(recovered.length, 259);
  assert.equal(recovered.length, original.length);
  const differing = recovered.map((l, i) => [l, original[i]]).filter(([a, b]) => a !== b);
  // The one line the archive glued to unquoted text that cannot be told apart from it.
  assert.deepEqual(differing, [['> From: Christian Ludwig Hi Christian,', '> From: Christian Ludwig']]);
});

test('each recovered line knows its column in the original text', () => {
  const { lines, columns } = recoverFlattenedArchive(marc);
  lines.forEach((line, i) => {
    const column = columns[i]!;
    if (column === 0) return;
    if (line.startsWith('>')) assert.equal(marc[column - 1], '>', `line ${i + 1}`);
    else assert.ok(marc.slice(column - 1).startsWith(line.slice(0, 20)), `line ${i + 1}: ${line}`);
  });
});

test('the review comment glued to `+ }` is split off as unquoted text', () => {
  const { lines } = recoverFlattenedArchive(marc);
  const at = lines.indexOf('> + }');
  assert.ok(at > 0);
  assert.equal(lines[at + 1], '');
  assert.ok(lines[at + 2]!.startsWith("I don't think going back to taking the kernel lock here makes sense."));
  assert.ok(lines[at + 2]!.endsWith('need to do any locking...'));
  assert.equal(lines[at + 4], '> /* Remove us from the deadproc list. */');
});

test('prose tails are only split off C-like line ends, never off C comments or strings', () => {
  assert.deepEqual(splitProseTail('+ } Why not keep the lock here for now?'), { code: '+ }', tail: 'Why not keep the lock here for now?' });
  assert.deepEqual(splitProseTail('- mtx_leave(&deadproc_mutex); This line is the one I mean.'),
    { code: '- mtx_leave(&deadproc_mutex);', tail: 'This line is the one I mean.' });
  assert.equal(splitProseTail('+ * Finally, call machine-dependent code to switch away. Then,'), null);
  assert.equal(splitProseTail('- if (kthread_create(reaper, NULL, &reaperproc, "reaper"))'), null);
  assert.equal(splitProseTail('+ printf("done; Now starting the reaper thread on this CPU");'), null);
  assert.equal(splitProseTail('diff --git a/x.c b/x.c'), null);
  assert.equal(readsAsProse('KERNEL_LOCK(); tsleep_nsec(&spc->spc_deadproc, PVM, "reaper", INFSLP);'), false);
  assert.equal(readsAsProse('So there would be no need to do any locking...'), true);
  assert.equal(readsAsProse('Why not keep it simple and write p = LIST_FIRST(&spc->spc_deadproc); here?'), true);
  assert.equal(readsAsProse('EXPORT_SYMBOL(sched_toproc); and more words here'), false);
});

test('a `>` inside C code is joined back when the hunk counts say the line was split there', async () => {
  const text = 'From: Eve Reviewer Subject: Re: [PATCH] clamp Date: Mon, 15 Jul 2024 10:00:00 +0200 ' +
    '> diff --git a/lib/clamp.c b/lib/clamp.c > --- a/lib/clamp.c > +++ b/lib/clamp.c ' +
    '> @@ -1,4 +1,4 @@ > int > clamp(int a, int b) > - if (a > b) > + if (a >= b) > return b; ' +
    '> @@ -10,3 +10,3 @@ > x = 1; > - y = 2; > + y = 3; > z = 4; ' +
    '> '.repeat(1) + 'x'.repeat(300);
  const recovered = recoverFlattenedArchive(text);
  assert.ok(recovered.lines.includes('> - if (a > b)'), recovered.lines.join('\n'));
  assert.deepEqual(recovered.diagnostics.map((d) => d.code), ['archive-lines-recovered', 'archive-gt-joined']);
  assert.match(recovered.diagnostics[0]!.message, new RegExp(`${recovered.lines.length} lines were recovered`));
  const patch = await readPatch(text);
  assert.equal(patch.whitespaceDamaged, true);
  const hunk = patch.files[0]!.hunks[0]!;
  assert.deepEqual(hunk.lines.map((l) => [l.kind, l.oldLine, l.newLine]),
    [['context', 1, 1], ['context', 2, 2], ['remove', 3, null], ['add', null, 3], ['context', 4, 4]]);
  assert.equal(hunk.lines[2]!.text.trim(), 'if (a > b)');
  assert.equal(patch.diagnostics.filter((d) => d.severity !== 'info').length, 0, JSON.stringify(patch.diagnostics));
});

test('a `>` inside C code in the last hunk is joined back too: the hunk ends at git\'s `-- ` line', async () => {
  const text = 'From: Eve Reviewer Subject: Re: [PATCH] clamp Date: Mon, 15 Jul 2024 10:00:00 +0200 ' +
    '> diff --git a/lib/clamp.c b/lib/clamp.c > --- a/lib/clamp.c > +++ b/lib/clamp.c ' +
    '> @@ -5,2 +5,2 @@ clamp(int a, int b) > while (a > b && b > 0) > - a--; > + a -= 2; > -- > 2.45.2 > ' +
    'Looks good to me, ok eve@. '.repeat(12);
  const recovered = recoverFlattenedArchive(text);
  assert.ok(recovered.lines.includes('> while (a > b && b > 0)'), recovered.lines.join('\n'));
  assert.equal(recovered.diagnostics.filter((d) => d.code === 'archive-gt-joined').length, 2);
  const patch = await readPatch(text);
  assert.deepEqual(patch.files[0]!.hunks[0]!.lines.map((l) => [l.kind, l.oldLine, l.newLine]),
    [['context', 5, 5], ['remove', 6, null], ['add', null, 6]]);
  assert.equal(patch.diagnostics.filter((d) => d.severity !== 'info').length, 0, JSON.stringify(patch.diagnostics));
});

test('a `> -1` inside C code takes an old line only; the counts still find it', async () => {
  const text = 'From: Eve Reviewer Subject: Re: [PATCH] sign Date: Mon, 15 Jul 2024 10:00:00 +0200 ' +
    '> diff --git a/lib/sign.c b/lib/sign.c > --- a/lib/sign.c > +++ b/lib/sign.c ' +
    '> @@ -7,3 +7,3 @@ sign(int x) > if (x > -1) > - return 1; > + return x != 0; > return -1; > -- > 2.45.2 > ' +
    'Fine with me. '.repeat(30);
  const recovered = recoverFlattenedArchive(text);
  assert.ok(recovered.lines.includes('> if (x > -1)'), recovered.lines.join('\n'));
  const patch = await readPatch(text);
  assert.deepEqual(patch.files[0]!.hunks[0]!.lines.map((l) => [l.kind, l.oldLine, l.newLine]),
    [['context', 7, 7], ['remove', 8, null], ['add', null, 8], ['context', 9, 9]]);
  assert.equal(patch.diagnostics.filter((d) => d.severity !== 'info').length, 0, JSON.stringify(patch.diagnostics));
});

test('archive navigation and links around the header run are not headers or body', async () => {
  const body = marc.slice(marc.indexOf(' > Date: Wed, 10 Jul 2024 17:21:35'));
  const text = '[prev in list] [next in list] [prev in thread] [next in thread] List: openbsd-tech ' +
    'Subject: Re: One reaper per CPU From: Mark Kettenis Date: 2024-07-10 15:42:45 [Download RAW message or body]' + body;
  const { lines } = recoverFlattenedArchive(text);
  assert.deepEqual(lines.slice(0, 6), ['List: openbsd-tech', 'Subject: Re: One reaper per CPU', 'From: Mark Kettenis', 'Date: 2024-07-10 15:42:45', '', '[Download RAW message or body]']);
  const patch = await readPatch(text);
  assert.deepEqual([patch.files.length, patch.comments.length, patch.comments[0]?.author, patch.comments[0]?.line], [4, 1, 'Mark Kettenis', 427]);
});
