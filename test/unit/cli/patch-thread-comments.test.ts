import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './run-cli';
import { mail, mbox, seriesId, seriesMails, type MailSpec } from '../core/patch/mail/thread-mails';

/**
 * v1 (cover + 2 patches) and v2 (cover + 2 patches) of a series; reviews of v1 patch 2 and of
 * v1's cover; an answer to the first review. Every patch has the hunk `@@ -10,3 +10,4 @@`:
 * ` {` 10/10, ` \tint s;` 11/11, `+\tvN_stepN();` new 12, ` ` 12/13 (thread-mails.ts patchBody).
 */
function thread(): string {
  const v1 = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 0 });
  const v2 = seriesMails({ version: 2, total: 2, cover: true, threading: 'to-cover', minute: 60, inReplyTo: seriesId(1, 0) });
  const patch2 = v1[2]!;
  const review: MailSpec = {
    id: 'review@example.org', subject: `Re: ${patch2.subject}`, from: 'Mark Kettenis <kettenis@example.org>', minute: 90,
    inReplyTo: patch2.id, references: [seriesId(1, 0), patch2.id],
    // The reviewer cut the headers and the hunk header, and wrote under the added line.
    body: ['On Wed, Jul 10, 2024, Christian Ludwig wrote:', '>  \tint s;', '> +\tv1_step2();', '',
      'Does this need the kernel lock?', ''].join('\n'),
  };
  const answer: MailSpec = {
    id: 'answer@example.org', subject: `Re: ${patch2.subject}`, from: 'Christian Ludwig <cludwig@example.org>', minute: 95,
    inReplyTo: review.id, references: [seriesId(1, 0), patch2.id, review.id],
    body: ['Mark Kettenis <kettenis@example.org> wrote:', '> >  \tint s;', '> > +\tv1_step2();', '>',
      '> Does this need the kernel lock?', '', 'No, only the owning CPU touches the list.', ''].join('\n'),
  };
  const coverReview: MailSpec = {
    id: 'cover-review@example.org', subject: `Re: ${v1[0]!.subject}`, from: 'Bob Reviewer <bob@example.org>', minute: 100,
    inReplyTo: seriesId(1, 0), references: [seriesId(1, 0)],
    body: ['> This is version 1 of the series.', '', 'Please add numbers.', ''].join('\n'),
  };
  return mbox([...v1, ...v2, review, answer, coverReview].map(mail));
}

test('patch --json on a thread lists every comment with its author, place, certainty, message and patch', async () => {
  const run = await runCli(['patch', '-', '--json'], thread());
  assert.equal(run.status, 0, run.stderr);
  const comments = JSON.parse(run.stdout).comments as Record<string, unknown>[];
  const pick = (c: Record<string, unknown>) => [c['author'], c['file'], c['side'], c['line'], c['text'], c['certainty'], c['messageId'], c['about'], c['replyTo']];
  assert.deepEqual(comments.map(pick), [
    ['Mark Kettenis <kettenis@example.org>', 'sys/kern/kern_sched.c', 'new', 12, 'Does this need the kernel lock?', 'exact', 'review@example.org', { version: 1, n: 2 }, undefined],
    ['Christian Ludwig <cludwig@example.org>', 'sys/kern/kern_sched.c', 'new', 12, 'No, only the owning CPU touches the list.', 'exact', 'answer@example.org', { version: 1, n: 2 }, 0],
    ['Bob Reviewer <bob@example.org>', null, null, null, 'Please add numbers.', 'not-a-line', 'cover-review@example.org', { version: 1, n: 0 }, undefined],
  ]);
  assert.equal(comments[2]!['topic'], 'cover-letter');
});

test('patch on a thread prints the comments under their place', async () => {
  const run = await runCli(['patch', '-'], thread());
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /sys\/kern\/kern_sched\.c:12 \(new side\), Mark Kettenis <kettenis@example\.org> \(v1 patch 2\):\n {4}Does this need the kernel lock\?/);
  assert.match(run.stdout, /on the cover letter, Bob Reviewer <bob@example\.org> \(v1 cover\):/);
});

test('a reply whose answered patch is not in the input: its comments say they could not be checked', async () => {
  const v1 = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 0 });
  const orphan: MailSpec = {
    id: 'orphan@example.org', subject: 'Re: [PATCH 3/3] sched: step 3', from: 'Mark Kettenis <kettenis@example.org>', minute: 90,
    inReplyTo: 'v1-3-not-here@example.org',
    // The hunk of patchBody quoted with its headers: ` {` 10, ` \tint s;` 11, `+\tv1_step3();` new 12.
    body: ['On Wed, Jul 10, 2024, Christian Ludwig wrote:', '> diff --git a/sys/kern/kern_sched.c b/sys/kern/kern_sched.c',
      '> --- a/sys/kern/kern_sched.c', '> +++ b/sys/kern/kern_sched.c', '> @@ -10,3 +10,4 @@ step3(void)', '>  {', '>  \tint s;',
      '> +\tv1_step3();', '', 'Why here?', ''].join('\n'),
  };
  const text = mbox([...v1, orphan].map(mail));
  const json = JSON.parse((await runCli(['patch', '-', '--json'], text)).stdout) as { comments: Record<string, unknown>[] };
  assert.deepEqual(json.comments.map((c) => [c['file'], c['line'], c['certainty'], c['checked']]), [['sys/kern/kern_sched.c', 12, 'exact', false]]);
  const summary = (await runCli(['patch', '-'], text)).stdout;
  assert.match(summary, /^ {2}sys\/kern\/kern_sched\.c:12 \(new side, not checked: answered message not in the input\), Mark Kettenis/m);
});
