/** The dry run: where each hunk applies in the workspace, read only. Line facts come from `git apply -v` (test/fixtures/workspace/README.md). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReviewSession } from '../../../../src/extension/review/review-session';
import { api, fixture, GIT_APPLY_STARTS, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW, textOf } from '../api';

suite('dry run', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('openPatch reads the review mail and places every hunk where git apply does', async () => {
    const session = await openPatch(SEED_REVIEW);
    assert.equal(session.label, 'one-reaper-per-cpu.review.eml');
    const starts = Object.fromEntries(session.files.map((f) => [f.path, f.placements.map((p) => p.startLine)]));
    assert.deepEqual(starts, GIT_APPLY_STARTS, JSON.stringify(session.files.map((f) => [f.uri?.toString(), f.failures])));
    assert.ok(session.files.every((f) => f.failures.length === 0 && f.patchedText !== null));
    const { status } = await api();
    assert.equal(status.item.text, '$(git-pull-request) 12/12 hunks apply · 4 file(s) differ from the patch\'s base');
    assert.equal((await api()).review.session, session);
  });

  test('dryRun reports without changing anything', async () => {
    await openPatch('one-reaper-per-cpu.patch');
    const before = await textOf(fixture('sys/kern/kern_sched.c'));
    const session = await vscode.commands.executeCommand<ReviewSession>('reaperscope.dryRun');
    assert.equal(session.files.reduce((n, f) => n + f.failures.length, 0), 0);
    assert.equal(await textOf(fixture('sys/kern/kern_sched.c')), before);
    assert.ok(vscode.workspace.textDocuments.every((d) => !d.isDirty));
  });
});
