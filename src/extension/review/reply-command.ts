/** "Compose Reply Mail": the user's review comments as a kernel-style reply, in an untitled document. */
import * as vscode from 'vscode';
import { formatReplyMail } from '../../core/patch/mail/reply-mail';
import type { ReviewComments } from './review-comments';
import type { ReviewStore } from './review-session';

let replies = 0;

export async function composeReplyCommand(store: ReviewStore, comments: ReviewComments): Promise<vscode.TextDocument | null> {
  const session = store.session;
  if (!session) {
    void vscode.window.showInformationMessage('Reaperscope: open a patch first.');
    return null;
  }
  const mine = comments.userComments();
  if (mine.length === 0) {
    void vscode.window.showInformationMessage('Reaperscope: add review comments first (click the + in the gutter of a changed line).');
    return null;
  }
  // A fresh untitled name each time: VS Code may still be closing an earlier "Untitled-N".
  replies++;
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `reaperscope-reply-${replies}.txt` });
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), formatReplyMail(session.patch, mine));
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}
