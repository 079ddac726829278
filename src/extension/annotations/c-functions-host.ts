/**
 * Tree-sitter's C grammar for the extension: the wasm files built into dist/ are read through
 * `vscode.workspace.fs` (works in a browser build too) and loaded once.
 */
import * as vscode from 'vscode';
import { loadCFunctionFinder, type CFunctionFinder, type CGrammarWasm } from '../../core/patch/c/c-functions';
import { log } from '../common/log';

let finder: Promise<CFunctionFinder | null> | null = null;
let wasm: Promise<CGrammarWasm> | null = null;

/** tree-sitter's runtime and C grammar as bytes (read once), e.g. to hand to the worker. */
export function cGrammarWasm(extensionUri: vscode.Uri): Promise<CGrammarWasm> {
  wasm ??= Promise.all([
    vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'tree-sitter.wasm')),
    vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'tree-sitter-c.wasm')),
  ]).then(([runtime, grammar]) => ({ runtime, grammar }));
  // A failed read is tried again next time.
  wasm.catch(() => { wasm = null; });
  return wasm;
}

/** The finder, or null when the wasm cannot be loaded (the hunk headers are used then). */
export function cFunctionFinder(extensionUri: vscode.Uri): Promise<CFunctionFinder | null> {
  finder ??= (async () => {
    try {
      return await loadCFunctionFinder(await cGrammarWasm(extensionUri));
    } catch (error) {
      log().error(`tree-sitter did not load; C functions come from the hunk headers: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  })();
  return finder;
}
