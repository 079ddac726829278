/**
 * The dry run of one file: where each hunk applies in the current text (with the core's
 * patch(1)-like search), and why the others do not. A file that holds the patch already (its
 * blob is the post-image, or every hunk applies in reverse) is "already applied" as a whole:
 * no hunk is placed forward on it. Pure: no `vscode`.
 */
import { applyFilePatch, hunkStarts } from './apply';
import { alreadyApplied, appliedReasonText, type AlreadyApplied } from './applied-state';
import type { FilePatch } from '../model';

export interface FileApplyOutcome {
  /** Per hunk, the 1-based line of the current text where its old side starts; null when it does not apply. */
  starts: (number | null)[];
  /** The patched text; null unless every hunk applies (all or nothing). */
  text: string | null;
  failures: { hunkIndex: number; message: string }[];
  /** Set when the file holds the patch's changes already: then no hunk is placed forward (starts are null). */
  applied: AlreadyApplied | null;
}

/**
 * @param current the file's text now; null when the file does not exist.
 * @param whitespaceDamaged compare context ignoring white space (flattened or re-quoted patches).
 */
export function applyToText(current: string | null, file: FilePatch, whitespaceDamaged = false): FileApplyOutcome {
  const options = { ignoreWhitespace: whitespaceDamaged };
  const result = applyFilePatch(file, current, options);
  const applied = current === null ? null : alreadyApplied(file, current, result, options);
  if (applied) {
    const message = `already applied (${appliedReasonText(applied.reason)})`;
    return { starts: file.hunks.map(() => null), text: null, failures: file.hunks.map((_, hunkIndex) => ({ hunkIndex, message })), applied };
  }
  const starts = hunkStarts(result, file.hunks.length);
  if (result.ok) return { starts, text: result.postImage ?? '', failures: [], applied: null };
  const reverse = current === null ? null : applyFilePatch(file, current, { ...options, reverse: true });
  const failures = file.hunks.flatMap((_, hunkIndex) => {
    if (starts[hunkIndex] !== null && !result.problem) return [];
    const reversed = reverse?.outcomes.find((o) => o.hunk === hunkIndex && o.status !== 'failed');
    const message = result.problem ?? (reversed ? 'already applied (its new side is in the file)' : 'its context and removed lines are not in the file');
    return [{ hunkIndex, message }];
  });
  return { starts, text: null, failures, applied: null };
}
