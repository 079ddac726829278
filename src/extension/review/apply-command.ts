/**
 * Applying the patch to the workspace, only when asked: a fresh dry run first, then one
 * WorkspaceEdit over every file (undoable as one step), and only if every hunk of every file
 * applies, and never to a tree that holds the patch already. The message afterwards says whether
 * the files are on disk (auto-save, created files) or only in the editors.
 */
import * as vscode from 'vscode';
import { appliedMessage, autoSaveMode } from '../../core/patch/apply/apply-summary';
import { refreshReview } from './patch-input';
import { editorPositions, lineReplacements } from '../../core/patch/apply/line-replacements';
import { differsFromBase, wholePatchApplied, type FileReview, type ReviewSession, type ReviewStore } from './review-session';

export interface ApplyCommandOptions {
  /** Ask before applying (default true; tests pass false). */
  confirm?: boolean;
}

export type ApplyOutcome = 'applied' | 'already-applied' | 'refused' | 'cancelled' | 'failed' | 'no-patch';

export async function applyPatchCommand(store: ReviewStore, options: ApplyCommandOptions = {}): Promise<ApplyOutcome> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Reaperscope: applying a patch needs a trusted workspace.');
    return 'refused';
  }
  const session = await refreshReview(store);
  if (!session) return 'no-patch';
  if (session.patch.whitespaceDamaged) {
    void vscode.window.showErrorMessage('Reaperscope: this copy of the patch lost its white space (pasted or flattened text); applying it would break indentation. Open the original patch or mail to apply it.');
    return 'refused';
  }
  if (wholePatchApplied(session)) {
    void vscode.window.showInformationMessage(`Reaperscope: ${session.label} is already applied to this workspace (every file holds its changes); nothing to do.`);
    return 'already-applied';
  }
  const failing = session.files.filter((f) => f.patchedText === null && !f.file.binary && !(f.file.status === 'deleted' && f.failures.length === 0));
  if (failing.length > 0) {
    const hunks = failing.reduce((n, f) => n + Math.max(1, f.failures.length), 0);
    void vscode.window.showErrorMessage(`Reaperscope: not applied — ${hunks} hunk(s) in ${failing.length} file(s) do not apply (see Problems). Nothing was changed.`);
    return 'refused';
  }
  if (options.confirm !== false) {
    const mismatched = session.files.filter(differsFromBase).length;
    const detail = mismatched > 0 ? `${mismatched} file(s) are not the version the patch was made against (blob id or CVS revision differs); every hunk still applies.` : 'Every hunk applies.';
    const choice = await vscode.window.showWarningMessage(`Apply ${session.label} to ${session.files.length} file(s)?`, { modal: true, detail }, 'Apply');
    if (choice !== 'Apply') return 'cancelled';
  }
  const applied = await vscode.workspace.applyEdit(workspaceEdit(session), { isRefactoring: false });
  if (!applied) {
    void vscode.window.showErrorMessage('Reaperscope: VS Code refused the edit; nothing was changed.');
    return 'failed';
  }
  void vscode.window.showInformationMessage(`Reaperscope: ${appliedMessage(session.label, changedFiles(session), saveSetting(session))}`);
  return 'applied';
}

/** How many files the edit changes in their editors, and how many it creates, deletes or renames (written at once). */
function changedFiles(session: ReviewSession): { edited: number; onDisk: number } {
  let edited = 0;
  let onDisk = 0;
  for (const f of session.files) {
    const structural = f.file.status === 'deleted' || f.file.status === 'copied' || (f.file.status === 'added' && !f.uri)
      || (f.file.status === 'renamed' && f.file.newPath !== f.file.oldPath);
    if (structural) onDisk++;
    else if (f.patchedText !== null) edited++;
  }
  return { edited, onDisk };
}

/** `files.autoSave` for the edited files (the first one's scope; a workspace rarely differs per file). */
function saveSetting(session: ReviewSession): { mode: ReturnType<typeof autoSaveMode>; delayMs: number } {
  const config = vscode.workspace.getConfiguration('files', session.files.find((f) => f.uri)?.uri ?? null);
  return { mode: autoSaveMode(config.get('autoSave')), delayMs: config.get<number>('autoSaveDelay') ?? 1000 };
}

/**
 * One edit: in each modified file, replace only the lines the patch changes (the rest of the
 * text, and the cursors, selections and folds on it, stay as they are); create, delete and
 * rename files as the patch says.
 */
export function workspaceEdit(session: ReviewSession): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const root = treeRoot(session);
  for (const f of session.files) {
    if (f.file.status === 'deleted' && f.uri) {
      edit.deleteFile(f.uri, { ignoreIfNotExists: false });
      continue;
    }
    if (f.file.status === 'added' && !f.uri) {
      if (!root) continue;
      const uri = vscode.Uri.joinPath(root, f.path);
      edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(f.patchedText ?? '') });
      continue;
    }
    if (!f.uri) continue;
    // A copy: the patched text goes to the new file, next to the old one, which stays as it is.
    if (f.file.status === 'copied') {
      if (f.patchedText !== null && f.file.newPath) edit.createFile(besideOldFile(f.uri, f), { ignoreIfExists: false, contents: new TextEncoder().encode(f.patchedText) });
      continue;
    }
    // A file the dry run made no text for (a binary patch) keeps its text rather than being emptied.
    if (f.patchedText !== null) replaceChangedLines(edit, f.uri, f.currentText, f.patchedText, f);
    // Edits apply in order: the new text first, then the rename (next to the old file).
    if (f.file.status === 'renamed' && f.file.newPath && f.file.newPath !== f.file.oldPath) {
      edit.renameFile(f.uri, besideOldFile(f.uri, f), { overwrite: false });
    }
  }
  return edit;
}

/** Where the file's new path is, in the tree of the old file found at `oldUri` (a rename's or a copy's target). */
function besideOldFile(oldUri: vscode.Uri, f: FileReview): vscode.Uri {
  const dir = oldUri.path.slice(0, oldUri.path.length - (f.file.oldPath ?? '').length);
  return oldUri.with({ path: dir + (f.file.newPath ?? '') });
}

/** Adds to `edit` the replacements that turn `current` (the dry run's text of the file at `uri`) into `patched`, at the hunks' placements in `review`. */
function replaceChangedLines(edit: vscode.WorkspaceEdit, uri: vscode.Uri, current: string, patched: string, review: FileReview): void {
  const at = editorPositions(current);
  const position = (offset: number): vscode.Position => {
    const { line, character } = at(offset);
    return new vscode.Position(line, character);
  };
  for (const r of lineReplacements(current, patched, review.file.hunks, review.placements)) {
    edit.replace(uri, new vscode.Range(position(r.startOffset), position(r.endOffset)), r.text);
  }
}

/**
 * The folder the patch's paths are relative to: derived from a file the dry run found (the
 * kernel tree may sit below the workspace folder), else the first workspace folder.
 */
function treeRoot(session: ReviewSession): vscode.Uri | null {
  for (const f of session.files) {
    if (f.uri && f.uri.path.endsWith(`/${f.path}`)) return f.uri.with({ path: f.uri.path.slice(0, f.uri.path.length - f.path.length - 1) });
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? null;
}
