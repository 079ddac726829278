/** Shared helpers of the integration suites: the extension's API and the test workspace files. */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ReaperscopeApi } from '../../../src/extension/extension';
import type { PatchNode } from '../../../src/extension/review/patch-tree';
import type { OpenOptions } from '../../../src/extension/review/patch-input';
import type { ReviewSession } from '../../../src/extension/review/review-session';

export const extensionId = 'reaperscope.reaperscope';

export async function api(): Promise<ReaperscopeApi> {
  const extension = vscode.extensions.getExtension<ReaperscopeApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded`);
  return extension.activate();
}

/**
 * A file of the kernel-tree fixture. scripts/run-vscode-tests.mjs opens a copy of
 * test/fixtures/workspace as the folder; a configuration that opens test/fixtures itself
 * (.vscode-test.mjs) finds it one level down.
 */
export function fixture(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  const nested = vscode.Uri.joinPath(folder.uri, 'workspace');
  return existsSync(join(nested.fsPath, 'sys')) ? vscode.Uri.joinPath(nested, path) : vscode.Uri.joinPath(folder.uri, path);
}

export async function textOf(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not found`);
  return i + 1;
}

/** Waits until `check` returns a value other than undefined/false, polling every 50 ms. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The kernel-tree files the seed patch touches. */
export const kernelFiles = ['sys/kern/init_main.c', 'sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/sys/proc.h'];

/**
 * Forgets the review comments kept for every patch, closes the patch, reverts unsaved changes
 * of the fixture files (an applied patch is never saved) and closes every editor, so the next
 * test starts from the files as committed. Reverting first matters:
 * closing a dirty editor would ask to save.
 */
export async function resetWorkbench(): Promise<void> {
  // The user's comments are kept per patch across sessions: each test starts without any.
  const { comments, review } = await api();
  await comments.forgetAll();
  review.set(null);
  const uris = new Map(kernelFiles.map((p) => [fixture(p).toString(), fixture(p)]));
  for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && doc.uri.scheme === 'file') uris.set(doc.uri.toString(), doc.uri);
  for (const uri of uris.values()) {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!doc.isDirty) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    if (doc.isDirty) throw new Error(`could not revert ${uri.toString()}`);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Turns auto save off for the test user (VS Code for the Web saves after a delay by default):
 * the suites check that an applied patch stays unsaved and reverts.
 */
export async function noAutoSave(): Promise<void> {
  await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
}

/** The seed patch as Mark Kettenis's review mail (one reviewer comment, on kern_exit.c). */
export const SEED_REVIEW = 'one-reaper-per-cpu.review.eml';

/** Opens `patches/<name>` of the workspace with reaperscope.openPatch; fails the test when nothing opens. */
export async function openPatch(name: string, options?: OpenOptions): Promise<ReviewSession> {
  const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', fixture(`patches/${name}`), ...(options ? [options] : []));
  assert.ok(session, `${name} did not open`);
  return session;
}

/** A simulation small enough for a test: two variants, 2 CPUs, one seed. */
export const smallSimulation = { variants: ['baseline', 'patched'], workload: 'poisson', cpus: 2, seeds: 1 };

/** The markdown of every hover VS Code gets at a 1-based line and 0-based column. */
export async function hoverText(uri: vscode.Uri, line: number, column: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line - 1, column));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/** The CodeLenses VS Code gets for `uri`, once one of them satisfies `ready`. */
export function lensesWhen(uri: vscode.Uri, ready: (lens: vscode.CodeLens) => boolean, what: string): Promise<vscode.CodeLens[]> {
  return until(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    return lenses.some(ready) && lenses;
  }, what);
}

/**
 * The thread fixture: patches/reaper-count.mbox holds v1 (cover + 2 patches) and v2 (cover +
 * 1/3, 2/3; 3/3 never sent) of one series, replies from Bob Reviewer and Carol Checker, and Alice
 * Author's answer to Bob (a reply to a reply). Line facts are counted by hand from the fixture
 * (test/fixtures/workspace/README.md):
 *   kern_sched.c: the 1/x hunk `@@ -65,5 +65,6 @@` applies at line 65 of the workspace file; its
 *     lines are ctx 65, ctx 66, ctx 67, `-sched_fixture_ncpu++` 68, `+atomic_inc_int` (new 68),
 *     `+flags` (new 69: `|= 1` in v1, `atomic_setbits_int` in v2), ctx `}`. A comment after an
 *     added line sits on the old line above it: 68. On the patched side the adds are 68 and 69.
 *   proc.h: the 2/x hunk `@@ -68,3 +68,4 @@` applies at 68: ctx 68, ctx 69, `+int reaper_count`
 *     (new 70) → 69 in the workspace file, 70 patched.
 */
export const THREAD_MBOX = 'patches/reaper-count.mbox';

/** Opens the thread fixture; the newest version is under review. */
export async function openThread(): Promise<ReviewSession> {
  const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', fixture(THREAD_MBOX));
  assert.ok(session?.thread, 'the mbox opened as a thread');
  return session;
}

/** Puts version `index` (0-based among the thread's series) under review. */
export async function chooseVersion(index: number): Promise<ReviewSession> {
  const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.chooseVersion', index);
  assert.ok(session?.thread);
  return session;
}

/** The Patch tree's items as `label — description`. */
export async function labels(nodes: readonly PatchNode[]): Promise<string[]> {
  const { tree } = await api();
  return nodes.map((n) => {
    const item = tree.getTreeItem(n);
    return `${String(item.label)}${item.description ? ` — ${String(item.description)}` : ''}`;
  });
}

/** The reviewer threads: label, file, 1-based line, authors of its comments. */
export async function reviewerThreads(): Promise<[string, string, number, string[]][]> {
  const { comments } = await api();
  return comments.threads().filter((t) => comments.reviewer.includes(t.thread))
    .map((t): [string, string, number, string[]] => [t.thread.label ?? '', t.path, t.line, t.thread.comments.map((c) => c.author.name)])
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]) || a[3].length - b[3].length);
}

/** A comment's text as the reader sees it (MarkdownString.appendText escapes spaces and markup). */
export const bodyText = (c: vscode.Comment): string => (typeof c.body === 'string' ? c.body : c.body.value).replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

/** Where `git apply -v` places each hunk of the seed patch in the workspace (test/fixtures/workspace/README.md). */
export const GIT_APPLY_STARTS: Record<string, number[]> = {
  'sys/kern/init_main.c': [23, 88],
  'sys/kern/kern_exit.c': [89, 102, 151],
  'sys/kern/kern_sched.c': [32, 73, 85, 118, 159, 182],
  'sys/sys/proc.h': [68],
};

/** Turns the step-by-line view (`reaperscope.review.modelSteps`) on or off for the test user. */
export async function setModelSteps(on: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('reaperscope').update('review.modelSteps', on, vscode.ConfigurationTarget.Global);
}

/** Opens the seed patch and waits for the models derived from the workspace tree. */
export async function openSeedWithModels(): Promise<void> {
  await openPatch('one-reaper-per-cpu.patch');
  const state = await (await api()).models.ready();
  assert.equal(state.kind, 'ready', state.kind === 'none' ? state.why : state.kind);
}

/** The step hints VS Code's inlay-hint machinery gets for a document, their labels as text, by 1-based line. */
export async function stepHints(uri: vscode.Uri): Promise<Map<number, vscode.InlayHint>> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(0, 0, doc.lineCount, 0);
  const list = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, range);
  const label = (h: vscode.InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
  return new Map(list.filter((h) => /baseline|patched/.test(label(h))).map((h) => [h.position.line + 1, { ...h, label: label(h) } as vscode.InlayHint]));
}

/** A hint's label, or `(no hint)`. */
export const hintText = (h: vscode.InlayHint | undefined): string => (h ? String(h.label) : '(no hint)');
