/**
 * What each line of a message body is, for the comments that quote it: a patch line (file, side,
 * line number in that side's file), a line of an earlier reviewer's comment, or text that is no
 * patch line (the commit message, a cover letter, the diffstat, a signature).
 */
import type { CommentSubject, FilePatch, Hunk } from '../model';
import { parseDiff } from '../diff/unified-diff';

/** A line of the patch under review. */
export interface PatchLineMeaning {
  kind: 'patch';
  file: string;
  side: 'old' | 'new';
  /** 1-based line in that side's file. */
  line: number;
  /** Set when the line is inferred, not known: why. */
  reason?: string;
}

/** A line of an earlier comment (its text or its proposed diff): an answer to it continues its thread. */
export interface CommentLineMeaning {
  kind: 'comment';
  /** Index of the comment in the thread's comment list. */
  comment: number;
}

/** A line that is about no patch line. */
export interface TextLineMeaning {
  kind: 'text';
  about: Exclude<CommentSubject, 'line'>;
}

export type LineMeaning = PatchLineMeaning | CommentLineMeaning | TextLineMeaning;

/** A message as the replies to it see it: its body lines and what each one is (null: unknown). */
export interface AnsweredMessage {
  lines: readonly string[];
  meanings: readonly (LineMeaning | null)[];
}

const filePath = (file: FilePatch): string => file.newPath ?? file.oldPath ?? '';

/** The line a comment right after hunk header `hunk` is about: the hunk's first line. */
export function hunkStartMeaning(path: string, hunk: Pick<Hunk, 'oldStart' | 'newStart' | 'newLines'>): PatchLineMeaning {
  if (hunk.newLines === 0) return { kind: 'patch', file: path, side: 'old', line: hunk.oldStart };
  return { kind: 'patch', file: path, side: 'new', line: hunk.newStart };
}

/**
 * The meaning of every line of a patch mail's body (or a cover letter's, when it holds no diff):
 * a removed line is on the old side at its old number, added and context lines on the new side;
 * a hunk header means the hunk's first line, a file header its first hunk's; the lines above the
 * `---` before the diff are the commit message, the rest (diffstat, signature) general.
 */
export function patchMailMeanings(body: string, cover = false): AnsweredMessage {
  const lines = body.split('\n').map((l) => l.replace(/\r$/, ''));
  const parsed = parseDiff(lines.join('\n'));
  const general: TextLineMeaning = { kind: 'text', about: 'general' };
  if (cover || parsed.files.length === 0) {
    const about: TextLineMeaning = { kind: 'text', about: cover ? 'cover-letter' : 'commit-message' };
    return { lines, meanings: lines.map(() => about) };
  }
  const meanings: (LineMeaning | null)[] = lines.map(() => general);
  const firstDiff = parsed.firstDiffLine < 0 ? lines.length : parsed.firstDiffLine;
  let proseEnd = firstDiff;
  for (let i = firstDiff - 1; i >= 0; i--) {
    if (lines[i] === '---') {
      proseEnd = i;
      break;
    }
  }
  const message: TextLineMeaning = { kind: 'text', about: 'commit-message' };
  for (let i = 0; i < proseEnd; i++) meanings[i] = message;
  for (const file of parsed.files) {
    const path = filePath(file);
    const first = file.hunks[0];
    if (first) for (let s = file.sourceLine; s < first.sourceLine; s++) meanings[s - 1] = hunkStartMeaning(path, first);
    for (const hunk of file.hunks) {
      meanings[hunk.sourceLine - 1] = hunkStartMeaning(path, hunk);
      for (const l of hunk.lines) {
        meanings[l.sourceLine - 1] = l.kind === 'remove'
          ? { kind: 'patch', file: path, side: 'old', line: l.oldLine ?? 0 }
          : { kind: 'patch', file: path, side: 'new', line: l.newLine ?? 0 };
      }
    }
  }
  return { lines, meanings };
}
