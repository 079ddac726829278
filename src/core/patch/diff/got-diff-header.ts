/**
 * The header lines got(1) (Game of Trees, the version control system OpenBSD developers use on
 * their git-format repositories) writes before a file's `---`/`+++` lines in `got diff`:
 *
 *	blob - <id of the old blob>
 *	blob + <id of the new blob>     (or `file + <path>` for a work-tree file, which has no id)
 *	--- <path>
 *	+++ <path>
 *
 * The ids are git blob ids (got's repositories are git repositories), so they check a
 * pre-image like the ids of git's `index` line.
 */

/** A blob id read from a `blob -` or `blob +` line. */
export interface GotBlobLine {
  side: 'old' | 'new';
  /** Lower-case hex. */
  id: string;
}

/** `blob - <id>`, with ` (mode 644)` after it when the file's mode changes (got's lib/diff.c). */
const BLOB_LINE = /^blob ([-+]) ([0-9a-fA-F]{7,64})(?: \(mode [0-7]+\))?\s*$/;

/** Reads the line `text.slice(start, end)` as a `blob -`/`blob +` line, or returns null when it is not one. */
export function readGotBlobLine(text: string, start: number, end: number): GotBlobLine | null {
  if (!text.startsWith('blob ', start)) return null;
  const match = BLOB_LINE.exec(text.slice(start, end));
  return match ? { side: match[1] === '-' ? 'old' : 'new', id: match[2]!.toLowerCase() } : null;
}
