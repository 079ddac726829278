/** Function spans of C files for the CLI: tree-sitter over the text when it is C and the wasm is installed. */
import type { CFunctionSpan } from '../core/patch/c/c-functions';
import { cFunctionFinder } from './tree-sitter-wasm';

const C_FILE = /\.[ch]$/;

/** The function definitions of `text` (the file at `path`), or null when unknown (not C, no text, no grammar). */
export async function cFunctionSpans(path: string | null, text: string | null): Promise<CFunctionSpan[] | null> {
  if (path === null || text === null || !C_FILE.test(path)) return null;
  const finder = await cFunctionFinder();
  return finder ? finder.functionSpans(text) : null;
}
