/**
 * The check of one file patch against a file's current text, the first half of the dry-run /
 * apply pipeline that `reaperscope apply` and the editor's dry run and apply share: where each
 * hunk applies (with the patch(1)-like search of apply.ts), why the others do not (including
 * "already applied", found by applying the patch the other way round), whether the file is the
 * version the patch was made against (git blob id, CVS revision), and which C functions each
 * hunk touches where it landed. The second half, what to write, is file-operations.ts.
 */
import { applyFilePatch, hunkStarts, type ApplyOptions, type ApplyResult } from './apply';
import { alreadyApplied, appliedReasonText, type AlreadyApplied } from './applied-state';
import { blobMatches } from './git-blob';
import { reverseFilePatch } from './reverse-patch';
import { revisionMatches } from '../diff/rcs-revision';
import { isCFile } from '../c/c-file';
import { placedHunkFunctions, type CFunctionFinder, type CFunctionSpan } from '../c/c-functions';
import type { FilePatch } from '../model';

/** A file as it is now. */
export interface CurrentFile {
  text: string;
  /** Its bytes, for the blob id of the `index` line; default: `text` as UTF-8. */
  bytes?: Uint8Array;
}

export interface FileCheckOptions extends ApplyOptions {
  /** Finds function definitions in C text (tree-sitter); null or absent: the functions the reader found in the hunks. */
  functionFinder?: CFunctionFinder | null;
}

/** A hunk that does not apply, and why. */
export interface HunkFailure {
  /** 0-based index of the hunk in the file patch. */
  hunkIndex: number;
  message: string;
}

export interface FileCheck {
  /** The file patch applied (reversed when `options.reverse`): outcomes, post-image, blob checks of both sides. */
  result: ApplyResult;
  /** Per hunk, the 1-based line of the current text where its old side starts; null when it does not apply. */
  starts: (number | null)[];
  /** The patched text; null unless every hunk applies (all or nothing) or when the patch deletes the file. */
  patchedText: string | null;
  /** The hunks that do not apply, with the reason (the file's own problem, already applied, or not found). */
  failures: HunkFailure[];
  /** The patch does not apply, but the whole patch applies the other way round: it is in the file already (patch(1)'s "Reversed (or previously applied) patch detected"). */
  alreadyApplied: boolean;
  /**
   * Set when the file holds the patch's changes as a whole (its blob is the post-image, or every
   * hunk applies in reverse and no exact forward match exists): then no hunk is placed forward
   * (starts are null, `result.ok` is false), since a fuzzy forward match would apply it twice.
   */
  applied: AlreadyApplied | null;
  /** Whether the current bytes have the `index` line's old blob id; null for a new file or when not checkable. */
  baseBlobMatches: boolean | null;
  /** Whether the current text's RCS id is at a cvs diff's revision; null for a new file or when not checkable. */
  baseRevisionMatches: boolean | null;
  /** Function definitions of the current text; empty without a finder, a C path or a current text. */
  spans: CFunctionSpan[];
  /** Per hunk, the C functions it touches where it applies; the reader's (`hunk.functions`) where no source could be read. */
  functions: string[][];
}

const utf8 = new TextEncoder();
const ALREADY_APPLIED = 'already applied (its new side is in the file)';
const NOT_FOUND = 'its context and removed lines are not in the file';

/**
 * Checks `file` against `current` (null: the file does not exist). Reads nothing and changes
 * nothing, the parsed patch included.
 */
export function checkFilePatch(file: FilePatch, current: CurrentFile | null, options: FileCheckOptions = {}): FileCheck {
  const applyOptions: ApplyOptions = { reverse: options.reverse, maxFuzz: options.maxFuzz, ignoreWhitespace: options.ignoreWhitespace, encode: options.encode };
  const text = current?.text ?? null;
  const forward = applyFilePatch(file, text, applyOptions);
  // The patch applied the other way round, made once when first needed: by the "already
  // applied" check and, for a file that fails, by the per-hunk reasons.
  let otherWay: ApplyResult | null = null;
  const applyOtherWay = (): ApplyResult => (otherWay ??= applyFilePatch(file, text, { ...applyOptions, reverse: !applyOptions.reverse }));
  const applied = text === null || applyOptions.reverse ? null : alreadyApplied(file, forward, applyOtherWay);
  const appliedMessage = applied ? `already applied (${appliedReasonText(applied.reason)})` : null;
  const result: ApplyResult = appliedMessage ? { ...forward, ok: false, problem: appliedMessage } : forward;
  const starts = applied ? file.hunks.map(() => null) : hunkStarts(result, file.hunks.length);
  const patchedText = result.ok ? result.postImage : null;
  const other = result.ok || text === null || applied ? null : applyOtherWay();
  const failures = result.ok ? [] : file.hunks.flatMap((_, hunkIndex) => {
    if (starts[hunkIndex] !== null && !result.problem) return [];
    const reversed = other?.outcomes.find((o) => o.hunk === hunkIndex && o.status !== 'failed');
    return [{ hunkIndex, message: result.problem ?? (reversed ? ALREADY_APPLIED : NOT_FOUND) }];
  });
  const isNew = file.status === 'added';
  const { spans, functions } = hunkFunctionsInPlace(file, { text, patchedText: result.postImage, starts }, options);
  return {
    result,
    starts,
    patchedText,
    failures,
    alreadyApplied: applied !== null || (!result.ok && result.problem === null && (other?.ok ?? false)),
    applied,
    baseBlobMatches: isNew ? null : blobMatches(file.oldBlob, current ? current.bytes ?? utf8.encode(current.text) : null),
    baseRevisionMatches: isNew ? null : revisionMatches(file.oldRevision, text),
    spans,
    functions,
  };
}

/**
 * The functions each hunk touches where it applied, from the C function spans of the text
 * before and after (reversed, the applied hunks are the reversed ones: their functions are the
 * same set, old and new sides swapped).
 */
function hunkFunctionsInPlace(file: FilePatch, texts: { text: string | null; patchedText: string | null; starts: (number | null)[] }, options: FileCheckOptions): { spans: CFunctionSpan[]; functions: string[][] } {
  const finder = options.functionFinder ?? null;
  const prePath = options.reverse ? file.newPath : file.oldPath;
  const postPath = options.reverse ? file.oldPath : file.newPath;
  const spansOf = (path: string | null, text: string | null): CFunctionSpan[] | null =>
    finder && path !== null && text !== null && isCFile(path) ? finder.functionSpans(text) : null;
  const preSpans = spansOf(prePath, texts.text);
  const postSpans = spansOf(postPath, texts.patchedText);
  if (!preSpans && !postSpans) return { spans: [], functions: file.hunks.map((h) => h.functions) };
  const applied = options.reverse ? reverseFilePatch(file).hunks : file.hunks;
  return { spans: preSpans ?? [], functions: placedHunkFunctions(applied, texts.starts, preSpans, postSpans) };
}
