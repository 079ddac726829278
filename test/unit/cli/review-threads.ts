// Threads for the CLI's thread tests, written with the list-mail writer of the core's thread
// tests (test/unit/core/patch/mail/thread-mails.ts).
import { mail, mbox, reply, seriesId, seriesMails, type MailSpec } from '../core/patch/mail/thread-mails';

/** v1 (cover + 3 patches, a review with a trailer on patch 2) and v2 (cover + patches 1 and 3: 2 missing), v2 threaded to v1's cover: 8 mails. */
export function twoVersions(): string[] {
  const v1 = seriesMails({ version: 1, total: 3, cover: true, threading: 'to-cover', minute: 0 });
  const v2 = seriesMails({ version: 2, total: 3, cover: true, threading: 'to-cover', minute: 60, inReplyTo: seriesId(1, 0) });
  const review = reply('r@y', v1[2]!, 'Reviewed-by: Mark Kettenis <kettenis@example.org>');
  return [...v1, ...v2.filter((_, i) => i !== 2), review].map(mail);
}

/**
 * v1 (cover + 2 patches) and v2 (cover + 2 patches) of a series; reviews of v1 patch 2 and of
 * v1's cover; an answer to the first review. Every patch has the hunk `@@ -10,3 +10,4 @@`:
 * ` {` 10/10, ` \tint s;` 11/11, `+\tvN_stepN();` new 12, ` ` 12/13 (thread-mails.ts patchBody).
 */
export function reviewedThread(): string {
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
