/**
 * The reviewers' threads on both sides of Show Patched vs Unpatched.
 * The thread fixture and its line facts: THREAD_MBOX in ../api.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, noAutoSave, openThread, resetWorkbench, until } from '../api';

suite('diff side threads', function () {
  // Each test opens the thread and runs dry runs in the real workbench: slow on a loaded machine.
  this.timeout(180_000);
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the diff view shows the reviewers\' threads on the patched side too', async () => {
    await openThread();
    assert.equal(await vscode.commands.executeCommand('reaperscope.showDiff', 'sys/kern/kern_sched.c'), true);
    const { comments } = await api();
    const sides = await until(() => {
      const docs = vscode.window.visibleTextEditors.map((e) => e.document.uri).filter((u) => u.scheme.startsWith('reaperscope-'));
      const patched = docs.find((u) => u.scheme === 'reaperscope-patched');
      const unpatched = docs.find((u) => u.scheme === 'reaperscope-unpatched');
      return patched && unpatched && comments.diffSides.threadsOn(patched).length > 0 ? { patched, unpatched } : undefined;
    }, 'the diff editor with threads', 30_000).catch((error: Error) => {
      const editors = vscode.window.visibleTextEditors.map((e) => `${e.document.uri.toString()}: ${comments.diffSides.threadsOn(e.document.uri).length}`);
      throw new Error(`${error.message}; editors shown: ${editors.join(', ')}`);
    });
    const on = (uri: vscode.Uri): [number, string][] => comments.diffSides.threadsOn(uri).map((t): [number, string] => [t.line, t.thread.label ?? '']).sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    // Patched side: v1's unchanged atomic_inc line is new 68, Carol's v2 comment on new 69; the changed v1 line has no patched place.
    assert.deepEqual(on(sides.patched), [[68, 'Bob Reviewer · v1 · unchanged in v2'], [69, 'Carol Checker · v2']]);
    assert.deepEqual(on(sides.unpatched).map(([line]) => line), [68, 68, 68]);
  });
});
