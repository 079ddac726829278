/**
 * The C functions each hunk touches, found in the workspace's own file: the pre- and post-image
 * spans (tree-sitter) moved to the patch's line numbers by each hunk's offset, then the core's
 * hunkFunctions. Pure: no `vscode`.
 */
import { hunkFunctions, type CFunctionSpan } from '../../core/patch/c-functions';
import type { FilePatch } from '../../core/patch/model';
import type { HunkPlacement } from './hunk-placement';

const shift = (spans: readonly CFunctionSpan[], by: number): CFunctionSpan[] =>
  spans.map((s) => ({ name: s.name, startLine: s.startLine - by, endLine: s.endLine - by }));

/**
 * @param oldSpans spans of the current text; @param newSpans spans of the patched text (null
 * when the patch does not apply). Hunks that do not apply keep the functions the reader found.
 */
export function placedHunkFunctions(file: FilePatch, placements: readonly HunkPlacement[], oldSpans: readonly CFunctionSpan[], newSpans: readonly CFunctionSpan[] | null): string[][] {
  return file.hunks.map((hunk, h) => {
    const p = placements[h];
    if (!p || p.startLine === null) return hunk.functions;
    const news = newSpans && p.newStartLine !== null ? shift(newSpans, p.newStartLine - hunk.newStart) : null;
    return hunkFunctions(hunk, shift(oldSpans, p.offset), news);
  });
}
