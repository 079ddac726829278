/**
 * What `reaperscope apply` reports per file and per hunk, as JSON and as text: each hunk's
 * outcome (exact, offset, fuzz, failed) with its offset/fuzz, the functions it touches, and
 * whether the git blob ids of the `index` line match the files.
 */
import type { ApplyResult, HunkOutcome } from '../core/patch/apply/apply';
import type { FilePatch } from '../core/patch/model';
import { hunkJson, type HunkJson } from './patch-json';
import { filePathLabel } from './patch-summary';

export interface AppliedFile {
  file: FilePatch;
  result: ApplyResult;
  /** The patch does not apply, but its reverse does: it is already in the tree (patch(1)'s "Reversed (or previously applied) patch detected"). */
  alreadyApplied: boolean;
  /** Per hunk, the C functions it touches where it applied in the tree. */
  functions: string[][];
}

export interface ApplyHunkJson extends HunkJson {
  status: HunkOutcome['status'];
  offset: number;
  fuzz: number;
  /** 1-based line of the pre-image where the hunk applied; null when it failed. */
  line: number | null;
}

export interface ApplyFileJson {
  oldPath: string | null; newPath: string | null; status: FilePatch['status'];
  ok: boolean; problem: string | null; alreadyApplied: boolean;
  oldBlob: string | null; newBlob: string | null;
  oldBlobMatches: boolean | null; newBlobMatches: boolean | null;
  /** The CVS revision of a `cvs diff` label, and whether the tree's file has it in its RCS id. */
  oldRevision: string | null; revisionMatches: boolean | null;
  hunks: ApplyHunkJson[];
}

export interface ApplyJson {
  patch: string;
  tree: string;
  reverse: boolean;
  dryRun: boolean;
  /** True when the tree was changed. */
  written: boolean;
  files: ApplyFileJson[];
}

export function applyFileJson({ file, result, alreadyApplied, functions }: AppliedFile): ApplyFileJson {
  return {
    oldPath: file.oldPath, newPath: file.newPath, status: file.status, ok: result.ok, problem: result.problem, alreadyApplied,
    oldBlob: file.oldBlob ?? null, newBlob: file.newBlob ?? null,
    oldBlobMatches: result.oldBlobMatches, newBlobMatches: result.newBlobMatches,
    oldRevision: file.oldRevision ?? null, revisionMatches: result.revisionMatches,
    hunks: file.hunks.map((hunk, i) => {
      const outcome = result.outcomes[i]!;
      return { ...hunkJson(hunk), functions: [...functions[i]!], status: outcome.status, offset: outcome.offset, fuzz: outcome.fuzz, line: outcome.line };
    }),
  };
}

function outcomeText(o: HunkOutcome): string {
  switch (o.status) {
    case 'exact': return `exact at line ${o.line}`;
    case 'offset': return `offset ${o.offset > 0 ? '+' : ''}${o.offset} at line ${o.line}`;
    case 'fuzz': return `fuzz ${o.fuzz}${o.offset ? `, offset ${o.offset > 0 ? '+' : ''}${o.offset}` : ''} at line ${o.line}`;
    case 'failed': return 'FAILED';
  }
}

function blobText(label: string, id: string | undefined, matches: boolean | null): string {
  if (id === undefined || matches === null) return `${label} not checked`;
  return `${label} ${id} ${matches ? 'matches' : 'differs'}`;
}

/** `, revision 1.99 matches` for a cvs diff (checked against the file's RCS id); '' otherwise. */
function revisionText(revision: string | undefined, matches: boolean | null): string {
  if (revision === undefined) return '';
  return `, revision ${revision} ${matches === null ? 'not checked (no RCS id in the file)' : matches ? 'matches' : 'differs'}`;
}

/** Text report: a line per file, a line per hunk, then what was written. */
export function applyText(applied: readonly AppliedFile[], outcome: string): string {
  const out: string[] = [];
  for (const { file, result, alreadyApplied, functions: touched } of applied) {
    const failed = result.outcomes.filter((o) => o.status === 'failed').length;
    const reason = result.problem ?? `${failed} of ${result.outcomes.length} hunks failed${alreadyApplied ? ' (it applies in reverse: already applied?)' : ''}`;
    const state = result.ok ? (result.deletesFile ? 'deleted' : 'applies') : `does not apply: ${reason}`;
    out.push(`${filePathLabel(file)}: ${state}; ${blobText('old blob', file.oldBlob, result.oldBlobMatches)}, ${blobText('new blob', file.newBlob, result.newBlobMatches)}${revisionText(file.oldRevision, result.revisionMatches)}`);
    file.hunks.forEach((hunk, i) => {
      const range = `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
      const functions = touched[i]!.length ? `  ${touched[i]!.join(', ')}` : '';
      out.push(`  hunk ${i + 1}  ${range.padEnd(26)} ${outcomeText(result.outcomes[i]!).padEnd(24)}${functions}`);
    });
  }
  out.push(outcome);
  return out.join('\n') + '\n';
}
