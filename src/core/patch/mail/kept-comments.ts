/**
 * The user's own review comments on a patch, as they are kept between sessions (per patch, in
 * the workspace's storage) and read back. What is read back is checked: storage written by an
 * older version, or edited by hand, gives the comments that are whole and drops the rest.
 * Pure: no `vscode`.
 */

/** One comment the user wrote. */
export interface KeptComment {
  /** The patch path of the file the thread is on. */
  path: string;
  /** 1-based line of the workspace file where the thread was last. */
  line: number;
  /** The patch line it is about (hunk and line index in that file's patch), when it is on one. */
  anchor: { hunkIndex: number; lineIndex: number } | null;
  /** Index of the reviewer's comment (in the patch mail) whose thread this answers; null for a thread of its own. */
  reviewerIndex: number | null;
  text: string;
  /** True once it went into a reply that was saved or handed to the mail client. */
  sent: boolean;
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function readOne(v: unknown): KeptComment | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.path !== 'string' || typeof o.text !== 'string' || !isIndex(o.line) || o.line < 1) return null;
  const a = o.anchor as Record<string, unknown> | null | undefined;
  const anchor = a && typeof a === 'object' && isIndex(a.hunkIndex) && isIndex(a.lineIndex) ? { hunkIndex: a.hunkIndex, lineIndex: a.lineIndex } : null;
  return { path: o.path, line: o.line, anchor, reviewerIndex: isIndex(o.reviewerIndex) ? o.reviewerIndex : null, text: o.text, sent: o.sent === true };
}

/** The comments in a stored value (anything: it comes from storage). */
export function readKeptComments(value: unknown): KeptComment[] {
  if (!Array.isArray(value)) return [];
  return value.map(readOne).filter((c): c is KeptComment => c !== null);
}

/** How many of the comments have not gone into a sent reply. */
export function unsentCount(comments: readonly KeptComment[]): number {
  return comments.filter((c) => !c.sent).length;
}
