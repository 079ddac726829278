/**
 * Review comments as Comments API threads on the workspace's own source files: reviewers'
 * comments from the patch mail, placed where their hunk applies now, and the user's own
 * comments (new threads or replies), which the reply mail is made from.
 */
import * as vscode from 'vscode';
import { currentLineOf, endOfChangeBlock, findHunkLine, hunkLineAtCurrent, hunkLineAtPatched, type PatchLineRef } from '../../core/patch/apply/hunk-placement';
import type { ReplyComment } from '../../core/patch/mail/reply-mail';
import { PATCHED_SCHEME, reviewForVirtual } from './virtual-documents';
import type { FileReview, ReviewStore } from './review-session';

export const COMMENT_CONTROLLER_ID = 'reaperscope.review';

class ReviewNote implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  constructor(
    public body: string | vscode.MarkdownString,
    public author: vscode.CommentAuthorInformation,
    /** `reviewer` (from the mail) or `user` (written here). */
    public contextValue: 'reviewer' | 'user',
    public parent: vscode.CommentThread,
  ) {}
}

export class ReviewComments implements vscode.Disposable {
  readonly controller: vscode.CommentController;
  private reviewerThreads: vscode.CommentThread[] = [];
  private userThreads: vscode.CommentThread[] = [];
  /** The patch the threads were made for, and which of its comments each reviewer thread shows. */
  private patchShown: object | null = null;
  private placedComments: number[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ReviewStore) {
    this.controller = vscode.comments.createCommentController(COMMENT_CONTROLLER_ID, 'Reaperscope review');
    this.controller.options = { prompt: 'Comment on this change (it goes into the reply mail)', placeHolder: 'Your review comment' };
    this.controller.commentingRangeProvider = { provideCommentingRanges: (doc) => this.commentingRanges(doc) };
    this.subscription = store.onDidChange(() => this.refresh());
  }

  /** Threads made from the patch's review comments. */
  get reviewer(): readonly vscode.CommentThread[] {
    return this.reviewerThreads;
  }

  /** Where a thread on a workspace file or patched document sits in the patch. */
  private refOf(thread: vscode.CommentThread): { review: FileReview; ref: PatchLineRef | null } | null {
    const line = thread.range ? thread.range.start.line + 1 : 1;
    if (thread.uri.scheme === PATCHED_SCHEME) {
      const review = reviewForVirtual(this.store, thread.uri);
      if (!review) return null;
      const at = hunkLineAtPatched(review.file, review.placements, line);
      return { review, ref: at && { fileIndex: review.index, hunkIndex: at.hunkIndex, lineIndex: endOfChangeBlock(review.file.hunks[at.hunkIndex]!, at.lineIndex) } };
    }
    const review = this.store.fileFor(thread.uri);
    if (!review) return null;
    const at = hunkLineAtCurrent(review.file, review.placements, line);
    return { review, ref: at && { fileIndex: review.index, hunkIndex: at.hunkIndex, lineIndex: endOfChangeBlock(review.file.hunks[at.hunkIndex]!, at.lineIndex) } };
  }

  /** The user's comments, in patch order where they have one, for the reply mail. */
  userComments(): ReplyComment[] {
    const out: ReplyComment[] = [];
    for (const thread of [...this.reviewerThreads, ...this.userThreads]) {
      const mine = thread.comments.filter((c) => c.contextValue === 'user');
      if (mine.length === 0) continue;
      const placed = this.refOf(thread);
      const line = thread.range ? thread.range.start.line + 1 : 1;
      for (const c of mine) {
        out.push({ at: placed?.ref ?? null, where: `${placed?.review.path ?? thread.uri.path}:${line}`, text: typeof c.body === 'string' ? c.body : c.body.value });
      }
    }
    return out;
  }

  /** Adds a user comment: a reply when `thread` is given, else a new thread at a 1-based line. */
  addUserComment(target: vscode.CommentThread | { uri: vscode.Uri; line: number }, text: string): vscode.CommentThread {
    let thread: vscode.CommentThread;
    if ('comments' in target) thread = target;
    else {
      thread = this.controller.createCommentThread(target.uri, new vscode.Range(target.line - 1, 0, target.line - 1, 0), []);
      this.userThreads.push(thread);
    }
    if (!this.userThreads.includes(thread) && !this.reviewerThreads.includes(thread)) this.userThreads.push(thread);
    thread.comments = [...thread.comments, new ReviewNote(text, { name: 'You' }, 'user', thread)];
    thread.canReply = true;
    thread.contextValue = 'review';
    return thread;
  }

  deleteComment(comment: vscode.Comment): void {
    const note = comment instanceof ReviewNote ? comment : null;
    if (!note || note.contextValue !== 'user') return;
    const thread = note.parent;
    thread.comments = thread.comments.filter((c) => c !== note);
    if (thread.comments.length === 0) {
      this.userThreads = this.userThreads.filter((t) => t !== thread);
      thread.dispose();
    }
  }

  private commentingRanges(doc: vscode.TextDocument): vscode.Range[] {
    const review = doc.uri.scheme === PATCHED_SCHEME ? reviewForVirtual(this.store, doc.uri) : this.store.fileFor(doc.uri);
    if (!review) return [];
    const ranges: vscode.Range[] = [];
    review.file.hunks.forEach((hunk, h) => {
      const p = review.placements[h];
      const start = doc.uri.scheme === PATCHED_SCHEME ? p?.newStartLine : p?.startLine;
      const count = doc.uri.scheme === PATCHED_SCHEME ? hunk.newLines : hunk.oldLines;
      if (start == null) return;
      ranges.push(new vscode.Range(start - 1, 0, Math.max(start - 1, start + count - 2), 0));
    });
    return ranges;
  }

  /**
   * Follows the session. A new patch replaces every thread; a new dry run of the same patch
   * (after edits, undo, apply) only moves the reviewers' threads, keeping the user's comments.
   */
  private refresh(): void {
    const session = this.store.session;
    if (session && session.patch === this.patchShown) {
      this.reviewerThreads.forEach((thread, t) => {
        const line = this.reviewerLine(this.placedComments[t]!);
        if (line !== null) thread.range = new vscode.Range(line - 1, 0, line - 1, 0);
      });
      return;
    }
    for (const t of [...this.reviewerThreads, ...this.userThreads]) t.dispose();
    this.reviewerThreads = [];
    this.userThreads = [];
    this.placedComments = [];
    this.patchShown = session?.patch ?? null;
    if (!session) return;
    session.patch.comments.forEach((comment, i) => {
      const review = session.files.find((f) => f.path === comment.file);
      const line = this.reviewerLine(i);
      if (!review?.uri || line === null) return;
      const thread = this.controller.createCommentThread(review.uri, new vscode.Range(line - 1, 0, line - 1, 0), []);
      thread.comments = [new ReviewNote(comment.text, { name: comment.author || 'reviewer' }, 'reviewer', thread)];
      thread.label = `Review by ${comment.author || 'a reviewer'}`;
      thread.canReply = true;
      thread.contextValue = 'review';
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      this.reviewerThreads.push(thread);
      this.placedComments.push(i);
    });
  }

  /** 1-based line of the workspace file where the patch's i-th review comment sits now; null when its hunk does not apply. */
  private reviewerLine(i: number): number | null {
    const session = this.store.session;
    const comment = session?.patch.comments[i];
    const review = comment && session?.files.find((f) => f.path === comment.file);
    if (!comment || !review) return null;
    const at = findHunkLine(review.file, comment.side, comment.line);
    const start = at ? review.placements[at.hunkIndex]?.startLine : null;
    return at && start != null ? currentLineOf(review.file.hunks[at.hunkIndex]!, start, at.lineIndex) : null;
  }

  dispose(): void {
    for (const t of [...this.reviewerThreads, ...this.userThreads]) t.dispose();
    this.subscription.dispose();
    this.controller.dispose();
  }
}
