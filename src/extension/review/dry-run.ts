/**
 * The dry run: for each file of a patch, find it in the workspace, read it as it is now, check
 * the `index` blob id, and work out where every hunk applies (with offsets) and what the file
 * would become. Reads only; nothing is written.
 */
import type * as vscode from 'vscode';
import { blobMatches } from '../../core/patch/apply/git-blob';
import { revisionMatches } from '../../core/patch/diff/rcs-revision';
import { placedHunkFunctions, type CFunctionFinder } from '../../core/patch/c/c-functions';
import type { Patch } from '../../core/patch/model';
import { applyToText } from '../../core/patch/apply/file-dry-run';
import { isCSource } from '../annotations/c-functions-host';
import { placementsFromStarts } from '../../core/patch/apply/hunk-placement';
import { patchPathOf, type FileReview } from './review-session';
import { findWorkspaceFile, readCurrent } from '../common/workspace-files';

/** @param finder tree-sitter's C function finder; null: functions come from the patch text. */
export async function dryRun(patch: Patch, finder: CFunctionFinder | null, token?: vscode.CancellationToken): Promise<FileReview[]> {
  const reviews: FileReview[] = [];
  for (const [index, file] of patch.files.entries()) {
    if (token?.isCancellationRequested) break;
    const path = patchPathOf(file);
    const lookup = file.status === 'added' ? null : (file.oldPath ?? path);
    const uri = lookup === null ? await findWorkspaceFile(path) : await findWorkspaceFile(lookup);
    if (!uri && file.status !== 'added') {
      reviews.push({
        index, file, path, uri: null, currentText: '', patchedText: null, blobMatches: null, revisionMatches: null, spans: [], functions: file.hunks.map((h) => h.functions), applied: null,
        placements: placementsFromStarts(file.hunks, file.hunks.map(() => null)),
        failures: file.hunks.map((_, hunkIndex) => ({ hunkIndex, message: `${path} is not in the workspace` })),
      });
      continue;
    }
    // A file the patch creates should not exist; when it does, apply says so.
    const current = uri ? await readCurrent(uri) : null;
    const outcome = applyToText(current?.text ?? null, file, patch.whitespaceDamaged);
    const placements = placementsFromStarts(file.hunks, outcome.starts);
    const c = finder && isCSource(path) ? finder : null;
    const spans = c && current ? c.functionSpans(current.text) : [];
    const patchedSpans = c && outcome.text !== null ? c.functionSpans(outcome.text) : null;
    reviews.push({
      index, file, path, uri,
      currentText: current?.text ?? '',
      placements,
      spans,
      functions: c ? placedHunkFunctions(file.hunks, outcome.starts, spans, patchedSpans) : file.hunks.map((h) => h.functions),
      failures: outcome.failures,
      patchedText: outcome.failures.length === 0 ? outcome.text : null,
      blobMatches: file.status === 'added' ? null : blobMatches(file.oldBlob, current?.bytes ?? null),
      revisionMatches: file.status === 'added' ? null : revisionMatches(file.oldRevision, current?.text ?? null),
      applied: outcome.applied,
    });
  }
  return reviews;
}
