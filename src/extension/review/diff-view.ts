/** "Show Patched vs Unpatched": VS Code's diff editor on the two virtual documents of a file. */
import * as vscode from 'vscode';
import type { ReviewStore } from './review-session';
import { PATCHED_SCHEME, UNPATCHED_SCHEME, virtualUri } from './virtual-documents';

let version = 0;

/** Opens the diff for `path` (a patch path), or asks which file when none is given. */
export async function showDiff(store: ReviewStore, path?: string): Promise<boolean> {
  const session = store.session;
  if (!session) {
    void vscode.window.showInformationMessage('Reaperscope: open a patch first.');
    return false;
  }
  const target = typeof path === 'string' ? path
    : session.files.length === 1 ? session.files[0]!.path
    : (await vscode.window.showQuickPick(session.files.map((f) => f.path), { title: 'Which file of the patch?' }));
  const review = session.files.find((f) => f.path === target);
  if (!review) return false;
  version++;
  const left = virtualUri(UNPATCHED_SCHEME, review.path, version);
  const right = virtualUri(PATCHED_SCHEME, review.path, version);
  const note = review.patchedText === null ? ` (${review.failures.length} hunk(s) do not apply: shown unpatched)` : '';
  await vscode.commands.executeCommand('vscode.diff', left, right, `${review.path}: unpatched ↔ patched${note}`, { preview: true });
  return true;
}
