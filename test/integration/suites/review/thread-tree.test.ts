/**
 * The thread part of the Patch tree: series → versions → patches → trailers, replies, remarks.
 * The thread fixture and its line facts: THREAD_MBOX in ../api.ts.
 */
import * as assert from 'node:assert/strict';
import { api, noAutoSave, openThread, resetWorkbench, labels } from '../api';

suite('thread tree', function () {
  // Each test opens the thread and runs dry runs in the real workbench: slow on a loaded machine.
  this.timeout(180_000);
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the tree shows series → versions → patches (the missing one named) → files, trailers with who gave them, replies, remarks', async () => {
    const session = await openThread();
    const { tree } = await api();
    assert.equal(session.thread!.chosen, 1, 'the newest version is under review');
    const roots = tree.getChildren();
    assert.deepEqual(await labels(roots), ['sched: count CPUs and reapers — 2 versions · Alice Author']);
    const versions = tree.getChildren(roots[0]);
    assert.deepEqual(await labels(versions), ['v1 — 2/2 patches', 'v2 — 2/3 patches, 1 missing · under review']);
    const v2 = tree.getChildren(versions[1]);
    assert.deepEqual(await labels(v2), [
      '[0/3] sched: count CPUs and reapers — cover letter · 1 reply',
      '[1/3] sched: count CPUs atomically — 2 trailers · 1 reply',
      '[2/3] proc: declare reaper_count — 1 trailer',
      '[3/3] missing — not in the thread',
    ]);
    // v2 1/3: its file (with its hunk where it applies now), Carol's review, Bob's ack sent to the cover letter.
    const first = tree.getChildren(v2[1]);
    assert.deepEqual(await labels(first), [
      'sys/kern/kern_sched.c — +2 −1 · applies',
      'Reviewed-by: Carol Checker — given by Carol Checker',
      'Acked-by: Bob Reviewer — given by Bob Reviewer (to the cover letter)',
      'Carol Checker — Wed, 10 Jul 2024 10:00:00 +0000',
    ]);
    assert.match((await labels(tree.getChildren(first[0])))[0]!, /· line 65/);
    // The cover letter carries Bob's remark about no line.
    assert.deepEqual((await labels(tree.getChildren(v2[0]))).slice(0, 1), ['Bob Reviewer on the cover letter — Where is 3/3?  It did not reach the list.']);
    // v1's patches show their trailers, replies and remarks but no files (v1 is not under review).
    const v1 = tree.getChildren(versions[0]);
    assert.deepEqual(await labels(tree.getChildren(v1[2])), [
      'Reviewed-by: Carol Checker — given by Carol Checker',
      'Carol Checker on the commit message — Say which patch will define it; a prototype alone is dead code.',
      'Carol Checker — Mon, 08 Jul 2024 15:00:00 +0000',
    ]);
    // Every node's parent chain leads back to the root (reveal needs it).
    assert.deepEqual(tree.getParent(first[0]!), v2[1]);
    assert.deepEqual(tree.getParent(v2[1]!), versions[1]);
  });
});
