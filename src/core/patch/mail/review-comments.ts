/**
 * Anchoring reviewer comments to the patch line they follow. A comment belongs to the last
 * quoted patch line above it: a removed line anchors it on the old side at its old line number,
 * an added or context line on the new side at its new line number. A comment right after a
 * hunk header anchors on the hunk's first line; one after a file header, on the file's first hunk.
 * Comments above the diff (on the prose) or below its end are not line comments and are dropped.
 */
import type { FilePatch, Hunk, ReviewComment } from '../model';

/** A comment with the input line of the quoted line right above it. */
export interface PendingComment {
  author: string;
  text: string;
  /** 1-based input line where the comment starts. */
  sourceLine: number;
  /** 1-based input line of the last quoted line above the comment, or null when there is none. */
  anchorSourceLine: number | null;
}

interface Anchor {
  file: string;
  side: 'old' | 'new';
  line: number;
}

function filePath(file: FilePatch): string {
  return file.newPath ?? file.oldPath ?? '';
}

/** The anchor for a comment right after hunk header `hunk`: its first line. */
function hunkStartAnchor(file: FilePatch, hunk: Hunk): Anchor {
  if (hunk.newLines === 0) return { file: filePath(file), side: 'old', line: hunk.oldStart };
  return { file: filePath(file), side: 'new', line: hunk.newStart };
}

/** Every input line of the diff that can carry a comment, with where the comment lands. */
function anchorsByLine(files: readonly FilePatch[]): Map<number, Anchor> {
  const anchors = new Map<number, Anchor>();
  for (const file of files) {
    const path = filePath(file);
    const first = file.hunks[0];
    if (first) {
      for (let line = file.sourceLine; line < first.sourceLine; line++) anchors.set(line, hunkStartAnchor(file, first));
    }
    for (const hunk of file.hunks) {
      anchors.set(hunk.sourceLine, hunkStartAnchor(file, hunk));
      for (const l of hunk.lines) {
        if (l.kind === 'remove') anchors.set(l.sourceLine, { file: path, side: 'old', line: l.oldLine ?? 0 });
        else anchors.set(l.sourceLine, { file: path, side: 'new', line: l.newLine ?? 0 });
      }
    }
  }
  return anchors;
}

/** Anchors each pending comment; comments with no patch line above them are left out. */
export function anchorComments(pending: readonly PendingComment[], files: readonly FilePatch[]): ReviewComment[] {
  if (pending.length === 0) return [];
  const anchors = anchorsByLine(files);
  const comments: ReviewComment[] = [];
  for (const c of pending) {
    const anchor = c.anchorSourceLine === null ? undefined : anchors.get(c.anchorSourceLine);
    if (!anchor) continue;
    comments.push({ author: c.author, text: c.text, ...anchor, sourceLine: c.sourceLine });
  }
  return comments;
}
