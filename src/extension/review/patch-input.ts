/**
 * Opening a patch for review: from a file (explorer/editor context menus or a file picker),
 * from the active editor, from the clipboard (a web-archive page pasted as flattened text
 * works), or the bundled example. Reads with the core reader, then runs the dry run.
 */
import * as vscode from 'vscode';
import { readSeriesPatches } from '../../core/patch/mail/thread-patches';
import type { Patch } from '../../core/patch/model';
import { cFunctionFinder } from '../annotations/c-functions-host';
import { dryRun } from './dry-run';
import { SESSION_KEY, type ReviewSession, type ReviewStore, type SessionSource } from './review-session';
import { baseName, readBytes } from '../common/workspace-files';

export interface OpenOptions {
  /** For an mbox series: which patch (0-based, among those with a diff), instead of asking. */
  seriesIndex?: number;
}

/**
 * Reads `input`, runs the dry run with progress, and makes it the session. For an mbox series
 * the user picks one patch. Null when no diff was found or nothing was picked.
 */
export async function openReview(store: ReviewStore, input: Uint8Array | string, label: string, sourceUri: vscode.Uri | null, options: OpenOptions = {}): Promise<ReviewSession | null> {
  const series = await readSeriesPatches(input, { fileName: label });
  const withDiff = series.filter((p) => p.files.length > 0);
  if (withDiff.length === 0) {
    const why = series[0]?.diagnostics.find((d) => d.severity === 'error')?.message ?? 'no diff in it';
    void vscode.window.showErrorMessage(`Reaperscope: ${label} holds no patch to review (${why}).`);
    return null;
  }
  const index = withDiff.length === 1 ? 0 : options.seriesIndex ?? await pickFromSeries(withDiff);
  const patch = index === undefined ? undefined : withDiff[index];
  if (!patch || index === undefined) return null;
  const name = patch.series ? `${label} [${patch.series.index}/${patch.series.total}]` : label;
  const source: SessionSource = sourceUri
    ? { uri: sourceUri.toString(), label, seriesIndex: index }
    : { text: typeof input === 'string' ? input : new TextDecoder().decode(input), label, seriesIndex: index };
  const session = await reviewSession(store, patch, name, sourceUri, source);
  store.set(session);
  return session;
}

async function pickFromSeries(patches: readonly Patch[]): Promise<number | undefined> {
  const items = patches.map((p, index) => ({ label: p.mail?.subject ?? `patch ${index + 1}`, description: `${p.files.length} file(s)`, index }));
  return (await vscode.window.showQuickPick(items, { title: 'This mbox holds a series: which patch?' }))?.index;
}

export async function reviewSession(store: ReviewStore, patch: Patch, label: string, sourceUri: vscode.Uri | null, source: SessionSource): Promise<ReviewSession> {
  const finder = await cFunctionFinder(store.extensionUri);
  const files = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Reaperscope: checking ${label} against the workspace` },
    (_progress, token) => dryRun(patch, finder, token));
  return { patch, label, sourceUri, source, files };
}

/** Re-runs the dry run of the current session (after edits, undo, or on request). */
export async function refreshReview(store: ReviewStore): Promise<ReviewSession | null> {
  const current = store.session;
  if (!current) return null;
  const session = await reviewSession(store, current.patch, current.label, current.sourceUri, current.source);
  if (store.session === current) store.set(session);
  return session;
}

/** `reaperscope.openPatch`: the URI from a context menu, else the active patch editor, else a file picker. */
export async function openPatchCommand(store: ReviewStore, uri?: vscode.Uri, options: OpenOptions = {}): Promise<ReviewSession | null> {
  let target = uri instanceof vscode.Uri ? uri : undefined;
  if (!target) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false, title: 'Open a patch for review',
      filters: { 'Patches and mails': ['patch', 'diff', 'eml', 'mbox', 'txt'], 'All files': ['*'] },
    });
    target = picked?.[0];
  }
  if (!target) return null;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString() && d.isDirty);
  return openReview(store, doc ? doc.getText() : await readBytes(target), baseName(target), target, options);
}

export async function openFromEditorCommand(store: ReviewStore): Promise<ReviewSession | null> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Reaperscope: no active editor to read a patch from.');
    return null;
  }
  const doc = editor.document;
  const label = doc.isUntitled ? 'untitled' : baseName(doc.uri);
  return openReview(store, doc.getText(), label, doc.isUntitled ? null : doc.uri);
}

export async function openFromClipboardCommand(store: ReviewStore): Promise<ReviewSession | null> {
  const text = await vscode.env.clipboard.readText();
  if (text.trim() === '') {
    void vscode.window.showInformationMessage('Reaperscope: the clipboard is empty.');
    return null;
  }
  return openReview(store, text, 'clipboard', null);
}

export async function openExampleCommand(store: ReviewStore, extensionUri: vscode.Uri): Promise<ReviewSession | null> {
  const uri = vscode.Uri.joinPath(extensionUri, 'media', 'examples', 'one-reaper-per-cpu.patch');
  const session = await openReview(store, await readBytes(uri), 'one-reaper-per-cpu.patch', uri);
  if (session) await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
  return session;
}

/**
 * Reopens the session the window had before a reload (its patch file, or the text kept for a
 * clipboard or untitled patch), without asking; forgets it when the file is gone.
 */
export async function restoreReview(store: ReviewStore): Promise<ReviewSession | null> {
  const kept = store.storage?.get<SessionSource>(SESSION_KEY);
  if (!kept || typeof kept.label !== 'string') return null;
  try {
    const uri = typeof kept.uri === 'string' ? vscode.Uri.parse(kept.uri, true) : null;
    const input = uri ? await readBytes(uri) : kept.text;
    if (input === undefined) return null;
    return await openReview(store, input, kept.label, uri, { seriesIndex: kept.seriesIndex });
  } catch {
    await store.storage?.update(SESSION_KEY, undefined);
    return null;
  }
}
