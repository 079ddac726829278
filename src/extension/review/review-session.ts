/**
 * The patch under review and what the dry run found about each of its files: the one piece of
 * state the tree, comments, decorations, lenses, diff view and Problems view all follow.
 */
import * as vscode from 'vscode';
import type { CFunctionSpan } from '../../core/patch/c/c-functions';
import type { FilePatch, Patch } from '../../core/patch/model';
import type { HunkPlacement } from '../../core/patch/apply/hunk-placement';
import type { AlreadyApplied } from '../../core/patch/apply/applied-state';
import type { ThreadReview } from './thread-review';

/** One file of the patch as it stands against the workspace. */
export interface FileReview {
  index: number;
  file: FilePatch;
  /** The path the patch names (new path, or old path for a deleted file). */
  path: string;
  /** The workspace file, or null when the workspace has none at that path. */
  uri: vscode.Uri | null;
  /** Per hunk: where it applies now (startLine null: it does not apply). */
  placements: HunkPlacement[];
  /** Indexes of the hunks that do not apply, each with the reason. */
  failures: { hunkIndex: number; message: string }[];
  /** The file as the patch would leave it; null when some hunk does not apply or the file is missing. */
  patchedText: string | null;
  /** The current text the placements refer to ('' when the file is missing). */
  currentText: string;
  /** Whether the `index` line's old blob id matches the current bytes; null when not checkable. */
  blobMatches: boolean | null;
  /** Whether the current text's RCS id is at a cvs diff's revision; null when not checkable. */
  revisionMatches: boolean | null;
  /** Function definitions of the current text (tree-sitter); empty for non-C files or without the grammar. */
  spans: CFunctionSpan[];
  /** Per hunk, the C functions it touches in this workspace's file (falls back to the reader's). */
  functions: string[][];
  /** Set when the file holds the patch already (post-image blob, or every hunk applies in reverse). */
  applied: AlreadyApplied | null;
}

/** Where a session's patch came from, kept in the workspace's storage so a reload reopens it. */
export interface SessionSource {
  /** The patch file; absent for text from the clipboard or an untitled editor. */
  uri?: string;
  /** The patch text, when there is no file to read it from again. */
  text?: string;
  label: string;
  /** Which patch of an mbox series (0-based among those with a diff); ignored for a thread review. */
  seriesIndex: number;
  /** For a thread review: which version (index among the thread's series) is under review. */
  version?: number;
  /** For a thread read from a folder or several files: every file, as URIs. */
  uris?: string[];
}

/** Storage key of the open session's source. */
export const SESSION_KEY = 'reaperscope.reviewSession';

export interface ReviewSession {
  patch: Patch;
  /** How to open this patch again after a reload. */
  source: SessionSource;
  /** Where the patch came from, for titles: a file name, `clipboard`, or `untitled`. */
  label: string;
  /** The patch's own document, when it came from a file. */
  sourceUri: vscode.Uri | null;
  files: FileReview[];
  /** The whole thread and the version under review, when the input held several mails; else null. */
  thread: ThreadReview | null;
}

/** The current session (one at a time) and a change event. */
export class ReviewStore implements vscode.Disposable {
  /**
   * @param extensionUri where dist/ (tree-sitter's wasm) is.
   * @param storage the workspace's storage: the open session's source is kept there.
   */
  constructor(readonly extensionUri: vscode.Uri, readonly storage: vscode.Memento | null = null) {}

  private current: ReviewSession | null = null;
  private readonly changed = new vscode.EventEmitter<ReviewSession | null>();
  readonly onDidChange = this.changed.event;

  get session(): ReviewSession | null {
    return this.current;
  }

  set(session: ReviewSession | null): void {
    this.current = session;
    void this.storage?.update(SESSION_KEY, session?.source);
    void vscode.commands.executeCommand('setContext', 'reaperscope.patchOpen', session !== null);
    this.changed.fire(session);
  }

  /** The file review for a workspace URI, if the patch touches it. */
  fileFor(uri: vscode.Uri): FileReview | null {
    const key = uri.toString();
    return this.current?.files.find((f) => f.uri?.toString() === key) ?? null;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function patchPathOf(file: FilePatch): string {
  return file.newPath ?? file.oldPath ?? '';
}

/** Whether the workspace file is another version than the patch was made against (its blob id or CVS revision says so). */
export function differsFromBase(review: FileReview): boolean {
  return review.applied === null && (review.blobMatches === false || review.revisionMatches === false);
}

/** Whether every file of the session holds the patch already. */
export function wholePatchApplied(session: ReviewSession): boolean {
  return session.files.length > 0 && session.files.every((f) => f.applied !== null);
}
