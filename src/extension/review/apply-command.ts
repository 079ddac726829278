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
import { fileOperations } from '../../core/patch/apply/file-operations';
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
 * One edit carrying out each file's planned operations (file-operations.ts): in a modified
 * file, replace only the lines the patch changes (the rest of the text, and the cursors,
 * selections and folds on it, stay as they are); create, delete and rename files as the patch
 * says. Edits apply in order: a file's new text first, then its rename.
 */
export function workspaceEdit(session: ReviewSession): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const root = treeRoot(session);
  for (const f of session.files) {
    for (const operation of fileOperations(f.file, { exists: f.uri !== null, patchedText: f.patchedText })) {
      switch (operation.op) {
        case 'delete':
          if (f.uri) edit.deleteFile(f.uri, { ignoreIfNotExists: false });
          break;
        case 'create': {
          // A new file goes where the tree is; a copy's target next to the old file, which stays as it is.
          const uri = f.uri ? besideOldFile(f.uri, f, operation.path) : root ? vscode.Uri.joinPath(root, operation.path) : null;
          if (uri) edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(operation.text) });
          break;
        }
        case 'write':
          if (f.uri) replaceChangedLines(edit, f.uri, f.currentText, operation.text, f);
          break;
        case 'rename':
          if (f.uri) edit.renameFile(f.uri, besideOldFile(f.uri, f, operation.to), { overwrite: false });
          break;
      }
    }
  }
  return edit;
}

/** Where `path` is, in the tree of the old file found at `oldUri` (a rename's or a copy's target). */
function besideOldFile(oldUri: vscode.Uri, f: FileReview, path: string): vscode.Uri {
  const dir = oldUri.path.slice(0, oldUri.path.length - (f.file.oldPath ?? '').length);
  return oldUri.with({ path: dir + path });
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
