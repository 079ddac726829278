import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endOfChangeBlock, hunkLineAtCurrent } from '../../../../../src/core/patch/apply/hunk-placement';
import { formatReplyMail } from '../../../../../src/core/patch/mail/reply-mail';
import { readPatch } from '../../../../../src/core/patch/read-patch';
import { lineOf, placementsOf, seedPatch } from '../../../seed';

test('a reply quotes the commented hunk up to the comment, and trims the rest', async () => {
  const patch = await seedPatch();
  const { file, placements, text } = placementsOf(patch, 'sys/kern/kern_exit.c');
  const fileIndex = patch.files.indexOf(file);
  const at = hunkLineAtCurrent(file, placements, lineOf(text, 'msleep_nsec(&deadproc'))!;
  const lineIndex = endOfChangeBlock(file.hunks[at.hunkIndex]!, at.lineIndex);
  const mail = formatReplyMail(patch, [
    { at: { fileIndex, hunkIndex: at.hunkIndex, lineIndex }, where: 'sys/kern/kern_exit.c:162', text: 'Why take the kernel lock around the sleep?' },
    { at: null, where: 'sys/kern/kern_sched.c:40', text: 'Unrelated: keep sched_queued_cpus.' },
  ]);
  const lines = mail.split('\n');
  assert.equal(lines[0], 'Subject: Re: One reaper per CPU');
  assert.equal(lines[1], 'To: Christian Ludwig');
  assert.ok(lines.includes('On Wed, 10 Jul 2024 17:21:35 +0200, Christian Ludwig wrote:'));
  assert.ok(lines.includes('> diff --git a/sys/kern/kern_exit.c b/sys/kern/kern_exit.c'));
  assert.ok(lines.includes('> index ba87dcd42cd0..a5cc37ac0f74 100644'));
  assert.ok(lines.includes('> @@ -441,20 +408,26 @@ void'));
  // Quoted up to the `+		}` closing the new loop, then the comment, then nothing more of the hunk.
  const comment = lines.indexOf('Why take the kernel lock around the sleep?');
  assert.equal(lines[comment - 2], '> +\t\t}');
  assert.equal(lines[comment - 1], '');
  assert.ok(!mail.includes('WITNESS_THREAD_EXIT'));
  // Files and hunks without comments are trimmed.
  assert.ok(!mail.includes('init_main.c'));
  assert.ok(!mail.includes('@@ -378,11'));
  // The comment outside every hunk comes at the end with its place.
  assert.ok(mail.trimEnd().endsWith('sys/kern/kern_sched.c:40:\nUnrelated: keep sched_queued_cpus.'));
  // Every line of the patch part is quoted, and none has trailing white space.
  assert.ok(lines.every((l) => l === l.trimEnd()));
  assert.ok(lines.slice(lines.indexOf('> diff --git a/sys/kern/kern_exit.c b/sys/kern/kern_exit.c'), comment - 1).every((l) => l.startsWith('>')));
});

test('a reply to a reply keeps its subject', async () => {
  const patch = await seedPatch('one-reaper-per-cpu.review.eml');
  const mail = formatReplyMail(patch, [{ at: null, where: 'x:1', text: 'ok' }]);
  assert.equal(mail.split('\n')[0], 'Subject: Re: One reaper per CPU');
});

test('a reply to a review reply quotes it: the reviewer\'s comment with `> `, the patch lines with `> > `', async () => {
  const patch = await seedPatch('one-reaper-per-cpu.review.eml');
  // Mark Kettenis's comment follows the `+		}` closing the new loop: kern_exit.c, new line 427.
  assert.deepEqual(patch.comments.map((c) => [c.file, c.side, c.line]), [['sys/kern/kern_exit.c', 'new', 427]]);
  const fileIndex = patch.files.findIndex((f) => f.newPath === 'sys/kern/kern_exit.c');
  const hunkIndex = patch.files[fileIndex]!.hunks.findIndex((h) => h.lines.some((l) => l.newLine === 427));
  const hunk = patch.files[fileIndex]!.hunks[hunkIndex]!;
  const lineIndex = hunk.lines.findIndex((l) => l.newLine === 427);
  const mail = formatReplyMail(patch, [
    { at: { fileIndex, hunkIndex, lineIndex }, where: 'sys/kern/kern_exit.c:427', text: 'Agreed: the list is per CPU now.' },
  ]);
  const lines = mail.split('\n');
  assert.equal(lines[1], 'To: Mark Kettenis');
  assert.ok(lines.includes('On Wed, 10 Jul 2024 17:42:45 +0200, Mark Kettenis wrote:'));
  assert.ok(lines.includes('> > diff --git a/sys/kern/kern_exit.c b/sys/kern/kern_exit.c'));
  assert.ok(lines.includes('> > @@ -441,20 +408,26 @@ void'));
  const closing = lines.indexOf('> > +\t\t}');
  assert.ok(closing > 0, 'the patch line the comments follow, quoted twice');
  // Then his comment, quoted once between blank quoted lines, then mine, unquoted.
  assert.equal(lines[closing + 1], '>');
  assert.equal(lines[closing + 2], "> I don't think going back to taking the kernel lock here makes sense.");
  const mine = lines.indexOf('Agreed: the list is per CPU now.');
  assert.ok(mine > closing + 2);
  assert.deepEqual(lines.slice(closing + 2, mine - 2).filter((l) => !l.startsWith('> ')), [], 'his whole comment is quoted once');
  assert.equal(lines[mine - 2], '>');
  assert.equal(lines[mine - 1], '');
  // Nothing of the hunk after the comments; no quoted line ends in white space.
  assert.ok(!mail.includes('WITNESS_THREAD_EXIT'));
  assert.ok(lines.every((l) => l === l.trimEnd()));
});

test('a blank context line quoted after a comment stays in the quote', async () => {
  const diff = ['diff --git a/x.c b/x.c', '--- a/x.c', '+++ b/x.c', '@@ -1,5 +1,5 @@', ' a', '-b', '+B', ' ', ' c', '-d', '+D', ''].join('\n');
  const patch = await readPatch(new TextEncoder().encode(diff), { fileName: 'x.diff' });
  // Comments after `+B` (line 2) and `+D` (line 6): the blank context line between them is quoted as `>`.
  const mail = formatReplyMail(patch, [
    { at: { fileIndex: 0, hunkIndex: 0, lineIndex: 2 }, where: 'x.c:2', text: 'first' },
    { at: { fileIndex: 0, hunkIndex: 0, lineIndex: 6 }, where: 'x.c:5', text: 'second' },
  ]);
  const lines = mail.split('\n');
  const first = lines.indexOf('first');
  assert.deepEqual(lines.slice(first - 2, first + 7), ['> +B', '', 'first', '', '>', '>  c', '> -d', '> +D', '']);
});
