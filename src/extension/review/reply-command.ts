/**
 * "Compose Reply Mail": the user's review comments as a kernel-style reply to all (To the
 * author, Cc the list and everyone the mail went to, threaded with In-Reply-To/References), in
 * an untitled document to edit (for a thread, one reply per patch mail commented on, each
 * quoting that mail's patch under its own `Re:` subject); then "Open in Mail Client" (a `mailto:` URL) or "Save as .eml"
 * (for `git send-email` or `mutt -H`), from the notification or the command palette.
 */
import * as vscode from 'vscode';
import { replyEml, replyMailto, readReplyDocument } from '../../core/patch/mail/reply-document';
import { formatReplyMail } from '../../core/patch/mail/reply-mail';
import { replyCommentKey, type ReviewComments } from './review-comments';
import type { ReviewStore } from './review-session';
import { repliesByPatch } from './thread-review';

let replies = 0;
/** The user's comments each composed reply document carries (by replyCommentKey, keyed by the document's URI). */
const carried = new Map<string, ReadonlySet<string>>();
const REPLY_PATH = /^reaperscope-reply-\d+\.eml$/;

/** `reaperscope.reply.from`: the user's address, the reply's sender (left out of To/Cc). */
function replyFrom(): string | undefined {
  const from = vscode.workspace.getConfiguration('reaperscope').get<string>('reply.from')?.trim();
  return from ? from : undefined;
}

export async function composeReplyCommand(store: ReviewStore, comments: ReviewComments, options: { offer?: boolean } = {}): Promise<vscode.TextDocument | null> {
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
  // In a thread, each patch mail commented on gets its own reply, quoting that mail's patch.
  const answers = session.thread ? repliesByPatch(session.thread, mine) : [{ patch: session.patch, comments: mine }];
  const docs: vscode.TextDocument[] = [];
  for (const answer of answers) {
    const doc = await openReply(formatReplyMail(answer.patch, answer.comments, { from: replyFrom() }));
    carried.set(doc.uri.toString(), new Set(answer.comments.map(replyCommentKey)));
    docs.push(doc);
  }
  // The first reply in front: the lowest patch commented on.
  if (docs.length > 1) await vscode.window.showTextDocument(docs[0]!, { preview: false });
  if (options.offer !== false && docs[0]) void offerToSend(docs[0], comments, docs.length);
  return docs[0] ?? null;
}

/** A new untitled reply document holding `text`, shown. */
async function openReply(text: string): Promise<vscode.TextDocument> {
  // A fresh untitled name each time: VS Code may still be closing an earlier "Untitled-N".
  replies++;
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `reaperscope-reply-${replies}.eml` });
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The notification after composing: who the reply goes to, and the two ways to send it. */
async function offerToSend(doc: vscode.TextDocument, comments: ReviewComments, count: number): Promise<void> {
  const headers = readReplyDocument(doc.getText()).headers;
  const cc = headers.get('cc');
  const more = count > 1 ? ` ${count} replies, one per patch commented on; this one is` : '';
  const choice = await vscode.window.showInformationMessage(
    `Reaperscope:${more} reply to ${headers.get('to') ?? 'the author'}${cc ? `, Cc ${cc}` : ''}. Edit it, then send it with your mail client or save it for git send-email / mutt.`,
    'Open in Mail Client', 'Save as .eml…');
  if (choice === 'Open in Mail Client') await openReplyInMailClient(comments, doc);
  else if (choice === 'Save as .eml…') await saveReplyEml(comments, doc);
}

/** The reply document to act on: the given one, the active editor's when it is a reply, else the last reply open. */
function replyDocument(doc?: vscode.TextDocument): vscode.TextDocument | null {
  if (doc) return doc;
  const active = vscode.window.activeTextEditor?.document;
  const isReply = (d: vscode.TextDocument): boolean => REPLY_PATH.test(d.uri.path.slice(d.uri.path.lastIndexOf('/') + 1)) || d.languageId === 'email';
  if (active && isReply(active)) return active;
  return [...vscode.workspace.textDocuments].reverse().find((d) => !d.isClosed && isReply(d)) ?? null;
}

/**
 * Opens the reply in the user's mail client through a `mailto:` URL; returns the URL (null when
 * there is no reply). The comments it carries count as sent from then on.
 */
export async function openReplyInMailClient(comments: ReviewComments, doc?: vscode.TextDocument): Promise<string | null> {
  const reply = replyDocument(doc);
  if (!reply) {
    void vscode.window.showInformationMessage('Reaperscope: compose a reply first (Reaperscope: Compose Reply Mail).');
    return null;
  }
  const url = replyMailto(reply.getText());
  // Some clients cut long mailto: URLs; the .eml file has no such limit.
  if (url.length > 8000) void vscode.window.showWarningMessage(`Reaperscope: the reply is ${url.length} characters as a mailto: link; some mail clients cut it. Save it as .eml if it arrives short.`);
  const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
  if (opened) comments.markSent(carried.get(reply.uri.toString()));
  return url;
}

/** Saves the reply as an .eml message file (asks where); returns where it went. The comments it carries count as sent from then on. */
export async function saveReplyEml(comments: ReviewComments, doc?: vscode.TextDocument, target?: vscode.Uri): Promise<vscode.Uri | null> {
  const reply = replyDocument(doc);
  if (!reply) {
    void vscode.window.showInformationMessage('Reaperscope: compose a reply first (Reaperscope: Compose Reply Mail).');
    return null;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const destination = target ?? await vscode.window.showSaveDialog({
    title: 'Save the reply as a mail file', filters: { 'Mail message': ['eml'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'reply.eml') } : {}),
  });
  if (!destination) return null;
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(replyEml(reply.getText())));
  comments.markSent(carried.get(reply.uri.toString()));
  const name = destination.path.slice(destination.path.lastIndexOf('/') + 1);
  void vscode.window.showInformationMessage(`Reaperscope: saved ${name}. Send it with \`git send-email ${name}\` or \`mutt -H ${name}\`.`);
  return destination;
}
