/** Shared helpers of the integration suites: the extension's API and the test workspace files. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ReaperscopeApi } from '../../../src/extension/extension';

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
