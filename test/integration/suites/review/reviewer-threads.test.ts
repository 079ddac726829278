/**
 * The reviewers' comments of the thread fixture grouped as threads: one per patch line and
 * author, a reply continuing the thread it answers, older-version threads marked changed or
 * unchanged. The thread fixture and its line facts: THREAD_MBOX in ../api.ts.
 */
import * as assert from 'node:assert/strict';
import { authorName, reviewerThreads } from '../../../../src/extension/review/reviewer-threads';
import { chooseVersion, noAutoSave, openPatch, openThread, resetWorkbench } from '../api';

suite('reviewer threads', function () {
  // Opening the thread runs dry runs in the real workbench: slow on a loaded machine.
  this.timeout(180_000);
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('v2 under review: Bob\'s v1 comments (one line changed since, Alice\'s answer in its thread), Carol\'s on v1 and v2', async () => {
    const session = await openThread();
    const threads = reviewerThreads(session).map((t) => [authorName(t.author), t.path, t.version, t.change, t.anchor ? 'anchored' : `line ${t.line}`, t.notes.map((n) => authorName(n.author))] as const)
      .sort((a, b) => a[0].localeCompare(b[0]) || a[2] - b[2] || String(a[3]).localeCompare(String(b[3])));
    assert.deepEqual(threads, [
      // The v1 line `sched_fixture_flags |= 1` is gone in v2: no anchor, placed at 68 of the workspace file.
      ['Bob Reviewer', 'sys/kern/kern_sched.c', 1, 'changed', 'line 68', ['Bob Reviewer', 'Alice Author']],
      ['Bob Reviewer', 'sys/kern/kern_sched.c', 1, 'unchanged', 'anchored', ['Bob Reviewer']],
      ['Carol Checker', 'sys/sys/proc.h', 1, 'unchanged', 'anchored', ['Carol Checker']],
      ['Carol Checker', 'sys/kern/kern_sched.c', 2, null, 'anchored', ['Carol Checker']],
    ]);
  });

  test('v1 under review: v2\'s comments are left out, nothing is marked changed', async () => {
    await openThread();
    const session = await chooseVersion(0);
    const threads = reviewerThreads(session);
    assert.deepEqual(threads.map((t) => [authorName(t.author), t.version, t.change]).sort(), [['Bob Reviewer', 1, null], ['Bob Reviewer', 1, null], ['Carol Checker', 1, null]]);
  });

  test('a one-patch session has no reviewer threads here (its comments are placed by the review comments)', async () => {
    assert.deepEqual(reviewerThreads(await openPatch('one-reaper-per-cpu.review.eml')), []);
  });

  test('authorName: the name of `Name <address>`, else the address', () => {
    assert.equal(authorName('Mark Kettenis <mark.kettenis@xs4all.nl>'), 'Mark Kettenis');
    assert.equal(authorName('"Alice Author" <alice@example.org>'), 'Alice Author');
    assert.equal(authorName('<bob@example.org>'), 'bob@example.org');
    assert.equal(authorName('  '), 'a reviewer');
  });
});
