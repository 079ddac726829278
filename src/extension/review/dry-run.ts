/**
 * The dry run: for each file of a patch, find it in the workspace, read it as it is now, check
 * the `index` blob id, and work out where every hunk applies (with offsets) and what the file
 * would become. Reads only; nothing is written.
 */
import type * as vscode from 'vscode';
import type { CFunctionFinder } from '../../core/patch/c/c-functions';
import type { Patch } from '../../core/patch/model';
import { checkFilePatch } from '../../core/patch/apply/file-check';
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
    const check = checkFilePatch(file, current, { ignoreWhitespace: patch.whitespaceDamaged, functionFinder: finder });
    reviews.push({
      index, file, path, uri,
      currentText: current?.text ?? '',
      placements: placementsFromStarts(file.hunks, check.starts),
      spans: check.spans,
      functions: check.functions,
      failures: check.failures,
      // A deleted file's patched text is empty (the diff view shows it so).
      patchedText: check.result.ok && check.result.deletesFile ? '' : check.patchedText,
      blobMatches: check.baseBlobMatches,
      revisionMatches: check.baseRevisionMatches,
      applied: check.applied,
    });
  }
  return reviews;
}
