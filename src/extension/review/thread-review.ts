/**
 * A whole review thread opened in the editor: its messages, its series by version, every
 * reviewer's comments, and which version is the one under review. The chosen version's patches
 * read as one patch set (their files in patch order), so the dry run, decorations, Problems and
 * comment threads all follow that version.
 */
import * as vscode from 'vscode';
import { groupSeries, type PatchSeries, type ThreadSeries } from '../../core/patch/mail/series';
import { readThread, baseSubject, type Thread, type ThreadSource } from '../../core/patch/mail/thread';
import { threadComments, type ThreadComments } from '../../core/patch/mail/thread-comments';
import type { Patch } from '../../core/patch/model';
import type { ReplyComment } from '../../core/patch/mail/reply-mail';
import { stackFiles } from '../../core/patch/mail/stacked-files';
import { baseName, readBytes } from '../common/workspace-files';

/** The thread of a review session and the version under review. */
export interface ThreadReview {
  thread: Thread;
  grouped: ThreadSeries;
  comments: ThreadComments;
  /** Index in `grouped.series` of the version under review. */
  chosen: number;
  /** For each file of the session's patch (by index): the number n of the (first) patch it comes from. */
  fileOwner: number[];
  /**
   * For each file of the session's patch, for each hunk: the patch n it comes from, and its file
   * and hunk index in that patch (a file two patches change is one file of the session: see
   * stacked-files.ts).
   */
  hunkSources: { n: number; file: number; hunk: number }[][];
}

/** The patch numbers n whose hunks file `fileIndex` of the session holds, in order. */
export function filePatches(review: ThreadReview, fileIndex: number): number[] {
  return [...new Set((review.hunkSources[fileIndex] ?? []).map((s) => s.n))];
}

/** The series of `thread` that are versions of the same work as `series` (same base title and sender). */
export function versionsOf(grouped: ThreadSeries, series: number): number[] {
  const key = seriesKey(grouped.series[series]!);
  return grouped.series.flatMap((s, i) => (seriesKey(s) === key ? [i] : []));
}

/** What makes two series versions of one another: the base title and the sender. */
export function seriesKey(s: PatchSeries): string {
  return `${baseSubject(s.title)}\u0000${s.from.toLowerCase()}`;
}

/** A version's name for titles: `v2`, with its flags (`RFC`, `RESEND`). */
export function versionName(s: PatchSeries): string {
  return `v${s.version}${s.flags.length > 0 ? ` ${s.flags.join(' ')}` : ''}`;
}

/**
 * The patches of one version as one patch set: the cover letter's (else the first patch's) mail
 * headers and prose, every patch's files in number order (a file that several patches change
 * once, their hunks stacked on the file before the series), and their reader diagnostics.
 */
export function versionPatch(thread: Thread, series: PatchSeries): { patch: Patch; fileOwner: number[]; hunkSources: ThreadReview['hunkSources'] } {
  const members = series.patches.map((p) => ({ n: p.n, patch: thread.messages[p.message]!.patch }));
  const head = series.cover === null ? members[0]?.patch : thread.messages[series.cover]!.patch;
  const stacked = stackFiles(members.map((m) => m.patch.files));
  const hunkSources = stacked.sources.map((hunks) => hunks.map((h) => ({ n: members[h.patch]!.n, file: h.file, hunk: h.hunk })));
  const fileOwner = stacked.files.map((file, i) => hunkSources[i]![0]?.n ?? members.find((m) => m.patch.files.includes(file))?.n ?? 1);
  const patch: Patch = {
    mail: head?.mail ? { ...head.mail, subject: `${versionName(series)}: ${series.title}` } : null,
    prose: head?.prose ?? '',
    files: stacked.files,
    comments: [],
    diffstat: { claimed: null, matches: members.every((m) => m.patch.diffstat.matches !== false) ? null : false },
    whitespaceDamaged: members.some((m) => m.patch.whitespaceDamaged),
    diagnostics: members.flatMap((m) => m.patch.diagnostics),
  };
  return { patch, fileOwner, hunkSources };
}

/** A reply to one mail of the thread: the mail's own patch (its headers, its files) and the comments about it. */
export interface PatchReply {
  /** Index of the mail answered in the thread's messages. */
  message: number;
  patch: Patch;
  /** The comments, their files counted in `patch` (not in the version's patch set). */
  comments: ReplyComment[];
}

/**
 * The user's comments on the version under review, split by the patch mail they are about, as
 * a reviewer answers each patch of a series in its own reply: a comment on a line goes to the
 * patch whose hunk holds the line (its file and hunk counted in that patch), a comment outside
 * every hunk to the patch that changes the file it names, else to the cover letter (else the
 * first patch). In patch order, the cover letter first.
 */
export function repliesByPatch(review: ThreadReview, comments: readonly ReplyComment[]): PatchReply[] {
  const series = review.grouped.series[review.chosen]!;
  const messageOf = new Map(series.patches.map((p) => [p.n, p.message]));
  const owners = new Map<number, ReplyComment[]>();
  const add = (n: number, c: ReplyComment): void => {
    const list = owners.get(n);
    if (list) list.push(c);
    else owners.set(n, [c]);
  };
  const fallback = series.cover !== null ? 0 : series.patches[0]?.n ?? 0;
  for (const c of comments) {
    const source = c.at === null ? undefined : review.hunkSources[c.at.fileIndex]?.[c.at.hunkIndex];
    if (c.at !== null && source) {
      add(source.n, { ...c, at: { fileIndex: source.file, hunkIndex: source.hunk, lineIndex: c.at.lineIndex } });
      continue;
    }
    const path = c.where.replace(/:\d+$/, '');
    const owner = series.patches.find((p) => review.thread.messages[p.message]!.patch.files.some((f) => (f.newPath ?? f.oldPath) === path));
    add(owner?.n ?? fallback, { ...c, at: null });
  }
  return [...owners].sort((a, b) => a[0] - b[0]).flatMap(([n, list]) => {
    const message = n === 0 ? series.cover : messageOf.get(n);
    return message === null || message === undefined ? [] : [{ message, patch: review.thread.messages[message]!.patch, comments: list }];
  });
}

/** The newest version (highest revision, last in the input) of the first series of the thread. */
export function newestVersion(grouped: ThreadSeries): number {
  const versions = versionsOf(grouped, 0);
  return versions[versions.length - 1] ?? 0;
}

/** Reads the thread of `sources` and makes version `chosen` (default: the newest) the one under review. */
export async function readThreadReview(sources: readonly ThreadSource[], chosen?: number): Promise<{ review: ThreadReview; patch: Patch } | null> {
  const thread = await readThread(sources);
  const grouped = groupSeries(thread);
  if (grouped.series.length === 0) return null;
  return choose({ thread, grouped, comments: threadComments(thread), chosen: 0, fileOwner: [], hunkSources: [] }, chosen ?? newestVersion(grouped));
}

/** The same thread with another version under review. */
export function choose(review: ThreadReview, chosen: number): { review: ThreadReview; patch: Patch } {
  const index = Math.min(Math.max(0, chosen), review.grouped.series.length - 1);
  const { patch, fileOwner, hunkSources } = versionPatch(review.thread, review.grouped.series[index]!);
  return { review: { ...review, chosen: index, fileOwner, hunkSources }, patch };
}

/**
 * The mails of a maildir (its `cur` and `new` folders) or of any folder of saved mails
 * (`.eml`, `.mbox`, `.patch`, `.txt`, or files with no extension); in `cur`/`new` every file is a mail.
 */
export async function folderSources(folder: vscode.Uri): Promise<{ uri: vscode.Uri; source: ThreadSource }[]> {
  const sources: { uri: vscode.Uri; source: ThreadSource }[] = [];
  const visit = async (dir: vscode.Uri, depth: number): Promise<void> => {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    entries.sort(([a], [b]) => a.localeCompare(b));
    for (const [name, type] of entries) {
      const uri = vscode.Uri.joinPath(dir, name);
      if (type === vscode.FileType.Directory) {
        if (depth === 0 && (name === 'cur' || name === 'new')) await visit(uri, 1);
      } else if (depth === 1 || /\.(eml|mbox|patch|mail|txt)$/i.test(name) || !name.includes('.')) {
        sources.push({ uri, source: { name: baseName(uri), data: await readBytes(uri) } });
      }
    }
  };
  // A maildir's `cur` or `new` folder itself: every file in it is a mail.
  await visit(folder, /\/(cur|new)$/.test(folder.path) ? 1 : 0);
  return sources;
}
