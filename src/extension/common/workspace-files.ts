/**
 * Finding a patch's files in the workspace and reading them, through `vscode.workspace.fs` and
 * open documents only (works in a browser build too). Never writes.
 */
import * as vscode from 'vscode';

const decoder = new TextDecoder('utf-8');

/**
 * The workspace file a patch path (e.g. `sys/kern/kern_sched.c`) names: `<folder>/<path>` in a
 * workspace folder first, else the shortest match of `**∕<path>` (a kernel tree one level down).
 */
export async function findWorkspaceFile(path: string): Promise<vscode.Uri | null> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const candidate = vscode.Uri.joinPath(folder.uri, path);
    if (await exists(candidate)) return candidate;
  }
  const found = await vscode.workspace.findFiles(`**/${path}`, '**/{node_modules,.git}/**', 20);
  found.sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
  return found[0] ?? null;
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The text the user sees: the open document's (possibly unsaved) text, else the file's bytes. */
export async function readCurrent(uri: vscode.Uri): Promise<{ text: string; bytes: Uint8Array; fromDocument: boolean }> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc && doc.isDirty) {
    const text = doc.getText();
    return { text, bytes: new TextEncoder().encode(text), fromDocument: true };
  }
  const bytes = await vscode.workspace.fs.readFile(uri);
  return { text: decoder.decode(bytes), bytes, fromDocument: false };
}

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}

/** The last path segment of a URI. */
export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
