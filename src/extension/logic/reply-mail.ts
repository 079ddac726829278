/**
 * A review reply in the style of kernel mailing lists: the patch quoted with `> `, each of the
 * reviewer's comments right under the lines it is about, and everything after the last comment
 * of a hunk (and every hunk and file without comments) trimmed. Pure: no `vscode`.
 */
import type { FilePatch, Hunk, Patch } from '../../core/patch/model';
import type { PatchLineRef } from './hunk-placement';

export interface ReplyComment {
  /** The patch line the comment follows; null for a comment outside every hunk. */
  at: PatchLineRef | null;
  /** Where the comment was made, for comments outside every hunk, e.g. `sys/kern/kern_sched.c:120`. */
  where: string;
  text: string;
}

const quote = (line: string): string => `> ${line}`.trimEnd();

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

/** The full text of a reply mail (headers, attribution, quoted patch with comments). */
export function formatReplyMail(patch: Patch, comments: readonly ReplyComment[]): string {
  const out: string[] = [];
  const subject = patch.mail?.subject ?? 'your patch';
  out.push(`Subject: ${/^re:/i.test(subject) ? subject : `Re: ${subject}`}`);
  if (patch.mail?.from) out.push(`To: ${patch.mail.from}`);
  if (patch.mail?.messageId) out.push(`In-Reply-To: ${patch.mail.messageId}`, `References: ${patch.mail.messageId}`);
  out.push('');
  if (patch.mail) out.push(`On ${patch.mail.date}, ${patch.mail.from} wrote:`);

  const loose = comments.filter((c) => c.at === null);
  const anchored = comments.filter((c): c is ReplyComment & { at: PatchLineRef } => c.at !== null);
  patch.files.forEach((file, f) => {
    const inFile = anchored.filter((c) => c.at.fileIndex === f);
    if (inFile.length === 0) return;
    out.push(...fileHeaderLines(file).map(quote));
    file.hunks.forEach((hunk, h) => {
      const inHunk = inFile.filter((c) => c.at.hunkIndex === h).sort((x, y) => x.at.lineIndex - y.at.lineIndex);
      if (inHunk.length === 0) return;
      out.push(quote(hunkHeaderLine(hunk)));
      let next = 0;
      for (const comment of inHunk) {
        for (; next <= comment.at.lineIndex && next < hunk.lines.length; next++) {
          const line = hunk.lines[next]!;
          out.push(quote(prefix[line.kind] + line.text));
        }
        out.push('', ...comment.text.trimEnd().split(/\r?\n/), '');
      }
    });
  });
  if (loose.length > 0) {
    if (anchored.length > 0) out.push('');
    for (const c of loose) out.push(`${c.where}:`, ...c.text.trimEnd().split(/\r?\n/), '');
  }
  // One blank line between blocks at most, and the text ends with one line break.
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
