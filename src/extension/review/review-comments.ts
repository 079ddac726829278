/**
 * Review comments as Comments API threads on the workspace's own source files: reviewers'
 * comments from the patch mail, and the user's own comments (new threads or replies), which the
 * reply mail is made from.
 *
 * Every thread follows its line: through typing (the editor's text changes move it), and
 * through Apply and Undo (a thread about a patch line goes where that line is now: on the old
 * side while the hunk applies, on the new side once the file holds the patch). The user's
 * comments are kept per patch in the workspace's storage: switching to another patch, closing
 * it or reloading the window does not lose them, and reopening the patch brings them back.
 */
import * as vscode from 'vscode';
import { endOfChangeBlock, findHunkLine, hunkLineAtCurrent, hunkLineAtPatched, patchedLineOf } from '../../core/patch/apply/hunk-placement';
import { trackLineThrough } from '../../core/patch/apply/line-tracking';
import { placeOfPatchLine } from '../../core/patch/apply/patch-line-place';
import { readKeptComments, unsentCount, type KeptComment } from '../../core/patch/mail/kept-comments';
import type { ReplyComment } from '../../core/patch/mail/reply-mail';
import type { FilePatch, Patch } from '../../core/patch/model';
import { patchKey } from '../../core/patch/patch-key';
import { PATCHED_SCHEME, reviewForVirtual } from './virtual-documents';
import type { FileReview, ReviewStore } from './review-session';
import { authorName, reviewerThreads, type ReviewerNote, type ReviewerThread } from './reviewer-threads';
import { DiffSideThreads } from './diff-side-threads';

export const COMMENT_CONTROLLER_ID = 'reaperscope.review';

/** Storage key of the user's comments on the patch `key` names. */
const storageKey = (key: string): string => `reaperscope.comments.${key}`;

export class ReviewNote implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  /** True once the note went into a reply that was saved or handed to the mail client. */
  sent = false;
  /** A mark shown next to the author (`≈ approximate`). */
  label?: string;
  /** A reviewer's proposed diff and the patch path of the file it is about (for Preview Suggested Change). */
  proposal?: { diff: string; path: string; author: string; madeOn: { version: number; file: FilePatch } | null };
  constructor(
    public body: string | vscode.MarkdownString,
    public author: vscode.CommentAuthorInformation,
    /** `reviewer` (from the mail), `reviewer-proposal` (with a suggested change) or `user` (written here). */
    public contextValue: 'reviewer' | 'reviewer-proposal' | 'user',
    public parent: vscode.CommentThread,
  ) {}
}

/** A thread and what keeps it on its line. */
interface Tracked {
  thread: vscode.CommentThread;
  /** The patch path of the file. */
  path: string;
  /** 1-based line of the document the thread is on, as it is now. */
  line: number;
  /** The patch line the thread is about; null for a line outside every hunk. */
  anchor: { hunkIndex: number; lineIndex: number } | null;
  /** For a reviewer's thread: the index of the comment in the patch mail. */
  reviewerIndex: number | null;
}

const noteText = (c: vscode.Comment): string => (typeof c.body === 'string' ? c.body : c.body.value);

/** Where a tracked thread is, as a reply names a comment's place: `path:line` (1-based). */
const whereOf = (t: { path: string; line: number }): string => `${t.path}:${t.line}`;

/** What tells one of the user's comments apart in a composed reply: its place and its text. */
export const replyCommentKey = (c: Pick<ReplyComment, 'where' | 'text'>): string => `${c.where}\u0000${c.text}`;

export class ReviewComments implements vscode.Disposable {
  readonly controller: vscode.CommentController;
  private tracked: Tracked[] = [];
  /** Kept comments of the shown patch that have no place here now (their file is missing): saved again as they are. */
  private orphans: KeptComment[] = [];
  private patchShown: Patch | null = null;
  private key: string | null = null;
  private readonly subscriptions: vscode.Disposable[];
  /** The reviewer threads' copies on both sides of the diff view. */
  readonly diffSides: DiffSideThreads;

  constructor(private readonly store: ReviewStore) {
    this.controller = vscode.comments.createCommentController(COMMENT_CONTROLLER_ID, 'Reaperscope review');
    this.diffSides = new DiffSideThreads(store, this.controller,
      () => this.tracked.filter((t) => t.reviewerIndex !== null && t.thread.uri.scheme !== PATCHED_SCHEME).map((t) => ({ path: t.path, anchor: t.anchor, line: t.line, thread: t.thread })),
      (from, to) => from.comments.filter((c): c is ReviewNote => c instanceof ReviewNote).map((c) => copyNote(c, to)));
    this.controller.options = { prompt: 'Comment on this change (it goes into the reply mail)', placeHolder: 'Your review comment' };
    this.controller.commentingRangeProvider = { provideCommentingRanges: (doc) => this.commentingRanges(doc) };
    this.subscriptions = [
      store.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => this.follow(e)),
    ];
  }

  /** Threads made from the patch's review comments. */
  get reviewer(): readonly vscode.CommentThread[] {
    return this.tracked.filter((t) => t.reviewerIndex !== null).map((t) => t.thread);
  }

  /** Every thread shown, with the line it is on (1-based): for tests and the status of the review. */
  threads(): { thread: vscode.CommentThread; line: number; path: string }[] {
    return this.tracked.map((t) => ({ thread: t.thread, line: t.line, path: t.path }));
  }

  /** The file review and patch line of a thread on a workspace file or a patched document at a 1-based line. */
  private locate(uri: vscode.Uri, line: number): { review: FileReview; anchor: Tracked['anchor'] } | null {
    if (uri.scheme === PATCHED_SCHEME) {
      const review = reviewForVirtual(this.store, uri);
      return review && { review, anchor: hunkLineAtPatched(review.file, review.placements, line) };
    }
    const review = this.store.fileFor(uri);
    if (!review) return null;
    if (review.applied) {
      const newSide = review.file.hunks.map((_, h) => ({ startLine: null, offset: 0, newStartLine: review.applied!.newStarts[h] ?? null }));
      return { review, anchor: hunkLineAtPatched(review.file, newSide, line) };
    }
    return { review, anchor: hunkLineAtCurrent(review.file, review.placements, line) };
  }

  /** Where a tracked thread's patch line is now (1-based), or null when its hunk has no place. */
  private placeOf(t: Tracked): number | null {
    const review = this.store.session?.files.find((f) => f.path === t.path);
    if (!review || !t.anchor) return null;
    if (t.thread.uri.scheme === PATCHED_SCHEME) {
      const start = review.placements[t.anchor.hunkIndex]?.newStartLine;
      const hunk = review.file.hunks[t.anchor.hunkIndex];
      return start == null || !hunk ? null : patchedLineOf(hunk, start, t.anchor.lineIndex);
    }
    return placeOfPatchLine(review, t.anchor.hunkIndex, t.anchor.lineIndex);
  }

  private moveTo(t: Tracked, line: number): void {
    t.line = line;
    const range = t.thread.range;
    if (!range || range.start.line !== line - 1) t.thread.range = new vscode.Range(line - 1, 0, line - 1, 0);
  }

  /** Text changes in a document with threads: each thread moves with its line. */
  private follow(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    const edits = e.contentChanges.map((c) => ({ start: c.range.start, end: c.range.end, text: c.text }));
    let moved = false;
    for (const t of this.tracked) {
      if (t.thread.uri.toString() !== key) continue;
      const line = trackLineThrough(t.line - 1, edits) + 1;
      if (line !== t.line) {
        this.moveTo(t, line);
        moved = true;
      }
    }
    if (moved) this.save();
  }

  /** The user's comments, in patch order where they have one, for the reply mail. */
  userComments(): ReplyComment[] {
    const out: ReplyComment[] = [];
    for (const t of this.tracked) {
      const mine = t.thread.comments.filter((c) => c.contextValue === 'user');
      if (mine.length === 0) continue;
      const review = this.store.session?.files.find((f) => f.path === t.path);
      const hunk = t.anchor && review?.file.hunks[t.anchor.hunkIndex];
      const at = t.anchor && review && hunk ? { fileIndex: review.index, hunkIndex: t.anchor.hunkIndex, lineIndex: endOfChangeBlock(hunk, t.anchor.lineIndex) } : null;
      for (const c of mine) out.push({ at, where: whereOf(t), text: noteText(c) });
    }
    return out;
  }

  /** Comments the user wrote on this patch that have not gone into a sent reply (including those with no place now). */
  unsent(): number {
    const notes = this.tracked.flatMap((t) => t.thread.comments).filter((c): c is ReviewNote => c instanceof ReviewNote && c.contextValue === 'user');
    return notes.filter((n) => !n.sent).length + unsentCount(this.orphans);
  }

  /** Adds a user comment: a reply when `thread` is given, else a new thread at a 1-based line. */
  addUserComment(target: vscode.CommentThread | { uri: vscode.Uri; line: number }, text: string): vscode.CommentThread {
    let thread: vscode.CommentThread;
    if ('comments' in target) thread = target;
    else thread = this.controller.createCommentThread(target.uri, new vscode.Range(target.line - 1, 0, target.line - 1, 0), []);
    if (!this.tracked.some((t) => t.thread === thread)) {
      const line = thread.range ? thread.range.start.line + 1 : 1;
      const at = this.locate(thread.uri, line);
      this.tracked.push({ thread, path: at?.review.path ?? vscode.workspace.asRelativePath(thread.uri, false), line, anchor: at?.anchor ?? null, reviewerIndex: null });
    }
    thread.comments = [...thread.comments, new ReviewNote(text, { name: 'You' }, 'user', thread)];
    thread.canReply = true;
    thread.contextValue = 'review';
    this.save();
    return thread;
  }

  deleteComment(comment: vscode.Comment): void {
    const note = comment instanceof ReviewNote ? comment : null;
    if (!note || note.contextValue !== 'user') return;
    const thread = note.parent;
    thread.comments = thread.comments.filter((c) => c !== note);
    if (thread.comments.length === 0) {
      this.tracked = this.tracked.filter((t) => t.thread !== thread);
      thread.dispose();
    }
    this.save();
  }

  /**
   * Marks the user's comments as sent (their reply was saved or handed to the mail client): the
   * ones `only` names (by replyCommentKey: a thread's replies go one per patch, and sending one
   * sends only its own), else every comment of this patch.
   */
  markSent(only?: ReadonlySet<string>): void {
    for (const t of this.tracked) {
      for (const c of t.thread.comments) {
        if (!(c instanceof ReviewNote)) continue;
        if (!only || only.has(replyCommentKey({ where: whereOf(t), text: noteText(c) }))) c.sent = true;
      }
    }
    if (!only) for (const o of this.orphans) o.sent = true;
    this.save();
  }

  /** Drops the user's comments on the shown patch, here and in storage. */
  discard(): void {
    for (const t of this.tracked) {
      if (t.reviewerIndex === null) t.thread.dispose();
      else t.thread.comments = t.thread.comments.filter((c) => c.contextValue !== 'user');
    }
    this.tracked = this.tracked.filter((t) => t.reviewerIndex !== null);
    this.orphans = [];
    this.save();
  }

  /** Forgets the comments kept for every patch (the workspace's storage). */
  async forgetAll(): Promise<void> {
    const storage = this.store.storage;
    if (!storage) return;
    for (const key of storage.keys()) if (key.startsWith(storageKey(''))) await storage.update(key, undefined);
    this.discard();
  }

  private commentingRanges(doc: vscode.TextDocument): vscode.Range[] {
    const review = doc.uri.scheme === PATCHED_SCHEME ? reviewForVirtual(this.store, doc.uri) : this.store.fileFor(doc.uri);
    if (!review) return [];
    const patchedSide = doc.uri.scheme === PATCHED_SCHEME || review.applied !== null;
    const ranges: vscode.Range[] = [];
    review.file.hunks.forEach((hunk, h) => {
      const start = doc.uri.scheme === PATCHED_SCHEME ? review.placements[h]?.newStartLine
        : review.applied ? review.applied.newStarts[h] : review.placements[h]?.startLine;
      const count = patchedSide ? hunk.newLines : hunk.oldLines;
      if (start == null) return;
      ranges.push(new vscode.Range(start - 1, 0, Math.max(start - 1, start + count - 2), 0));
    });
    return ranges;
  }

  /**
   * Follows the session. A new dry run of the same patch (after edits, undo, apply) puts each
   * thread about a patch line where that line is now. Another patch (or none) puts this patch's
   * comments away in storage and brings back the ones kept for the new one.
   */
  private refresh(): void {
    const session = this.store.session;
    if (session && session.patch === this.patchShown) {
      for (const t of this.tracked) {
        const line = this.placeOf(t);
        if (line !== null) this.moveTo(t, line);
      }
      this.save();
      this.diffSides.refresh();
      return;
    }
    const leaving = this.patchShown && this.unsent() > 0 ? this.unsent() : 0;
    this.save();
    for (const t of this.tracked) t.thread.dispose();
    this.tracked = [];
    this.orphans = [];
    if (leaving > 0 && session) {
      void vscode.window.showInformationMessage(`Reaperscope: your ${leaving} unsent review comment(s) on the previous patch are kept; they come back when you open it again.`);
    }
    this.patchShown = session?.patch ?? null;
    this.key = session ? patchKey(session.patch) : null;
    if (!session || !this.key) {
      this.diffSides.refresh();
      return;
    }
    if (session.thread) this.showReviewerThreads(reviewerThreads(session));
    session.patch.comments.forEach((comment, i) => {
      const review = session.files.find((f) => f.path === comment.file);
      if (!review?.uri) return;
      const anchor = findHunkLine(review.file, comment.side, comment.line);
      const t: Tracked = { thread: this.controller.createCommentThread(review.uri, new vscode.Range(0, 0, 0, 0), []), path: review.path, line: 1, anchor, reviewerIndex: i };
      const line = this.placeOf(t);
      if (line === null) {
        t.thread.dispose();
        return;
      }
      this.moveTo(t, line);
      const thread = t.thread;
      thread.comments = [new ReviewNote(comment.text, { name: comment.author || 'reviewer' }, 'reviewer', thread)];
      thread.label = `Review by ${comment.author || 'a reviewer'}`;
      thread.canReply = true;
      thread.contextValue = 'review';
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      this.tracked.push(t);
    });
    this.restore(readKeptComments(this.store.storage?.get(storageKey(this.key))));
    this.diffSides.refresh();
  }

  /** Shows the thread's reviewer comments, one comment thread per line and author (reviewer-threads.ts). */
  private showReviewerThreads(threads: readonly ReviewerThread[]): void {
    const chosen = this.store.session?.thread;
    const current = chosen ? chosen.grouped.series[chosen.chosen]!.version : 0;
    threads.forEach((spec, i) => {
      const uri = spec.review.uri;
      if (!uri) return;
      const t: Tracked = { thread: this.controller.createCommentThread(uri, new vscode.Range(0, 0, 0, 0), []), path: spec.path, line: 1, anchor: spec.anchor, reviewerIndex: i };
      const line = spec.anchor ? this.placeOf(t) : spec.line ?? spec.review.placements.find((p) => p.startLine !== null)?.startLine ?? 1;
      if (line === null) {
        t.thread.dispose();
        return;
      }
      this.moveTo(t, line);
      const thread = t.thread;
      thread.comments = spec.notes.map((n) => reviewerNote(n, spec, thread));
      thread.label = threadLabel(spec, current);
      thread.canReply = true;
      thread.contextValue = 'review';
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      this.tracked.push(t);
    });
  }

  /** Puts kept comments back: replies into their reviewer's thread, the others into threads at their patch line (or last line). */
  private restore(kept: readonly KeptComment[]): void {
    const session = this.store.session;
    for (const k of kept) {
      const review = session?.files.find((f) => f.path === k.path);
      let t = k.reviewerIndex === null ? undefined : this.tracked.find((x) => x.reviewerIndex === k.reviewerIndex);
      t ??= this.tracked.find((x) => x.reviewerIndex === null && x.path === k.path && x.line === k.line && x.anchor?.hunkIndex === k.anchor?.hunkIndex && x.anchor?.lineIndex === k.anchor?.lineIndex);
      if (!t) {
        if (!review?.uri) {
          this.orphans.push(k);
          continue;
        }
        t = { thread: this.controller.createCommentThread(review.uri, new vscode.Range(k.line - 1, 0, k.line - 1, 0), []), path: k.path, line: k.line, anchor: k.anchor, reviewerIndex: null };
        t.thread.canReply = true;
        t.thread.contextValue = 'review';
        t.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
        this.moveTo(t, this.placeOf(t) ?? k.line);
        this.tracked.push(t);
      }
      const note = new ReviewNote(k.text, { name: 'You' }, 'user', t.thread);
      note.sent = k.sent;
      t.thread.comments = [...t.thread.comments, note];
    }
  }

  /** Writes the user's comments on the shown patch to storage. */
  private save(): void {
    if (!this.key || !this.store.storage) return;
    const kept: KeptComment[] = [...this.orphans];
    for (const t of this.tracked) {
      for (const c of t.thread.comments) {
        if (!(c instanceof ReviewNote) || c.contextValue !== 'user') continue;
        kept.push({ path: t.path, line: t.line, anchor: t.anchor, reviewerIndex: t.reviewerIndex, text: noteText(c), sent: c.sent });
      }
    }
    void this.store.storage.update(storageKey(this.key), kept.length > 0 ? kept : undefined);
  }

  dispose(): void {
    this.diffSides.dispose();
    for (const t of this.tracked) t.thread.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.controller.dispose();
  }
}

/** `Bob Reviewer · v1 · line changed in v2 (addressed?)`: who, on which version, and whether the line moved on. */
export function threadLabel(spec: ReviewerThread, current: number): string {
  const approximate = spec.notes.some((n) => n.certainty === 'approximate') ? ' · ≈ approximate' : '';
  const change = spec.change === 'changed' ? ` · line changed in v${current} (addressed?)` : spec.change === 'unchanged' ? ` · unchanged in v${current}` : '';
  return `${authorName(spec.author)} · v${spec.version}${change}${approximate}`;
}

/** A reviewer's comment: approximate ones say so and why; a proposal is shown as a diff and can be previewed. */
function reviewerNote(n: ReviewerNote, spec: ReviewerThread, thread: vscode.CommentThread): ReviewNote {
  const body = new vscode.MarkdownString();
  if (n.certainty === 'approximate') body.appendMarkdown('*≈ approximate line: ').appendText(n.reason ?? 'the line is inferred').appendMarkdown('*\n\n');
  body.appendText(n.text);
  if (n.proposal !== undefined) body.appendMarkdown('\n\n**Suggested change** (Preview Suggested Change shows it applied):\n').appendCodeblock(n.proposal, 'diff');
  const note = new ReviewNote(body, { name: authorName(n.author) }, n.proposal === undefined ? 'reviewer' : 'reviewer-proposal', thread);
  if (n.certainty === 'approximate') note.label = '≈ approximate';
  if (n.proposal !== undefined) note.proposal = { diff: n.proposal, path: spec.path, author: n.author, madeOn: spec.older ? { version: spec.version, file: spec.older } : null };
  return note;
}

/** A copy of a note for another thread (the diff view's). */
function copyNote(from: ReviewNote, parent: vscode.CommentThread): ReviewNote {
  const note = new ReviewNote(from.body, from.author, from.contextValue, parent);
  note.label = from.label;
  note.proposal = from.proposal;
  note.sent = from.sent;
  return note;
}
