/**
 * The reviewers' threads in "Show Patched vs Unpatched": each reviewer thread of a file is shown
 * on both sides of the diff editor, on the unpatched side at the line the patch line is on now
 * and on the patched side at the line it lands on once patched. These copies are for reading
 * (replies go to the thread on the workspace file); they follow the session and the editors shown.
 */
import * as vscode from 'vscode';
import { currentLineOf, patchedLineOf } from '../../core/patch/apply/hunk-placement';
import type { FileReview, ReviewStore } from './review-session';
import { PATCHED_SCHEME, reviewForVirtual, UNPATCHED_SCHEME } from './virtual-documents';

/** A thread as the diff view needs it. */
export interface SideSource {
  path: string;
  /** The hunk line it is about, or null (then `line`, in the current file, is used on the unpatched side only). */
  anchor: { hunkIndex: number; lineIndex: number } | null;
  line: number;
  thread: vscode.CommentThread;
}

/** The 1-based line of a virtual document (unpatched or patched side) a hunk line is on; null when its hunk has no place. */
export function sideLine(review: FileReview, patched: boolean, anchor: { hunkIndex: number; lineIndex: number }): number | null {
  const hunk = review.file.hunks[anchor.hunkIndex];
  if (!hunk) return null;
  if (review.applied) {
    // The file holds the patch: both sides show the patched text.
    const start = review.applied.newStarts[anchor.hunkIndex];
    return start == null ? null : patchedLineOf(hunk, start, anchor.lineIndex);
  }
  const placement = review.placements[anchor.hunkIndex];
  if (patched) return placement?.newStartLine == null ? null : patchedLineOf(hunk, placement.newStartLine, anchor.lineIndex);
  return placement?.startLine == null ? null : currentLineOf(hunk, placement.startLine, anchor.lineIndex);
}

export class DiffSideThreads implements vscode.Disposable {
  private readonly shown = new Map<string, vscode.CommentThread[]>();
  private readonly subscriptions: vscode.Disposable[];

  /**
   * @param sources the reviewer threads to copy, as they are now.
   * @param copy makes the comments of a copy for `thread` (same bodies, authors and marks).
   */
  constructor(
    private readonly store: ReviewStore,
    private readonly controller: vscode.CommentController,
    private readonly sources: () => readonly SideSource[],
    private readonly copy: (from: vscode.CommentThread, to: vscode.CommentThread) => vscode.Comment[],
  ) {
    this.subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.drop(doc.uri.toString())),
    ];
  }

  /** The copies on a virtual document, with their 1-based lines: for tests. */
  threadsOn(uri: vscode.Uri): { line: number; thread: vscode.CommentThread }[] {
    return (this.shown.get(uri.toString()) ?? []).map((thread) => ({ line: (thread.range?.start.line ?? 0) + 1, thread }));
  }

  /** Rebuilds the copies on every open unpatched/patched document. */
  refresh(): void {
    for (const key of [...this.shown.keys()]) this.drop(key);
    const docs = new Map<string, vscode.Uri>();
    for (const doc of vscode.workspace.textDocuments) docs.set(doc.uri.toString(), doc.uri);
    for (const editor of vscode.window.visibleTextEditors) docs.set(editor.document.uri.toString(), editor.document.uri);
    for (const uri of docs.values()) {
      if (uri.scheme !== PATCHED_SCHEME && uri.scheme !== UNPATCHED_SCHEME) continue;
      const review = reviewForVirtual(this.store, uri);
      if (review) this.shown.set(uri.toString(), this.copiesOn(uri, review));
    }
  }

  private copiesOn(uri: vscode.Uri, review: FileReview): vscode.CommentThread[] {
    const patched = uri.scheme === PATCHED_SCHEME;
    const copies: vscode.CommentThread[] = [];
    for (const source of this.sources()) {
      if (source.path !== review.path) continue;
      const line = source.anchor ? sideLine(review, patched, source.anchor) : patched ? null : source.line;
      if (line === null) continue;
      const thread = this.controller.createCommentThread(uri, new vscode.Range(line - 1, 0, line - 1, 0), []);
      thread.comments = this.copy(source.thread, thread);
      thread.label = source.thread.label;
      thread.canReply = false;
      thread.contextValue = 'review-copy';
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      copies.push(thread);
    }
    return copies;
  }

  private drop(key: string): void {
    for (const thread of this.shown.get(key) ?? []) thread.dispose();
    this.shown.delete(key);
  }

  dispose(): void {
    for (const key of [...this.shown.keys()]) this.drop(key);
    for (const s of this.subscriptions) s.dispose();
  }
}
