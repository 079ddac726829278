/**
 * Tree-sitter's C grammar for the extension: the wasm files built into dist/ are read through
 * `vscode.workspace.fs` (works in a browser build too) and loaded once.
 */
import * as vscode from 'vscode';
import { loadCFunctionFinder, type CFunctionFinder } from '../../core/patch/c/c-functions';
import { log } from '../common/log';

let finder: Promise<CFunctionFinder | null> | null = null;

/** The finder, or null when the wasm cannot be loaded (the hunk headers are used then). */
export function cFunctionFinder(extensionUri: vscode.Uri): Promise<CFunctionFinder | null> {
  finder ??= (async () => {
    try {
      const [runtime, grammar] = await Promise.all([
        vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'tree-sitter.wasm')),
        vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'tree-sitter-c.wasm')),
      ]);
      return await loadCFunctionFinder({ runtime, grammar });
    } catch (error) {
      log().error(`tree-sitter did not load; C functions come from the hunk headers: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  })();
  return finder;
}
