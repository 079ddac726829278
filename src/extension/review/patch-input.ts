/**
 * Opening a patch for review: from a file (explorer/editor context menus or a file picker),
 * from the active editor, from the clipboard (a web-archive page pasted as flattened text
 * works), or the bundled example. Reads with the core reader, then runs the dry run.
 */
import * as vscode from 'vscode';
import { looksLikeMbox, splitMbox } from '../../core/patch/mail/mbox';
import type { ThreadSource } from '../../core/patch/mail/thread';
import { readSeriesPatches } from '../../core/patch/mail/thread-patches';
import type { Patch } from '../../core/patch/model';
import { textOf } from '../../core/patch/read-patch';
import { cFunctionFinder } from '../annotations/c-functions-host';
import { dryRun } from './dry-run';
import { SESSION_KEY, type ReviewSession, type ReviewStore, type SessionSource } from './review-session';
import { baseName, readBytes } from '../common/workspace-files';
import { choose, folderSources, readThreadReview, type ThreadReview } from './thread-review';

export interface OpenOptions {
  /**
   * For an mbox: review this one patch (0-based, among those with a diff) instead of the whole
   * thread.
   */
  seriesIndex?: number;
  /** For a thread: which version (index among its series, oldest first) to review; default the newest. */
  version?: number;
}

/**
 * Reads `input`, runs the dry run with progress, and makes it the session. For an mbox series
 * the user picks one patch. Null when no diff was found or nothing was picked.
 */
export async function openReview(store: ReviewStore, input: Uint8Array | string, label: string, sourceUri: vscode.Uri | null, options: OpenOptions = {}): Promise<ReviewSession | null> {
  if (options.seriesIndex === undefined) {
    const text = textOf(input);
    if (looksLikeMbox(text) && splitMbox(text).length > 1) {
      const source: SessionSource = sourceUri ? { uri: sourceUri.toString(), label, seriesIndex: 0 } : { text, label, seriesIndex: 0 };
      const session = await openThread(store, [{ name: label, data: input }], label, sourceUri, source, options.version);
      if (session) return session;
    }
  }
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

/**
 * Reads a thread (an mbox, a maildir, several mails) and reviews one version of its series as a
 * patch set; null when the thread holds no series (the caller falls back to the one-patch reader).
 */
export async function openThread(store: ReviewStore, sources: readonly ThreadSource[], label: string, sourceUri: vscode.Uri | null, source: SessionSource, version?: number): Promise<ReviewSession | null> {
  const read = await readThreadReview(sources, version);
  if (!read) return null;
  const session = await reviewSession(store, read.patch, label, sourceUri, { ...source, version: read.review.chosen }, read.review);
  store.set(session);
  return session;
}

/** Reviews the files or folders given (a maildir, a folder of .eml files, several mails) as one thread. */
export async function openThreadFromUris(store: ReviewStore, uris: readonly vscode.Uri[], options: OpenOptions = {}): Promise<ReviewSession | null> {
  const sources: ThreadSource[] = [];
  const files: string[] = [];
  for (const uri of uris) {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      const found = await folderSources(uri);
      sources.push(...found.map((f) => f.source));
      files.push(...found.map((f) => f.uri.toString()));
    } else {
      sources.push({ name: baseName(uri), data: await readBytes(uri) });
      files.push(uri.toString());
    }
  }
  const label = uris.length === 1 ? baseName(uris[0]!) : `${uris.length} mails`;
  const session = await openThread(store, sources, label, null, { label, seriesIndex: 0, uris: files }, options.version);
  if (!session) void vscode.window.showErrorMessage(`Reaperscope: ${label} holds no patch series to review.`);
  return session;
}

/** `reaperscope.chooseVersion`: reviews another version of the open thread (asks which when not given). */
export async function chooseVersionCommand(store: ReviewStore, version?: number): Promise<ReviewSession | null> {
  const session = store.session;
  if (!session?.thread) {
    void vscode.window.showInformationMessage('Reaperscope: open a thread with several versions of a series first.');
    return null;
  }
  const thread = session.thread;
  let index = typeof version === 'number' ? version : undefined;
  if (index === undefined) {
    const items = thread.grouped.series.map((s, i) => ({
      label: `v${s.version}${s.flags.length ? ` ${s.flags.join(' ')}` : ''}: ${s.title}`,
      description: `${s.patches.length}/${s.total} patch(es)${i === thread.chosen ? ' · under review' : ''}`, i,
    }));
    index = (await vscode.window.showQuickPick(items, { title: 'Which version to review?' }))?.i;
  }
  if (index === undefined || !thread.grouped.series[index]) return null;
  const next = choose(thread, index);
  const chosen = await reviewSession(store, next.patch, session.label, session.sourceUri, { ...session.source, version: next.review.chosen }, next.review);
  store.set(chosen);
  return chosen;
}

export async function reviewSession(store: ReviewStore, patch: Patch, label: string, sourceUri: vscode.Uri | null, source: SessionSource, thread: ThreadReview | null = null): Promise<ReviewSession> {
  const finder = await cFunctionFinder(store.extensionUri);
  const files = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Reaperscope: checking ${label} against the workspace` },
    (_progress, token) => dryRun(patch, finder, token));
  return { patch, label, sourceUri, source, files, thread };
}

/** Re-runs the dry run of the current session (after edits, undo, or on request). */
export async function refreshReview(store: ReviewStore): Promise<ReviewSession | null> {
  const current = store.session;
  if (!current) return null;
  const session = await reviewSession(store, current.patch, current.label, current.sourceUri, current.source, current.thread);
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
  if ((await vscode.workspace.fs.stat(target)).type & vscode.FileType.Directory) return openThreadFromUris(store, [target], options);
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
    const version = typeof kept.version === 'number' ? { version: kept.version } : {};
    if (Array.isArray(kept.uris)) return await openThreadFromUris(store, kept.uris.map((u) => vscode.Uri.parse(String(u), true)), version);
    const uri = typeof kept.uri === 'string' ? vscode.Uri.parse(kept.uri, true) : null;
    const input = uri ? await readBytes(uri) : kept.text;
    if (input === undefined) return null;
    return await openReview(store, input, kept.label, uri, typeof kept.version === 'number' ? version : { seriesIndex: kept.seriesIndex });
  } catch {
    await store.storage?.update(SESSION_KEY, undefined);
    return null;
  }
}
