/** The Patch tree of a single patch: files, hunks with the C function tree-sitter finds in the workspace file, review comments. */
import * as assert from 'node:assert/strict';
import type { PatchNode } from '../../../../src/extension/review/patch-tree';
import { api, GIT_APPLY_STARTS, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW } from '../api';

suite('patch tree', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the tree shows files, hunks with their C function, and the review comment', async () => {
    await openPatch(SEED_REVIEW);
    const { tree } = await api();
    const files = tree.getChildren();
    assert.deepEqual(files.map((f) => (f.kind === 'file' ? f.review.path : '')), Object.keys(GIT_APPLY_STARTS));
    const exit = files[1]!;
    const hunks = tree.getChildren(exit);
    assert.equal(hunks.length, 3);
    const labels = hunks.map((h) => tree.getTreeItem(h).label);
    assert.deepEqual(labels, ['exit1', 'exit2', 'reaper']);
    const comments = hunks.flatMap((h) => tree.getChildren(h));
    assert.equal(comments.length, 1);
    const comment = comments[0] as Extract<PatchNode, { kind: 'comment' }>;
    assert.equal(comment.hunkIndex, 2);
    assert.equal(tree.getTreeItem(comment).label, 'Mark Kettenis');
    assert.match(String(tree.getTreeItem(hunks[2]!).description), /line 151 \(offset -290\)/);
    // Functions found by tree-sitter in the workspace file: hunk 5 of kern_sched.c ends
    // sched_exit and turns sched_toidle into sched_toproc.
    const sched = tree.getChildren(files[2]!).map((h) => tree.getTreeItem(h).label);
    assert.deepEqual(tree.getChildren(files[0]!).map((h) => tree.getTreeItem(h).label), ['(file scope)', 'main']);
    assert.deepEqual(sched, ['(file scope)', 'sched_kthreads_create', 'sched_kthreads_create', 'sched_idle', 'sched_exit, sched_toidle, sched_toproc', 'sched_toidle, sched_toproc']);
  });
});
