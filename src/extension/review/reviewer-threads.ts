/**
 * The reviewers' comments of a thread, grouped the way they are shown as comment threads: one
 * thread per patch line and author, a reply to a comment (a reply to a reply in the mail)
 * continuing the thread of the comment it answers. Comments on the version under review sit on
 * its lines; comments on an older version of the series are shown too, marked whether the line
 * they were about is still in the version under review as it was ("unchanged") or not
 * ("changed": addressed?). Comments about no line are not here: the tree shows them.
 */
import { applyFilePatch, hunkStarts } from '../../core/patch/apply/apply';
import { currentLineOf, findHunkLine } from '../../core/patch/apply/hunk-placement';
import type { CommentCertainty, FilePatch, PatchLine } from '../../core/patch/model';
import type { FileReview, ReviewSession } from './review-session';
import { versionsOf, type ThreadReview } from './thread-review';

/** One comment of a reviewer thread. */
export interface ReviewerNote {
  /** Index in the thread's comments. */
  comment: number;
  /** `Name <address>`. */
  author: string;
  date: string;
  text: string;
  certainty: CommentCertainty;
  reason?: string;
  /** The diff the reviewer proposes in this comment. */
  proposal?: string;
}

export interface ReviewerThread {
  /** Author (`Name <address>`) of the thread's first comment. */
  author: string;
  /** Patch path of the file. */
  path: string;
  /** Revision of the series the comments were made on. */
  version: number;
  /** Null on the version under review; for an older version, whether the line is still as it was. */
  change: 'changed' | 'unchanged' | null;
  /** The file of the session the thread is on. */
  review: FileReview;
  /** The hunk line of the version under review the thread is about; null when that line changed. */
  anchor: { hunkIndex: number; lineIndex: number } | null;
  /** Without an anchor: the 1-based line of the current file where the older version's line applies, or null. */
  line: number | null;
  /** For an older version: its diff of the file (a proposal made on it applies to the file as it leaves it). */
  older: FilePatch | null;
  notes: ReviewerNote[];
}

/** The name of `Name <address>`, else the address. */
export function authorName(from: string): string {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(from);
  if (!m) return from.trim() || 'a reviewer';
  return m[1]!.trim() || m[2]!.trim();
}

const normal = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The hunk line of `file` with the same kind and text as `line`, the one nearest to its old place; null when none. */
function sameLine(file: FilePatch, line: PatchLine): { hunkIndex: number; lineIndex: number } | null {
  const key = normal(line.text);
  let best: { hunkIndex: number; lineIndex: number } | null = null;
  let bestDistance = Infinity;
  for (const [hunkIndex, hunk] of file.hunks.entries()) {
    for (const [lineIndex, l] of hunk.lines.entries()) {
      if (l.kind !== line.kind || normal(l.text) !== key) continue;
      const distance = Math.abs((l.newLine ?? l.oldLine ?? 0) - (line.newLine ?? line.oldLine ?? 0));
      if (distance < bestDistance) {
        best = { hunkIndex, lineIndex };
        bestDistance = distance;
      }
    }
  }
  return best;
}

/** Where a line of an older version's file patch applies in the current text, or null. */
function olderPlace(file: FilePatch, hunkIndex: number, lineIndex: number, currentText: string): number | null {
  const start = hunkStarts(applyFilePatch(file, currentText), file.hunks.length)[hunkIndex];
  const hunk = file.hunks[hunkIndex];
  return start == null || !hunk ? null : currentLineOf(hunk, start, lineIndex);
}

/** The series index each patch mail of the thread belongs to. */
function seriesOfPatch(review: ThreadReview): Map<number, number> {
  const map = new Map<number, number>();
  review.grouped.series.forEach((s, i) => {
    for (const p of s.patches) map.set(p.message, i);
  });
  return map;
}

/** The reviewer threads of a thread review (see the file comment); empty for a one-patch session. */
export function reviewerThreads(session: ReviewSession): ReviewerThread[] {
  const review = session.thread;
  if (!review) return [];
  const { comments, patch: aboutPatch } = review.comments;
  const chosen = review.grouped.series[review.chosen]!;
  const shown = new Set(versionsOf(review.grouped, review.chosen).filter((i) => review.grouped.series[i]!.version <= chosen.version));
  const seriesOf = seriesOfPatch(review);
  const byKey = new Map<string, ReviewerThread>();
  const threads: ReviewerThread[] = [];
  comments.forEach((c, k) => {
    if (c.about !== 'line' || c.file === null || c.side === null || c.line === null) return;
    let root = k;
    for (let up = c.replyTo; up !== undefined && comments[up]?.about === 'line'; up = comments[up]!.replyTo) root = up;
    const r = comments[root]!;
    const patchMessage = aboutPatch[root];
    const s = patchMessage == null ? undefined : seriesOf.get(patchMessage);
    if (patchMessage == null || s === undefined || !shown.has(s) || r.file === null || r.side === null || r.line === null) return;
    const key = `${patchMessage}\u0000${r.file}\u0000${r.side}\u0000${r.line}\u0000${r.author}`;
    let thread = byKey.get(key);
    if (!thread) {
      const placed = place(session, review, s, patchMessage, r.file, r.side, r.line);
      if (!placed) return;
      thread = { author: r.author, path: r.file, version: review.grouped.series[s]!.version, notes: [], ...placed };
      byKey.set(key, thread);
      threads.push(thread);
    }
    const note: ReviewerNote = { comment: k, author: c.author, date: c.date, text: c.text, certainty: c.certainty };
    if (c.reason !== undefined) note.reason = c.reason;
    if (c.proposal !== undefined) note.proposal = c.proposal;
    thread.notes.push(note);
  });
  return threads;
}

/** Where a thread about `file` (side, line of the patch in `patchMessage`, of series `s`) goes in the session. */
function place(session: ReviewSession, review: ThreadReview, s: number, patchMessage: number, path: string, side: 'old' | 'new', line: number):
  Pick<ReviewerThread, 'review' | 'anchor' | 'line' | 'change' | 'older'> | null {
  if (s === review.chosen) {
    // The line in the patch mail's own file, then where that hunk is in the session (a file
    // several patches change is one file of the session, its hunks from each patch).
    const n = review.grouped.series[s]!.patches.find((p) => p.message === patchMessage)?.n;
    const own = review.thread.messages[patchMessage]!.patch.files;
    const fileIndex = own.findIndex((f) => (f.newPath ?? f.oldPath) === path);
    const at = fileIndex < 0 ? null : findHunkLine(own[fileIndex]!, side, line);
    if (!at) return null;
    for (const file of session.files) {
      const hunkIndex = (review.hunkSources[file.index] ?? []).findIndex((h) => h.n === n && h.file === fileIndex && h.hunk === at.hunkIndex);
      if (hunkIndex >= 0) return { review: file, anchor: { hunkIndex, lineIndex: at.lineIndex }, line: null, change: null, older: null };
    }
    return null;
  }
  const older = review.thread.messages[patchMessage]!.patch.files.find((f) => (f.newPath ?? f.oldPath) === path);
  const at = older ? findHunkLine(older, side, line) : null;
  const patchLine = at && older?.hunks[at.hunkIndex]?.lines[at.lineIndex];
  if (!older || !at || !patchLine) return null;
  for (const file of session.files.filter((f) => f.path === path)) {
    const anchor = sameLine(file.file, patchLine);
    if (anchor) return { review: file, anchor, line: null, change: 'unchanged', older };
  }
  const file = session.files.find((f) => f.path === path && f.uri !== null);
  if (!file) return null;
  return { review: file, anchor: null, line: olderPlace(older, at.hunkIndex, at.lineIndex, file.currentText), change: 'changed', older };
}
