/**
 * Whether a file already holds a patch's changes: its bytes are the `index` line's new blob
 * (the post-image), or every hunk applies in reverse. Such a file is reported as "already
 * applied", and no forward match (a fuzzy one would apply the change twice) is offered on it.
 * Pure: no `vscode`.
 */
import { applyFilePatch, hunkStarts, type ApplyOptions, type ApplyResult } from './apply';
import type { FilePatch } from '../model';

/** How a file was found to be patched already. */
export type AppliedReason = 'post-image blob' | 'applies in reverse';

export interface AlreadyApplied {
  reason: AppliedReason;
  /** Per hunk, the 1-based line of the current text where its new side starts (null when reverse did not place it). */
  newStarts: (number | null)[];
}

/** One sentence on why a file counts as patched, for messages and the Problems view. */
export function appliedReasonText(reason: AppliedReason): string {
  return reason === 'post-image blob' ? 'its git blob is the index line\'s new id' : 'every hunk applies in reverse';
}

/**
 * @param forward the forward application of `file` to `current` (already computed by the caller).
 * @param current the file's text now.
 * @returns how the file is patched already, or null when it is not (or cannot be told).
 */
export function alreadyApplied(file: FilePatch, current: string, forward: ApplyResult, options: ApplyOptions = {}): AlreadyApplied | null {
  // The pre-image's blob: the patch's base, not patched.
  if (forward.oldBlobMatches === true || file.hunks.length === 0) return null;
  const reverse = applyFilePatch(file, current, { ...options, reverse: true });
  const newStarts = hunkStarts(reverse, file.hunks.length);
  const changesSomething = file.newBlob !== undefined && file.newBlob !== file.oldBlob;
  if (changesSomething && reverse.newBlobMatches === true) return { reason: 'post-image blob', newStarts };
  if (!reverse.ok) return null;
  // Both ways apply: only an exact forward match (no fuzz) keeps the file unpatched.
  const cleanForward = forward.ok && forward.outcomes.every((o) => o.fuzz === 0);
  return cleanForward ? null : { reason: 'applies in reverse', newStarts };
}
