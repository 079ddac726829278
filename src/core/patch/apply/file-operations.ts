/**
 * The plan of file operations for one checked file patch, the second half of the dry-run /
 * apply pipeline (file-check.ts is the first): what the CLI writes to a tree and what the
 * editor puts in one WorkspaceEdit. Paths are the patch's own (relative to the tree); each
 * host maps them to its files and carries the operations out in order.
 */
import type { FilePatch } from '../model';
import { reversedStatus } from './reverse-patch';

export type FileOperation =
  /** A file that does not exist yet gets `text` (a new file, a copy's target). */
  | { op: 'create'; path: string; text: string; mode: number | null }
  /**
   * The file read, `from`, patched: `path` gets `text`. The same file but for a plain diff
   * between two names (`--- a.c.orig` `+++ a.c`), whose new name gets the text; an editor that
   * edits in place changes `from`.
   */
  | { op: 'write'; from: string; path: string; text: string; mode: number | null }
  | { op: 'delete'; path: string }
  /** After any write: the file moves to its new name. */
  | { op: 'rename'; from: string; to: string };

/** The file as the check found it. */
export interface CheckedFile {
  /** Whether the file the patch starts from exists now. */
  exists: boolean;
  /** The patched text; null when there is none (a hunk failed, a binary patch, a deletion). */
  patchedText: string | null;
}

/**
 * What applying `file` (reversed: undoing it) does to the tree: delete a deleted file, create a
 * new one, write a copy's target, write the patched text over a modified one and then move a
 * renamed one. A side without text (a failed or binary file) plans no write but keeps its
 * delete or rename; a host applies a plan only when the check says the whole patch applies.
 */
export function fileOperations(file: FilePatch, checked: CheckedFile, options: { reverse?: boolean } = {}): FileOperation[] {
  const reverse = options.reverse ?? false;
  const status = reverse ? reversedStatus(file.status) : file.status;
  const pre = reverse ? file.newPath : file.oldPath;
  const post = reverse ? file.oldPath : file.newPath;
  const mode = modeChange(reverse ? file.newMode : file.oldMode, reverse ? file.oldMode : file.newMode);
  const text = checked.patchedText;
  if (status === 'deleted') return pre !== null && checked.exists ? [{ op: 'delete', path: pre }] : [];
  if (status === 'added' && !checked.exists) return post !== null ? [{ op: 'create', path: post, text: text ?? '', mode }] : [];
  if (status === 'copied') return post !== null && text !== null ? [{ op: 'create', path: post, text, mode }] : [];
  const from = pre ?? post;
  if (from === null) return [];
  const moves = status === 'renamed' && post !== null && post !== from;
  const ops: FileOperation[] = [];
  if (text !== null) ops.push({ op: 'write', from, path: moves ? from : post ?? from, text, mode });
  if (moves) ops.push({ op: 'rename', from, to: post });
  return ops;
}

/** The permission bits to set when the patch changes the mode (`old mode`/`new mode`, octal); null otherwise. */
function modeChange(oldMode: string | undefined, newMode: string | undefined): number | null {
  return newMode !== undefined && newMode !== oldMode ? parseInt(newMode, 8) & 0o7777 : null;
}
