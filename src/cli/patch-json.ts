/**
 * The `reaperscope patch --json` document: files with their hunks and functions,
 * totals, the diffstat check, review comments, mail headers, white-space damage, diagnostics.
 * Paths carry no `a/` `b/` prefix; comment lines are 1-based in the side's file.
 */
import type { Diagnostic } from '../core/common/diagnostic';
import type { Diffstat, FilePatch, Hunk, Patch } from '../core/patch/model';

export interface HunkJson {
  oldStart: number; oldLines: number; newStart: number; newLines: number; header: string; functions: string[];
}

export interface FileJson {
  oldPath: string | null; newPath: string | null; added: number; removed: number;
  oldBlob: string | null; newBlob: string | null; hunks: HunkJson[];
}

export interface PatchJson {
  files: FileJson[];
  totals: { files: number; added: number; removed: number; hunks: number };
  diffstat: { claimed: { files: { path: string; changes: number | null }[]; totals: Diffstat['totals'] } | null; matches: boolean | null };
  comments: { author: string; file: string; side: 'old' | 'new'; line: number; text: string }[];
  mail: { from: string; date: string; subject: string } | null;
  whitespaceDamaged: boolean;
  diagnostics: { line: number; severity: Diagnostic['severity']; code: string; message: string }[];
}

export function hunkJson(hunk: Hunk): HunkJson {
  const { oldStart, oldLines, newStart, newLines, header, functions } = hunk;
  return { oldStart, oldLines, newStart, newLines, header, functions: [...functions] };
}

export function fileJson(file: FilePatch): FileJson {
  return {
    oldPath: file.oldPath, newPath: file.newPath, added: file.added, removed: file.removed,
    oldBlob: file.oldBlob ?? null, newBlob: file.newBlob ?? null, hunks: file.hunks.map(hunkJson),
  };
}

export function diagnosticJson(d: Diagnostic): PatchJson['diagnostics'][number] {
  return { line: d.line, severity: d.severity, code: d.code, message: d.message };
}

/** The JSON document for a read patch. */
export function patchJson(patch: Patch): PatchJson {
  const claimed = patch.diffstat.claimed;
  return {
    files: patch.files.map(fileJson),
    totals: {
      files: patch.files.length,
      added: patch.files.reduce((n, f) => n + f.added, 0),
      removed: patch.files.reduce((n, f) => n + f.removed, 0),
      hunks: patch.files.reduce((n, f) => n + f.hunks.length, 0),
    },
    diffstat: {
      claimed: claimed ? { files: claimed.files.map((f) => ({ path: f.path, changes: f.changes })), totals: { ...claimed.totals } } : null,
      matches: patch.diffstat.matches,
    },
    comments: patch.comments.map((c) => ({ author: c.author, file: c.file, side: c.side, line: c.line, text: c.text })),
    mail: patch.mail ? { from: patch.mail.from, date: patch.mail.date, subject: patch.mail.subject } : null,
    whitespaceDamaged: patch.whitespaceDamaged,
    diagnostics: patch.diagnostics.map(diagnosticJson),
  };
}
