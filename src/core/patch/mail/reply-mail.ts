/**
 * A review reply in the style of kernel mailing lists: the patch quoted with `> `, each of the
 * reviewer's comments right under the lines it is about, and everything after the last comment
 * of a hunk (and every hunk and file without comments) trimmed. A reply to a review reply
 * quotes that reply: its author's comments with `> `, the patch lines they quoted with `> > `.
 * Pure: no `vscode`.
 */
import type { FilePatch, Hunk, Patch, ReviewComment } from '../model';
import { findHunkLine, type PatchLineRef } from '../apply/hunk-placement';
import { formatReplyHeaders, replyHeaders } from './reply-headers';

export interface ReplyComment {
  /** The patch line the comment follows; null for a comment outside every hunk. */
  at: PatchLineRef | null;
  /** Where the comment was made, for comments outside every hunk, e.g. `sys/kern/kern_sched.c:120`. */
  where: string;
  text: string;
}

/** `line` quoted `depth` times, without trailing white space (a quoted blank line is `>`). */
const quote = (line: string, depth = 1): string => `${'> '.repeat(depth)}${line}`.trimEnd();

/** The patch line a review comment of the mail being answered follows, or null when none of the patch's lines is it. */
function anchorOf(patch: Patch, comment: ReviewComment): PatchLineRef | null {
  for (const [fileIndex, file] of patch.files.entries()) {
    if ((file.newPath ?? file.oldPath) !== comment.file) continue;
    const found = findHunkLine(file, comment.side, comment.line);
    if (found) return { fileIndex, ...found };
  }
  return null;
}

/** `items` grouped by the patch line index `lineOf` gives. */
function byLine<T>(items: readonly T[], lineOf: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(lineOf(item), [...groups.get(lineOf(item)) ?? [], item]);
  return groups;
}

const textLines = (text: string): string[] => text.trimEnd().split(/\r?\n/);

export function hunkHeaderLine(h: Hunk): string {
  const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${start},${count}`);
  return `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@${h.header ? ` ${h.header}` : ''}`;
}

export function fileHeaderLines(f: FilePatch): string[] {
  const a = f.oldPath ?? f.newPath ?? '';
  const b = f.newPath ?? f.oldPath ?? '';
  const lines = [`diff --git a/${a} b/${b}`];
  if (f.oldBlob && f.newBlob) lines.push(`index ${f.oldBlob}..${f.newBlob}${f.newMode && f.oldMode === f.newMode ? ` ${f.newMode}` : ''}`);
  lines.push(f.oldPath ? `--- a/${f.oldPath}` : '--- /dev/null', f.newPath ? `+++ b/${f.newPath}` : '+++ /dev/null');
  return lines;
}

const prefix = { context: ' ', add: '+', remove: '-' } as const;

/**
 * The full text of a reply mail (reply-all headers, attribution, quoted patch with comments).
 * @param options.from the user's own address (sender; left out of To and Cc).
 */
export function formatReplyMail(patch: Patch, comments: readonly ReplyComment[], options: { from?: string } = {}): string {
  const out: string[] = [];
  out.push(...formatReplyHeaders(replyHeaders(patch.mail, options)), '');
  if (patch.mail) out.push(`On ${patch.mail.date}, ${patch.mail.from} wrote:`);

  const loose = comments.filter((c) => c.at === null);
  const anchored = comments.filter((c): c is ReplyComment & { at: PatchLineRef } => c.at !== null);
  // Answering a review reply: its comments stay where they were, one level of quoting less than the patch.
  const patchDepth = patch.comments.length > 0 ? 2 : 1;
  const earlier = patch.comments.flatMap((c) => {
    const ref = anchorOf(patch, c);
    return ref ? [{ ...ref, text: c.text }] : [];
  });
  // The blank quoted lines around an earlier comment (a quoted blank patch line is `>` too).
  const separators = new Set<number>();
  const separator = (): void => {
    separators.add(out.length);
    out.push('>');
  };
  patch.files.forEach((file, f) => {
    const inFile = anchored.filter((c) => c.at.fileIndex === f);
    if (inFile.length === 0) return;
    out.push(...fileHeaderLines(file).map((l) => quote(l, patchDepth)));
    file.hunks.forEach((hunk, h) => {
      const inHunk = inFile.filter((c) => c.at.hunkIndex === h);
      if (inHunk.length === 0) return;
      out.push(quote(hunkHeaderLine(hunk), patchDepth));
      const last = Math.min(Math.max(...inHunk.map((c) => c.at.lineIndex)), hunk.lines.length - 1);
      const theirs = byLine(earlier.filter((e) => e.fileIndex === f && e.hunkIndex === h), (e) => e.lineIndex);
      const mine = byLine(inHunk, (c) => Math.min(c.at.lineIndex, last));
      for (let l = 0; l <= last; l++) {
        const line = hunk.lines[l]!;
        out.push(quote(prefix[line.kind] + line.text, patchDepth));
        for (const c of theirs.get(l) ?? []) {
          separator();
          out.push(...textLines(c.text).map((t) => quote(t)));
          separator();
        }
        for (const c of mine.get(l) ?? []) out.push('', ...textLines(c.text), '');
      }
    });
  });
  if (loose.length > 0) {
    if (anchored.length > 0) out.push('');
    for (const c of loose) out.push(`${c.where}:`, ...textLines(c.text), '');
  }
  // One blank (or blank quoted) line between blocks at most, and the text ends with one line break.
  const text = out.filter((_, i) => !(separators.has(i) && (separators.has(i - 1) || out[i - 1] === ''))).join('\n');
  return text.replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
