/** "Reveal Hunk": opens the workspace file at the line where a hunk (or one of its lines) applies now. */
import * as vscode from 'vscode';
import { placeOfPatchLine } from '../../core/patch/apply/patch-line-place';
import type { ReviewStore } from './review-session';
import { showDiff } from './diff-view';

export async function revealHunk(store: ReviewStore, path: string, hunkIndex: number, lineIndex = 0): Promise<vscode.TextEditor | null> {
  const review = store.session?.files.find((f) => f.path === path);
  const hunk = review?.file.hunks[hunkIndex];
  if (!review || !hunk) return null;
  const at = placeOfPatchLine(review, hunkIndex, lineIndex);
  if (!review.uri || at === null) {
    // The hunk has no place in the workspace: show what the patch does instead.
    await showDiff(store, path);
    return null;
  }
  const line = at - 1;
  const range = new vscode.Range(line, 0, line, 0);
  return vscode.window.showTextDocument(review.uri, { selection: range, preview: true });
}
