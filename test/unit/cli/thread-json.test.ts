import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readThread } from '../../../src/core/patch/mail/thread';
import { threadJson } from '../../../src/cli/thread-json';
import { mbox } from '../core/patch/mail/thread-mails';
import { reviewedThread, twoVersions } from './review-threads';

const jsonOf = async (text: string) => threadJson(await readThread([{ name: 't.mbox', data: text }]));

test('an mbox of two versions: the document\'s keys, series by version, trailers, missing, replies, totals', async () => {
  const json = await jsonOf(mbox(twoVersions()));
  assert.deepEqual(Object.keys(json), ['series', 'replies', 'comments', 'totals', 'diagnostics']);
  assert.deepEqual(json.series.map((s) => [s.version, s.cover!.messageId, s.patches.map((p) => p.n), s.missing]), [[1, 'v1-0@example.org', [1, 2, 3], []], [2, 'v2-0@example.org', [1, 3], [2]]]);
  const p2 = json.series[0]!.patches[1]!;
  assert.deepEqual(Object.keys(p2), ['n', 'of', 'subject', 'from', 'date', 'messageId', 'files', 'totals', 'trailers']);
  assert.deepEqual(p2.trailers, [{ name: 'Reviewed-by', value: 'Mark Kettenis <kettenis@example.org>', from: 'Mark Kettenis <kettenis@example.org>' }]);
  // Each patch adds one line in one hunk of sys/kern/kern_sched.c (thread-mails.ts patchBody).
  assert.deepEqual(p2.totals, { files: 1, added: 1, removed: 0, hunks: 1 });
  assert.deepEqual(p2.files.map((f) => [f.newPath, f.hunks[0]!.functions]), [['sys/kern/kern_sched.c', ['step2']]]);
  assert.deepEqual(json.replies.map((r) => [r.messageId, r.inReplyTo, r.about]), [['r@y', 'v1-2@example.org', { version: 1, n: 2 }]]);
  // 5 patches (3 of v1, 2 of v2), each adding one line in one hunk of one file.
  assert.deepEqual(json.totals, { files: 5, added: 5, removed: 0, hunks: 5 });
  assert.deepEqual(json.diagnostics, []);
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
});

test('every comment with its author, place, certainty, message, patch and the comment it answers', async () => {
  const json = await jsonOf(reviewedThread());
  const pick = (c: (typeof json.comments)[number]) => [c.author, c.file, c.side, c.line, c.text, c.certainty, c.messageId, c.about, c.replyTo];
  // The review and its answer are both on `+\tv1_step2();`, new line 12 of v1 patch 2 (review-threads.ts).
  assert.deepEqual(json.comments.map(pick), [
    ['Mark Kettenis <kettenis@example.org>', 'sys/kern/kern_sched.c', 'new', 12, 'Does this need the kernel lock?', 'exact', 'review@example.org', { version: 1, n: 2 }, undefined],
    ['Christian Ludwig <cludwig@example.org>', 'sys/kern/kern_sched.c', 'new', 12, 'No, only the owning CPU touches the list.', 'exact', 'answer@example.org', { version: 1, n: 2 }, 0],
    ['Bob Reviewer <bob@example.org>', null, null, null, 'Please add numbers.', 'not-a-line', 'cover-review@example.org', { version: 1, n: 0 }, undefined],
  ]);
  assert.equal(json.comments[2]!.topic, 'cover-letter');
  // Optional fields are left out, not written as undefined or null.
  assert.ok(!('replyTo' in json.comments[0]!) && !('proposal' in json.comments[0]!) && !('reason' in json.comments[0]!));
});

test('diagnostics name the source and, for a message\'s own, its id', async () => {
  const broken = twoVersions().map((m, i) => (i === 1 ? m.replace('@@ -10,3 +10,4 @@', '@@ -10,3 +10,5 @@') : m));
  const json = await jsonOf(mbox(broken));
  const own = json.diagnostics.filter((d) => d.messageId === 'v1-1@example.org');
  assert.ok(own.length > 0, JSON.stringify(json.diagnostics));
  assert.ok(own.every((d) => d.source === 't.mbox' && d.line >= 1));
  assert.ok(own.some((d) => d.severity === 'error'));
});
