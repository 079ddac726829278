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
import { baseName, readBytes } from '../common/workspace-files';

/** The thread of a review session and the version under review. */
export interface ThreadReview {
  thread: Thread;
  grouped: ThreadSeries;
  comments: ThreadComments;
  /** Index in `grouped.series` of the version under review. */
  chosen: number;
  /** For each file of the session's patch (by index): the number n of the patch it comes from. */
  fileOwner: number[];
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
 * headers and prose, every patch's files in number order, and their reader diagnostics.
 */
export function versionPatch(thread: Thread, series: PatchSeries): { patch: Patch; fileOwner: number[] } {
  const members = series.patches.map((p) => ({ n: p.n, patch: thread.messages[p.message]!.patch }));
  const head = series.cover === null ? members[0]?.patch : thread.messages[series.cover]!.patch;
  const fileOwner = members.flatMap((m) => m.patch.files.map(() => m.n));
  const patch: Patch = {
    mail: head?.mail ? { ...head.mail, subject: `${versionName(series)}: ${series.title}` } : null,
    prose: head?.prose ?? '',
    files: members.flatMap((m) => m.patch.files),
    comments: [],
    diffstat: { claimed: null, matches: members.every((m) => m.patch.diffstat.matches !== false) ? null : false },
    whitespaceDamaged: members.some((m) => m.patch.whitespaceDamaged),
    diagnostics: members.flatMap((m) => m.patch.diagnostics),
  };
  return { patch, fileOwner };
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
  return choose({ thread, grouped, comments: threadComments(thread), chosen: 0, fileOwner: [] }, chosen ?? newestVersion(grouped));
}

/** The same thread with another version under review. */
export function choose(review: ThreadReview, chosen: number): { review: ThreadReview; patch: Patch } {
  const index = Math.min(Math.max(0, chosen), review.grouped.series.length - 1);
  const { patch, fileOwner } = versionPatch(review.thread, review.grouped.series[index]!);
  return { review: { ...review, chosen: index, fileOwner }, patch };
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
