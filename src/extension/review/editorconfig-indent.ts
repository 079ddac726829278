/**
 * Indentation of a C file opened from a review: the tree's `.editorconfig` when it says anything
 * about indentation for the file (`indent_style`, `tab_width`, `indent_size` of the sections that
 * match it, found walking up from the file's folder to a `root = true` file or the top), over the
 * kernel's KNF default of tabs 8 columns wide. The files are read through `vscode.workspace.fs`;
 * the `editorconfig` library (the EditorConfig project's own core) matches sections and merges
 * the files as the specification says.
 */
import { Buffer } from 'node:buffer';
import * as vscode from 'vscode';
import { parseFromFilesSync, type ECFile } from 'editorconfig';

/** What an editor of the file should use: columns of a tab, spaces or tabs, columns of one indent level. */
export interface Indent {
  tabSize: number;
  insertSpaces: boolean;
  /** Columns of one indent level, or `tabSize` to follow it. */
  indentSize: number | 'tabSize';
  /** The `.editorconfig` files that set any of it, nearest first; empty for the KNF default. */
  from: string[];
}

/** KNF (style(9)): a tab per level, 8 columns wide. */
export const KNF: Indent = { tabSize: 8, insertSpaces: false, indentSize: 'tabSize', from: [] };

async function readConfig(uri: vscode.Uri): Promise<ECFile | null> {
  try {
    return { name: uri.path, contents: Buffer.from(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return null;
  }
}

/** The `.editorconfig` files from the file's folder up to the top, nearest first (stops after one saying `root = true`). */
async function configsAbove(file: vscode.Uri): Promise<ECFile[]> {
  const dirs: vscode.Uri[] = [];
  for (let dir = vscode.Uri.joinPath(file, '..'); ; dir = vscode.Uri.joinPath(dir, '..')) {
    dirs.push(dir);
    if (vscode.Uri.joinPath(dir, '..').path === dir.path) break;
  }
  // Read every level at once: on a remote workspace each read is a round trip.
  const read = await Promise.all(dirs.map((dir) => readConfig(vscode.Uri.joinPath(dir, '.editorconfig'))));
  const found: ECFile[] = [];
  for (const config of read) {
    if (!config) continue;
    found.push(config);
    if (/^\s*root\s*=\s*true\s*$/im.test(config.contents?.toString('utf8') ?? '')) break;
  }
  return found;
}

const positive = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null);

/** The indentation for `file`: KNF, with whatever its `.editorconfig` files set on top. */
export async function indentFor(file: vscode.Uri): Promise<Indent> {
  const configs = await configsAbove(file);
  if (configs.length === 0) return KNF;
  const props = parseFromFilesSync(file.path, configs) as Record<string, unknown>;
  const indent: Indent = { ...KNF, from: [] };
  if (props.indent_style === 'space') indent.insertSpaces = true;
  else if (props.indent_style === 'tab') indent.insertSpaces = false;
  const tabWidth = positive(props.tab_width);
  const indentSize = positive(props.indent_size);
  if (tabWidth !== null) indent.tabSize = tabWidth;
  if (indentSize !== null) indent.indentSize = indentSize;
  const changed = indent.tabSize !== KNF.tabSize || indent.insertSpaces !== KNF.insertSpaces || indent.indentSize !== KNF.indentSize
    || props.indent_style !== undefined || tabWidth !== null || indentSize !== null;
  return changed ? { ...indent, from: configs.map((c) => c.name) } : KNF;
}
