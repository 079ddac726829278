/**
 * The readable summary `reaperscope patch FILE` prints: the mail, a per-file table, each
 * hunk with the functions it touches, review comments, and diagnostics as `FILE:LINE:`.
 */
import type { Diagnostic } from '../core/common/diagnostic';
import type { FilePatch, Patch } from '../core/patch/model';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A path as printed: quoted with escapes when it holds control characters or quotes (like git). */
function printable(path: string): string {
  return /[\u0000-\u001f"\\]/.test(path) ? JSON.stringify(path) : path;
}

/** `path` for a file, `old → new` for a rename or copy. */
export function filePathLabel(file: FilePatch): string {
  if (file.oldPath && file.newPath && file.oldPath !== file.newPath) return `${printable(file.oldPath)} → ${printable(file.newPath)}`;
  return printable(file.newPath ?? file.oldPath ?? '(unknown)');
}

function fileNote(file: FilePatch): string {
  const notes: string[] = [];
  if (file.status !== 'modified') notes.push(file.similarity === undefined ? file.status : `${file.status} ${file.similarity}%`);
  if (file.binary) notes.push('binary');
  if (file.oldMode && file.newMode && file.oldMode !== file.newMode) notes.push(`mode ${file.oldMode} → ${file.newMode}`);
  return notes.length ? `  (${notes.join(', ')})` : '';
}

/** One line per diagnostic, compiler style: `FILE:LINE: severity: message [code]`. */
export function diagnosticLines(diagnostics: readonly Diagnostic[], fileName: string): string[] {
  return diagnostics.map((d) => `${fileName}:${d.line}: ${d.severity}: ${d.message} [${d.code}]`);
}

function diffstatLine(patch: Patch): string {
  const { claimed, matches } = patch.diffstat;
  if (!claimed) return 'no diffstat in the mail';
  const stated = `${plural(claimed.totals.files, 'file')}, +${claimed.totals.added} -${claimed.totals.removed}`;
  return matches ? `the mail's diffstat (${stated}) matches` : `the mail's diffstat (${stated}) does NOT match`;
}

/** The whole summary, ending in a newline. */
export function patchSummary(patch: Patch, fileName: string): string {
  const out: string[] = [];
  if (patch.mail) {
    out.push(patch.mail.subject, `From: ${patch.mail.from}`, `Date: ${patch.mail.date}`, '');
  }
  const width = Math.max(4, ...patch.files.map((f) => filePathLabel(f).length));
  let added = 0;
  let removed = 0;
  let hunks = 0;
  for (const file of patch.files) {
    added += file.added;
    removed += file.removed;
    hunks += file.hunks.length;
    const blobs = file.oldBlob ? `  ${file.oldBlob}..${file.newBlob ?? ''}` : file.oldRevision ? `  revision ${file.oldRevision}` : '';
    out.push(`${filePathLabel(file).padEnd(width)}  +${String(file.added).padStart(4)} -${String(file.removed).padStart(4)}  ${plural(file.hunks.length, 'hunk').padEnd(8)}${blobs}${fileNote(file)}`);
  }
  out.push(`${plural(patch.files.length, 'file')}, +${added} -${removed}, ${plural(hunks, 'hunk')}; ${diffstatLine(patch)}`);
  if (patch.whitespaceDamaged) out.push('White space was lost on the way: context is matched ignoring white space.');
  for (const file of patch.files.filter((f) => f.hunks.length > 0)) {
    out.push('', filePathLabel(file));
    for (const hunk of file.hunks) {
      const range = `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
      const functions = hunk.functions.length ? hunk.functions.join(', ') : '(outside functions)';
      out.push(`  ${range.padEnd(26)} ${functions}`);
    }
  }
  if (patch.comments.length) {
    out.push('', 'Review comments:');
    for (const c of patch.comments) {
      out.push(`  ${c.file}:${c.line} (${c.side} side), ${c.author}:`, ...c.text.split('\n').map((l) => `    ${l}`));
    }
  }
  if (patch.diagnostics.length) out.push('', ...diagnosticLines(patch.diagnostics, fileName));
  return out.join('\n') + '\n';
}
