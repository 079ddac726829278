/**
 * Read-only documents of the thread's mails (`reaperscope-mail:` URIs): a patch mail, a cover
 * letter or a reply as decoded (headers that matter, then the text/plain body), so a remark about
 * the commit message or the cover letter can be read where it was made.
 */
import * as vscode from 'vscode';
import type { ReviewStore } from './review-session';

export const MAIL_SCHEME = 'reaperscope-mail';

/** The URI of message `index` of the open thread; the path ends in the subject, for the tab title. */
export function mailUri(index: number, subject: string): vscode.Uri {
  const title = subject.replace(/[/\\\s]+/g, ' ').trim().slice(0, 80) || 'mail';
  return vscode.Uri.from({ scheme: MAIL_SCHEME, path: `/${index}/${title}.eml` });
}

export class MailDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly store: ReviewStore) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(MAIL_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const index = Number(/^\/(\d+)\//.exec(uri.path)?.[1]);
    const m = this.store.session?.thread?.thread.messages[index];
    if (!m) return '(this mail is not in the open thread)';
    const headers = [`From: ${m.from}`, `Date: ${m.date}`, `Subject: ${m.subject}`];
    if (m.messageId) headers.push(`Message-ID: <${m.messageId}>`);
    if (m.inReplyTo) headers.push(`In-Reply-To: <${m.inReplyTo}>`);
    return `${headers.join('\n')}\n\n${m.body}`;
  }

  /** `reaperscope.showMail`: opens message `index` of the open thread. */
  async show(index: number): Promise<vscode.TextDocument | null> {
    const m = this.store.session?.thread?.thread.messages[index];
    if (!m) return null;
    const doc = await vscode.workspace.openTextDocument(mailUri(index, m.subject));
    await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
    return doc;
  }

  dispose(): void {
    this.registration.dispose();
  }
}
