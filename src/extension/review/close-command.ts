/**
 * "Close Patch": asks first when the user has review comments on it that went into no sent
 * reply; they can be kept (they come back when the patch is opened again) or discarded.
 */
import * as vscode from 'vscode';
import type { ReviewComments } from './review-comments';
import type { ReviewStore } from './review-session';

export type CloseOutcome = 'closed' | 'kept' | 'discarded' | 'cancelled';

/** @param choice skips the question (tests, other commands): keep or discard the unsent comments. */
export async function closePatchCommand(store: ReviewStore, comments: ReviewComments, choice?: 'keep' | 'discard'): Promise<CloseOutcome> {
  const unsent = store.session ? comments.unsent() : 0;
  if (unsent === 0) {
    store.set(null);
    return 'closed';
  }
  const answer = choice ?? await vscode.window.showWarningMessage(
    `${unsent} review comment(s) on ${store.session?.label ?? 'this patch'} are not in a sent reply yet.`,
    { modal: true, detail: 'Keep them: they come back when you open this patch again. Discard them: they are gone.' },
    'Keep for Later', 'Discard').then((a) => (a === 'Keep for Later' ? 'keep' : a === 'Discard' ? 'discard' : undefined));
  if (!answer) return 'cancelled';
  if (answer === 'discard') comments.discard();
  store.set(null);
  return answer === 'keep' ? 'kept' : 'discarded';
}
