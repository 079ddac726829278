import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threadComments } from '../../../../../src/core/patch/mail/thread-comments';
import { readThread } from '../../../../../src/core/patch/mail/thread';
import { mail, mbox, patchBody, type MailSpec } from './thread-mails';

/** patchBody's hunk `@@ -10,3 +10,4 @@`: ` {` 10/10, ` \tint s;` 11/11, `+\tg();` new 12, ` ` 12/13. */
const PATCH: MailSpec = { id: 'p@x', subject: '[PATCH] sched: f', body: patchBody('sys/kern/kern_sched.c', 'f', 'g();') };
const REVIEW: MailSpec = {
  id: 'r@y', subject: 'Re: [PATCH] sched: f', from: 'Mark Kettenis <kettenis@example.org>', minute: 5, inReplyTo: 'p@x', references: ['p@x'],
  body: 'Christian Ludwig wrote:\n>  \tint s;\n> +\tg();\n\nWhy here?\n',
};
const ANSWER: MailSpec = {
  id: 'a@x', subject: 'Re: [PATCH] sched: f', minute: 9, inReplyTo: 'r@y', references: ['p@x', 'r@y'],
  body: 'Mark Kettenis wrote:\n> > +\tg();\n>\n> Why here?\n\nBecause the list is per CPU.\n',
};

test('replies read parents first, whatever the delivery order: the answer continues the review on its line', async () => {
  const thread = await readThread([{ name: 't.mbox', data: mbox([ANSWER, REVIEW, PATCH].map(mail)) }]);
  const read = threadComments(thread);
  assert.deepEqual(read.comments.map((c) => [c.text, c.file, c.line, c.certainty, c.replyTo, c.patchMessageId, c.checked]), [
    ['Why here?', 'sys/kern/kern_sched.c', 12, 'exact', undefined, 'p@x', true],
    ['Because the list is per CPU.', 'sys/kern/kern_sched.c', 12, 'exact', 0, 'p@x', true],
  ]);
  // Delivery order: answer 0, review 1, patch 2.
  assert.deepEqual([read.message, read.patch], [[1, 0], [2, 2]]);
});

test('a reply whose parent is not in the input is read from its quote alone and not checked', async () => {
  const thread = await readThread([{ name: 't.mbox', data: mbox([ANSWER].map(mail)) }]);
  const read = threadComments(thread);
  assert.deepEqual(read.comments.map((c) => [c.text, c.checked]), [['Because the list is per CPU.', false]]);
  assert.deepEqual(read.patch, [null]);
});
