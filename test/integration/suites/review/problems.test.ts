/** The Problems view: hunks that do not apply, blob ids and CVS revisions that do not match, the reader's notes on the patch text. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixture, noAutoSave, openPatch, resetWorkbench, SEED_REVIEW } from '../api';

suite('problems', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the reader\'s notes on a flattened archive page appear on that file in Problems', async () => {
    await openPatch('one-reaper-per-cpu.marc.txt');
    const notes = vscode.languages.getDiagnostics(fixture('patches/one-reaper-per-cpu.marc.txt')).filter((d) => d.source === 'reaperscope');
    assert.ok(notes.length > 0);
  });

  test('Problems: blob-id mismatches for the seed patch, a failed hunk for a stale one', async () => {
    await openPatch(SEED_REVIEW);
    const sched = fixture('sys/kern/kern_sched.c');
    const blob = vscode.languages.getDiagnostics(sched).filter((d) => d.source === 'reaperscope');
    assert.deepEqual(blob.map((d) => d.code), ['blob-mismatch']);
    const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds).filter((d) => d.code === 'blob-mismatch');
    assert.equal(all.length, 4);

    await openPatch('stale-sched.diff');
    const stale = vscode.languages.getDiagnostics(sched).filter((d) => d.source === 'reaperscope');
    // Its index line names made-up blobs (1111111), so the blob check fails too.
    assert.deepEqual(stale.map((d) => [d.code, d.severity]), [
      ['hunk-does-not-apply', vscode.DiagnosticSeverity.Error], ['blob-mismatch', vscode.DiagnosticSeverity.Warning]]);
    assert.match(stale[0]!.message, /^Hunk 2 of sys\/kern\/kern_sched.c \(@@ -200,7 \+201,7 @@ setrunqueue/);
  });

  test('Problems: a cvs diff made against another revision than the workspace file\'s RCS id', async () => {
    // cvs-proc.diff is labelled revision 1.364; the workspace proc.h says `$OpenBSD: proc.h,v 1.365 ...$`.
    const session = await openPatch('cvs-proc.diff');
    assert.deepEqual(session.files.map((f) => [f.path, f.file.oldRevision, f.revisionMatches, f.failures.length]), [['sys/sys/proc.h', '1.364', false, 0]]);
    const proc = vscode.languages.getDiagnostics(fixture('sys/sys/proc.h')).filter((d) => d.source === 'reaperscope');
    assert.deepEqual(proc.map((d) => [d.code, d.severity, d.range.start.line]), [['revision-mismatch', vscode.DiagnosticSeverity.Warning, 0]]);
    assert.match(proc[0]!.message, /CVS revision 1\.364 of sys\/sys\/proc\.h/);
  });
});
