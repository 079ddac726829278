/**
 * The Problems view: hunks that do not apply, `index` blob ids that do not match the workspace
 * file, and what the patch reader had to say about the patch text itself.
 */
import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/common/diagnostic';
import { appliedReasonText } from '../../core/patch/apply/applied-state';
import { hunkHeaderLine } from '../../core/patch/mail/reply-mail';
import type { FileReview, ReviewSession, ReviewStore } from './review-session';

export const PROBLEM_SOURCE = 'reaperscope';

export class PatchProblems implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('reaperscope');
  private readonly subscription: vscode.Disposable;

  constructor(store: ReviewStore) {
    this.subscription = store.onDidChange((session) => this.update(session));
  }

  update(session: ReviewSession | null): void {
    this.collection.clear();
    if (!session) return;
    const byUri = new Map<string, { uri: vscode.Uri; items: vscode.Diagnostic[] }>();
    const add = (uri: vscode.Uri, d: vscode.Diagnostic): void => {
      const key = uri.toString();
      const entry = byUri.get(key) ?? { uri, items: [] };
      entry.items.push(d);
      byUri.set(key, entry);
    };
    for (const review of session.files) {
      for (const p of fileProblems(review, session.sourceUri)) add(p.uri, p.diagnostic);
    }
    if (session.sourceUri) for (const d of session.patch.diagnostics) add(session.sourceUri, readerDiagnostic(d));
    for (const { uri, items } of byUri.values()) this.collection.set(uri, items);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

function lineRange(line: number): vscode.Range {
  const l = Math.max(0, line - 1);
  return new vscode.Range(l, 0, l, Number.MAX_SAFE_INTEGER);
}

function fileProblems(review: FileReview, sourceUri: vscode.Uri | null): { uri: vscode.Uri; diagnostic: vscode.Diagnostic }[] {
  const out: { uri: vscode.Uri; diagnostic: vscode.Diagnostic }[] = [];
  if (review.applied && review.uri) {
    // One note for the file, not one per hunk: nothing is wrong and nothing applies again.
    const d = new vscode.Diagnostic(lineRange(1), `${review.path} already holds this patch (${appliedReasonText(review.applied.reason)}); applying it again would repeat its changes.`, vscode.DiagnosticSeverity.Information);
    d.source = PROBLEM_SOURCE;
    d.code = 'file-already-applied';
    return [{ uri: review.uri, diagnostic: d }];
  }
  const lineCount = review.currentText.split('\n').length;
  for (const failure of review.failures) {
    const hunk = review.file.hunks[failure.hunkIndex]!;
    const message = `Hunk ${failure.hunkIndex + 1} of ${review.path} (${hunkHeaderLine(hunk)}) does not apply: ${failure.message}`;
    // On the workspace file near where the hunk expected to be; on the patch when the file is missing.
    const uri = review.uri ?? sourceUri;
    if (!uri) continue;
    const line = review.uri ? Math.min(hunk.oldStart, lineCount) : hunk.sourceLine;
    const d = new vscode.Diagnostic(lineRange(line), message, vscode.DiagnosticSeverity.Error);
    d.source = PROBLEM_SOURCE;
    d.code = failure.message.startsWith('already applied') ? 'hunk-already-applied' : 'hunk-does-not-apply';
    if (d.code === 'hunk-already-applied') d.severity = vscode.DiagnosticSeverity.Information;
    out.push({ uri, diagnostic: d });
  }
  if (review.blobMatches === false && review.uri) {
    const d = new vscode.Diagnostic(lineRange(1),
      `The patch's index line says ${review.path} was blob ${review.file.oldBlob}; this file is a different version.`,
      vscode.DiagnosticSeverity.Warning);
    d.source = PROBLEM_SOURCE;
    d.code = 'blob-mismatch';
    out.push({ uri: review.uri, diagnostic: d });
  }
  if (review.revisionMatches === false && review.uri) {
    const d = new vscode.Diagnostic(lineRange(1),
      `The patch was made against CVS revision ${review.file.oldRevision} of ${review.path}; this file's RCS id names another revision.`,
      vscode.DiagnosticSeverity.Warning);
    d.source = PROBLEM_SOURCE;
    d.code = 'revision-mismatch';
    out.push({ uri: review.uri, diagnostic: d });
  }
  return out;
}

function readerDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error
    : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const out = new vscode.Diagnostic(lineRange(d.line), d.message, severity);
  out.source = PROBLEM_SOURCE;
  out.code = d.code;
  return out;
}
