/**
 * The review session store: the one session, its source kept in the workspace's storage for a
 * reload, the file review of a workspace URI, and what the files' states add up to. The seed
 * patch's facts: 4 files whose blob ids differ from the workspace's (test/fixtures/workspace/README.md).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { differsFromBase, patchPathOf, ReviewStore, SESSION_KEY, wholePatchApplied, type ReviewSession } from '../../../../src/extension/review/review-session';
import { extensionId, fixture, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW } from '../api';

/** A workspace storage in memory. */
class MemoryMemento implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

suite('review session', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('set keeps the session, stores its source, announces it; fileFor finds a file of the patch only', async () => {
    const session = await openPatch(SEED_REVIEW);
    const storage = new MemoryMemento();
    const store = new ReviewStore(vscode.extensions.getExtension(extensionId)!.extensionUri, storage);
    const seen: (ReviewSession | null)[] = [];
    store.onDidChange((s) => seen.push(s));
    store.set(session);
    assert.equal(store.session, session);
    assert.deepEqual(storage.get(SESSION_KEY), session.source);
    assert.equal(store.fileFor(fixture('sys/kern/kern_exit.c'))?.path, 'sys/kern/kern_exit.c');
    assert.equal(store.fileFor(fixture('README.md')), null);
    store.set(null);
    assert.deepEqual(seen, [session, null]);
    assert.equal(storage.get(SESSION_KEY), undefined);
    assert.equal(store.fileFor(fixture('sys/kern/kern_exit.c')), null);
    store.dispose();
  });

  test('the seed patch against the workspace: every file differs from its base, none holds the patch; after Apply all do', async () => {
    const session = await openPatch('one-reaper-per-cpu.patch');
    assert.deepEqual(session.files.map((f) => patchPathOf(f.file)), ['sys/kern/init_main.c', 'sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/sys/proc.h']);
    assert.deepEqual(session.files.map(differsFromBase), [true, true, true, true]);
    assert.equal(wholePatchApplied(session), false);
    assert.equal(await vscode.commands.executeCommand('reaperscope.applyPatch', { confirm: false }), 'applied');
    const applied = await vscode.commands.executeCommand<ReviewSession>('reaperscope.dryRun');
    assert.equal(wholePatchApplied(applied), true);
    // A file that holds the patch is not "another version than the base".
    assert.deepEqual(applied.files.map(differsFromBase), [false, false, false, false]);
  });
});
