/**
 * Whether a file already holds a patch's changes: its bytes are the `index` line's new blob
 * (the post-image), or every hunk applies in reverse. Such a file is reported as "already
 * applied", and no forward match (a fuzzy one would apply the change twice) is offered on it.
 * Pure: no `vscode`.
 */
import { hunkStarts, type ApplyResult } from './apply';
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
 * @param forward the forward application of `file` to the current text (already computed by the caller).
 * @param reverse gives the application of `file` in reverse to the same text; called at most once,
 *   and not at all when the forward blob check settles it. A caller that needs the reverse result
 *   too (file-check.ts, for per-hunk reasons) passes a memo so the text is patched once.
 * @returns how the file is patched already, or null when it is not (or cannot be told).
 */
export function alreadyApplied(file: FilePatch, forward: ApplyResult, reverse: () => ApplyResult): AlreadyApplied | null {
  // The pre-image's blob: the patch's base, not patched.
  if (forward.oldBlobMatches === true || file.hunks.length === 0) return null;
  const reversed = reverse();
  const newStarts = hunkStarts(reversed, file.hunks.length);
  const changesSomething = file.newBlob !== undefined && file.newBlob !== file.oldBlob;
  if (changesSomething && reversed.newBlobMatches === true) return { reason: 'post-image blob', newStarts };
  if (!reversed.ok) return null;
  // Both ways apply: only an exact forward match (no fuzz) keeps the file unpatched.
  const cleanForward = forward.ok && forward.outcomes.every((o) => o.fuzz === 0);
  return cleanForward ? null : { reason: 'applies in reverse', newStarts };
}
