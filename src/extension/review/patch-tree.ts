/**
 * The "Patch" tree view: files → hunks (with the C function each touches) → review comments.
 * Selecting a hunk or a comment reveals it in the workspace file, where it applies now.
 *
 * For a thread (an mbox, maildir or set of mails with several messages) the files sit under
 * series → version → patch: each version lists its cover letter and patches by number (the
 * missing ones named), each patch its trailers (who gave them), the replies to it and the
 * reviewers' remarks that are about no line (commit message, cover letter, general). Only the
 * version under review shows its files and hunks; choosing another version's item reviews it.
 */
import * as vscode from 'vscode';
import type { Hunk, ReviewComment } from '../../core/patch/model';
import { hunkHeaderLine } from '../../core/patch/mail/reply-mail';
import { findHunkLine } from '../../core/patch/apply/hunk-placement';
import { expandTabs } from '../../core/common/expand-tabs';
import type { FileReview, ReviewSession, ReviewStore } from './review-session';
import { threadTreeItem, threadChildren, threadParent, type ThreadNode } from './thread-tree';
import { filePatches } from './thread-review';

/** `n`: in a thread review, the patch the node is under (a file two patches change shows under each, with its own hunks). */
export type PatchNode =
  | { kind: 'file'; review: FileReview; n?: number }
  | { kind: 'hunk'; review: FileReview; hunkIndex: number; n?: number }
  | { kind: 'comment'; review: FileReview; hunkIndex: number; comment: ReviewComment; n?: number }
  | ThreadNode;

/** The indexes of the hunks of `review` that come from patch `n` (all of them without a thread or `n`). */
function hunksOf(session: ReviewSession, review: FileReview, n: number | undefined): number[] {
  const all = review.file.hunks.map((_, h) => h);
  const sources = session.thread?.hunkSources[review.index];
  return n === undefined || !sources ? all : all.filter((h) => sources[h]?.n === n);
}

/** `n` when set, as the optional field of a node. */
const under = (n: number | undefined): { n?: number } => (n === undefined ? {} : { n });

/** The patch a file of the session comes from, in a thread review: its series index and number n. */
function ownerOf(session: ReviewSession, review: FileReview, n?: number): ThreadNode | undefined {
  const thread = session.thread;
  if (!thread) return undefined;
  return { kind: 'patch', series: thread.chosen, n: n ?? thread.fileOwner[review.index] ?? 1 };
}

export class PatchTreeProvider implements vscode.TreeDataProvider<PatchNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PatchNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ReviewStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: PatchNode): PatchNode[] {
    const session = this.store.session;
    if (!session) return [];
    if (session.thread && (!node || !('review' in node))) {
      const children: PatchNode[] = threadChildren(session.thread, node);
      if (node?.kind === 'patch' && node.series === session.thread.chosen) {
        const thread = session.thread;
        children.unshift(...session.files.filter((f) => filePatches(thread, f.index).includes(node.n)).map((review): PatchNode => ({ kind: 'file', review, n: node.n })));
      }
      return children;
    }
    if (!node) return session.files.map((review) => ({ kind: 'file', review }));
    if (node.kind === 'file') return hunksOf(session, node.review, node.n).map((hunkIndex) => ({ kind: 'hunk', review: node.review, hunkIndex, ...under(node.n) }));
    if (node.kind === 'hunk') {
      return session.patch.comments
        .filter((c) => c.file === node.review.path && findHunkLine(node.review.file, c.side, c.line)?.hunkIndex === node.hunkIndex)
        .map((comment) => ({ kind: 'comment', review: node.review, hunkIndex: node.hunkIndex, comment, ...under(node.n) }));
    }
    return [];
  }

  getTreeItem(node: PatchNode): vscode.TreeItem {
    switch (node.kind) {
      case 'file': {
        const session = this.store.session;
        return fileItem(node.review, session ? hunksOf(session, node.review, node.n) : undefined);
      }
      case 'hunk': return hunkItem(node.review, node.hunkIndex, this.getChildren(node).length);
      case 'comment': return commentItem(node);
      default: {
        const thread = this.store.session?.thread;
        return thread ? threadTreeItem(thread, node) : new vscode.TreeItem('');
      }
    }
  }

  getParent(node: PatchNode): PatchNode | undefined {
    const session = this.store.session;
    if (node.kind === 'file') return session ? ownerOf(session, node.review, node.n) : undefined;
    if (node.kind === 'hunk') return { kind: 'file', review: node.review, ...under(node.n) };
    if (node.kind === 'comment') return { kind: 'hunk', review: node.review, hunkIndex: node.hunkIndex, ...under(node.n) };
    return session?.thread ? threadParent(session.thread, node) : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** @param shown the hunks shown under it (a patch's own, when several patches change the file); all when absent. */
function fileItem(review: FileReview, shown?: readonly number[]): vscode.TreeItem {
  const item = new vscode.TreeItem(review.path, vscode.TreeItemCollapsibleState.Expanded);
  const f = review.file;
  const status = review.uri === null ? 'not in workspace' : review.applied ? 'already applied'
    : review.failures.length > 0 ? `${review.failures.length} hunk(s) do not apply` : 'applies';
  const some = shown && shown.length < f.hunks.length ? shown.map((h) => f.hunks[h]!) : null;
  const count = (kind: 'add' | 'remove'): number => some!.reduce((n, h) => n + h.lines.filter((l) => l.kind === kind).length, 0);
  item.description = some ? `+${count('add')} −${count('remove')} of +${f.added} −${f.removed} · ${status}` : `+${f.added} −${f.removed} · ${status}`;
  item.contextValue = 'file';
  if (review.uri) item.resourceUri = review.uri;
  item.iconPath = review.failures.length > 0 && !review.applied ? new vscode.ThemeIcon('warning') : vscode.ThemeIcon.File;
  item.tooltip = `${review.path}: ${f.hunks.length} hunks, +${f.added} −${f.removed}` +
    (review.blobMatches === false ? `\nThe index line's blob ${f.oldBlob} does not match the workspace file.` : '') +
    (review.revisionMatches === false ? `\nThe patch was made against CVS revision ${f.oldRevision}; the workspace file's RCS id says another.` : '');
  item.command = { command: 'reaperscope.showDiff', title: 'Show Patched vs Unpatched', arguments: [review.path] };
  return item;
}

function hunkItem(review: FileReview, hunkIndex: number, comments: number): vscode.TreeItem {
  const hunk: Hunk = review.file.hunks[hunkIndex]!;
  const functions = review.functions[hunkIndex] ?? hunk.functions;
  // No function: declarations at file scope (the @@ header, if any, is in the tooltip).
  const fn = functions.length > 0 ? functions.join(', ') : '(file scope)';
  const item = new vscode.TreeItem(fn, comments > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  const placement = review.placements[hunkIndex];
  const added = hunk.lines.filter((l) => l.kind === 'add').length;
  const removed = hunk.lines.filter((l) => l.kind === 'remove').length;
  const appliedAt = review.applied?.newStarts[hunkIndex];
  const where = review.applied ? `already applied${appliedAt == null ? '' : ` at line ${appliedAt}`}`
    : placement?.startLine == null ? 'does not apply'
    : `line ${placement.startLine}${placement.offset !== 0 ? ` (offset ${placement.offset > 0 ? '+' : ''}${placement.offset})` : ''}`;
  item.description = `+${added} −${removed} · ${where}`;
  item.tooltip = new vscode.MarkdownString().appendCodeblock(
    [hunkHeaderLine(hunk), ...hunk.lines.map((l) => ({ context: ' ', add: '+', remove: '-' })[l.kind] + expandTabs(l.text))].join('\n'), 'diff');
  item.contextValue = 'hunk';
  item.iconPath = new vscode.ThemeIcon(review.applied ? 'check' : placement?.startLine == null ? 'error' : 'symbol-function');
  item.command = { command: 'reaperscope.revealHunk', title: 'Reveal Hunk', arguments: [review.path, hunkIndex] };
  return item;
}

/** Shows the Patch view (without taking focus from the editor) at the first file of the session. */
export async function revealPatchView(view: vscode.TreeView<PatchNode>, store: ReviewStore): Promise<void> {
  const first = store.session?.files[0];
  if (!first) return;
  await view.reveal({ kind: 'file', review: first }, { select: false, focus: false, expand: true });
}

function commentItem(node: Extract<PatchNode, { kind: 'comment' }>): vscode.TreeItem {
  const firstLine = node.comment.text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const item = new vscode.TreeItem(node.comment.author || 'reviewer', vscode.TreeItemCollapsibleState.None);
  item.description = firstLine;
  item.tooltip = node.comment.text;
  item.contextValue = 'comment';
  item.iconPath = new vscode.ThemeIcon('comment');
  const ref = findHunkLine(node.review.file, node.comment.side, node.comment.line);
  item.command = { command: 'reaperscope.revealHunk', title: 'Reveal Comment', arguments: [node.review.path, node.hunkIndex, ref?.lineIndex ?? 0] };
  return item;
}
