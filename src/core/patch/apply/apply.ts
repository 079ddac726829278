/**
 * Applies one file's patch to a given pre-image like patch(1): each hunk at its place, else
 * at an offset, else with fuzz; context compared ignoring white space when asked (for
 * white-space damaged patches). All or nothing: when a hunk fails, no post-image is produced.
 * The git blob ids of the pre- and post-image are checked against the `index` line.
 */
import { blobMatches, gitBlobId } from './git-blob';
import { revisionMatches } from '../diff/rcs-revision';
import { findHunk, type HunkPlacement } from './hunk-search';
import type { FilePatch, Hunk } from '../model';
import { reverseFilePatch } from './reverse-patch';
import { splitLines, joinLines, type TextLines } from '../diff/text-lines';

export interface ApplyOptions {
  /** Undo the patch instead (`patch -R`): the pre-image is the patch's new side. */
  reverse?: boolean;
  /** Context lines a hunk may ignore at each end (patch(1) `-F`); default 2. */
  maxFuzz?: number;
  /** Compare context ignoring all white space (patch(1) `-l`, for damaged patches). */
  ignoreWhitespace?: boolean;
  /** Turns text into the file's bytes for blob ids; default UTF-8. */
  encode?: (text: string) => Uint8Array;
  /**
   * Compute and check the git blob ids (SHA-1 of each image); default true. Callers that only
   * want the post-image (the simulator's in-memory apply) pass false: the `*Blob*` fields are null.
   */
  blobIds?: boolean;
}

export type HunkStatus = 'exact' | 'offset' | 'fuzz' | 'failed';

export interface HunkOutcome {
  /** 0-based index of the hunk in the file patch. */
  hunk: number;
  status: HunkStatus;
  /** Lines between where the header says the hunk starts and where it applied (0 when failed). */
  offset: number;
  /** Context lines ignored at either end (0 when failed). */
  fuzz: number;
  /** 1-based pre-image line where the hunk's old side starts, or null when it failed. */
  line: number | null;
}

export interface ApplyResult {
  /** True when every hunk applied and the file-level checks passed. */
  ok: boolean;
  outcomes: HunkOutcome[];
  /** The patched text; null when not ok (nothing half-applied) or when the patch deletes the file. */
  postImage: string | null;
  /** True when the (possibly reversed) patch removes the file. */
  deletesFile: boolean;
  /** Whether the patch's old side (pre-image, or post-image when reversed) has the `index` line's old id. */
  oldBlobMatches: boolean | null;
  /** Whether the patch's new side (post-image, or pre-image when reversed) has the `index` line's new id. */
  newBlobMatches: boolean | null;
  /**
   * Whether the file given is at the CVS revision a `cvs diff` was made against (its RCS id,
   * see rcs-revision.ts); null when the patch names no revision or the file has no RCS id.
   */
  revisionMatches: boolean | null;
  /** Full git blob id of the pre-image given, null when there is none. */
  preImageBlob: string | null;
  /** Full git blob id of the post-image, null when none was produced. */
  postImageBlob: string | null;
  /** Why the file as a whole could not be patched (missing file, binary patch, ...); null when none. */
  problem: string | null;
}

const utf8 = new TextEncoder();
const removeWhitespace = (text: string): string => text.replace(/\s+/g, '');
const identity = (text: string): string => text;

interface Placed {
  hunk: Hunk;
  at: HunkPlacement;
}

/** Applies `file` (one file of a parsed diff) to `preImage` (null: the file does not exist). */
export function applyFilePatch(file: FilePatch, preImage: string | null, options: ApplyOptions = {}): ApplyResult {
  const patch = options.reverse ? reverseFilePatch(file) : file;
  const encode = options.encode ?? ((text: string) => utf8.encode(text));
  const blobIds = options.blobIds ?? true;
  const preBytes = preImage === null || !blobIds ? null : encode(preImage);
  const problem = fileProblem(patch, preImage);
  const image = splitLines(preImage ?? '');
  const { outcomes, placed } = placeHunks(patch, image, options, problem === null);
  const ok = problem === null && outcomes.every((o) => o.status !== 'failed');
  const deletesFile = patch.status === 'deleted';
  let postImage: string | null = null;
  let postBytes: Uint8Array | null = null;
  let leftOver = false;
  if (ok) {
    const text = patch.hunks.length === 0 ? preImage ?? '' : buildPostImage(image, placed);
    leftOver = deletesFile && text !== '';
    if (!deletesFile) {
      postImage = text;
      if (blobIds) postBytes = encode(text);
    }
  }
  const preMatches = blobIds ? blobMatches(patch.oldBlob, preBytes) : null;
  const postMatches = blobIds && ok && !leftOver ? blobMatches(patch.newBlob, postBytes) : null;
  return {
    ok: ok && !leftOver,
    outcomes,
    postImage: leftOver ? null : postImage,
    deletesFile,
    oldBlobMatches: options.reverse ? postMatches : preMatches,
    newBlobMatches: options.reverse ? preMatches : postMatches,
    revisionMatches: revisionMatches(file.oldRevision, preImage),
    preImageBlob: preBytes === null ? null : gitBlobId(preBytes),
    postImageBlob: postBytes === null || leftOver ? null : gitBlobId(postBytes),
    problem: problem ?? (leftOver ? 'The file is not empty after removing the lines the patch deletes; it is kept.' : null),
  };
}

/** A reason the whole file cannot be patched, before looking at hunks. */
function fileProblem(patch: FilePatch, preImage: string | null): string | null {
  if (patch.binary) return 'Binary patch: its data is not read, so it cannot be applied.';
  if (patch.status === 'added' && preImage !== null && preImage !== '') return 'The patch creates this file, but it already exists.';
  if (patch.status !== 'added' && preImage === null) return 'The file to patch does not exist.';
  return null;
}

/** Places every hunk in order; later hunks start searching where the previous one ended. */
function placeHunks(patch: FilePatch, image: TextLines, options: ApplyOptions, canApply: boolean): { outcomes: HunkOutcome[]; placed: Placed[] } {
  const normalize = options.ignoreWhitespace ? removeWhitespace : identity;
  const compared = options.ignoreWhitespace ? image.lines.map(removeWhitespace) : image.lines;
  const outcomes: HunkOutcome[] = [];
  const placed: Placed[] = [];
  let minStart = 0;
  let drift = 0;
  patch.hunks.forEach((hunk, index) => {
    const stated = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    const at = canApply
      ? findHunk(hunk, { image: compared, minStart, expected: stated + drift, maxFuzz: options.maxFuzz ?? 2, normalize })
      : null;
    if (!at) {
      outcomes.push({ hunk: index, status: 'failed', offset: 0, fuzz: 0, line: null });
      return;
    }
    const begin = at.start - at.lead;
    const offset = begin - stated;
    drift = offset;
    minStart = at.start + oldSideLength(hunk) - at.lead - at.trail;
    const status: HunkStatus = at.fuzz > 0 ? 'fuzz' : offset !== 0 ? 'offset' : 'exact';
    outcomes.push({ hunk: index, status, offset, fuzz: at.fuzz, line: begin + 1 });
    placed.push({ hunk, at });
  });
  return { outcomes, placed };
}

function oldSideLength(hunk: Hunk): number {
  let n = 0;
  for (const line of hunk.lines) if (line.kind !== 'add') n++;
  return n;
}

/**
 * Copies the pre-image, replacing each placed hunk's old side by its new side. Context lines
 * keep the file's own text and line break; added lines get the file's usual break; a line
 * marked `\ No newline at end of file` gets none.
 */
function buildPostImage(image: TextLines, placed: readonly Placed[]): string {
  const lines: string[] = [];
  const breaks: string[] = [];
  let pos = 0;
  for (const { hunk, at } of placed) {
    for (; pos < at.start; pos++) {
      lines.push(image.lines[pos]!);
      breaks.push(image.breaks[pos]!);
    }
    const body = hunk.lines.slice(at.lead, hunk.lines.length - at.trail);
    for (const line of body) {
      if (line.kind === 'add') {
        lines.push(line.text);
        breaks.push(line.noNewlineAtEnd ? '' : image.usual);
        continue;
      }
      if (line.kind === 'context') {
        lines.push(image.lines[pos]!);
        breaks.push(line.noNewlineAtEnd ? '' : image.breaks[pos]!);
      }
      pos++;
    }
  }
  for (; pos < image.lines.length; pos++) {
    lines.push(image.lines[pos]!);
    breaks.push(image.breaks[pos]!);
  }
  // Only the last line may lack a break (an old last line that now has lines after it).
  for (let i = 0; i < lines.length - 1; i++) if (breaks[i] === '') breaks[i] = image.usual;
  return joinLines(lines, breaks);
}

/** Per hunk of the patch applied, the 1-based line of the pre-image where it applied; null where it did not. */
export function hunkStarts(result: ApplyResult, hunkCount: number): (number | null)[] {
  return Array.from({ length: hunkCount }, (_, i) => result.outcomes.find((o) => o.hunk === i)?.line ?? null);
}
