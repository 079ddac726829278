/**
 * Read-only virtual documents for the diff view: a patch file as it is now (`unpatched`) and as
 * the patch would leave it (`patched`). Nothing is written to disk. The URI path is the patch
 * path, so the editor picks the C language from the name.
 */
import * as vscode from 'vscode';
import type { FileReview, ReviewStore } from './review-session';

export const PATCHED_SCHEME = 'reaperscope-patched';
export const UNPATCHED_SCHEME = 'reaperscope-unpatched';

export function virtualUri(scheme: typeof PATCHED_SCHEME | typeof UNPATCHED_SCHEME, path: string, version: number): vscode.Uri {
  return vscode.Uri.from({ scheme, path: `/${path}`, query: `v=${version}` });
}

/** The file review a virtual URI shows. */
export function reviewForVirtual(store: ReviewStore, uri: vscode.Uri): FileReview | null {
  const path = uri.path.replace(/^\//, '');
  return store.session?.files.find((f) => f.path === path) ?? null;
}

export class VirtualDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registrations: vscode.Disposable[];

  constructor(private readonly store: ReviewStore) {
    this.registrations = [
      vscode.workspace.registerTextDocumentContentProvider(PATCHED_SCHEME, this),
      vscode.workspace.registerTextDocumentContentProvider(UNPATCHED_SCHEME, this),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const review = reviewForVirtual(this.store, uri);
    if (!review) return '';
    if (uri.scheme === UNPATCHED_SCHEME) return review.currentText;
    return review.patchedText ?? review.currentText;
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.changed.dispose();
  }
}
