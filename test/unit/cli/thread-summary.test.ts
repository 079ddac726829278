import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readThread } from '../../../src/core/patch/mail/thread';
import { threadJson } from '../../../src/cli/thread-json';
import { threadSummary } from '../../../src/cli/thread-summary';
import { mbox } from '../core/patch/mail/thread-mails';
import { reviewedThread, twoVersions } from './review-threads';

async function summaryOf(text: string): Promise<string> {
  const thread = await readThread([{ name: 't.mbox', data: text }]);
  return threadSummary(threadJson(thread), thread.messages.length);
}

test('the counts, each series by version with its patches, trailers, replies and missing numbers, then the totals', async () => {
  const summary = await summaryOf(mbox(twoVersions()));
  // 8 mails: v1's cover and 3 patches, v2's cover and 2 patches, a review.
  assert.match(summary, /^8 messages: 2 series, 5 patches, 1 reply\n/);
  assert.match(summary, /^v1: sched: one reaper per CPU \(Christian Ludwig <cludwig@example\.org>\)$/m);
  assert.match(summary, /^ {2}cover {2}\[PATCH 0\/3\] sched: one reaper per CPU$/m);
  assert.match(summary, /^ {4}2\/3 {2}sched: step 2 {2}\(1 file, \+1 -0, 1 hunk\)\n {6}Reviewed-by: Mark Kettenis <kettenis@example\.org>\n {6}reply: Mark Kettenis <kettenis@example\.org>, /m);
  assert.match(summary, /^v2: sched: one reaper per CPU/m);
  assert.match(summary, /^ {2}missing: 2$/m);
  assert.ok(summary.endsWith('\nTotals over every patch: 5 files, +5 -0, 5 hunks\n'));
});

test('comments are printed under their place: a line of a patch, or the cover letter', async () => {
  const summary = await summaryOf(reviewedThread());
  assert.match(summary, /\nReview comments:\n {2}sys\/kern\/kern_sched\.c:12 \(new side\), Mark Kettenis <kettenis@example\.org> \(v1 patch 2\):\n {4}Does this need the kernel lock\?\n/);
  assert.match(summary, /^ {2}on the cover letter, Bob Reviewer <bob@example\.org> \(v1 cover\):\n {4}Please add numbers\.$/m);
});

test('messages about no patch are listed apart; diagnostics are FILE:LINE lines at the end', async () => {
  const text = mbox([...twoVersions(), 'From: someone <s@example.org>\nSubject: lunch?\nMessage-ID: <lunch@x>\n\nTuesday?\n']);
  const summary = await summaryOf(text);
  assert.match(summary, /\nOther messages:\n {2}someone <s@example\.org>, .*: lunch\?\n/);
  const broken = await summaryOf(mbox(twoVersions().map((m, i) => (i === 1 ? m.replace('@@ -10,3 +10,4 @@', '@@ -10,3 +10,5 @@') : m))));
  assert.match(broken, /\nt\.mbox:\d+: error: .*\[hunk-count-mismatch\]\n$/);
});
