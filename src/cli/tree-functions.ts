/** Function spans of C files for the CLI: tree-sitter over the text when it is C and the wasm is installed. */
import { isCFile } from '../core/patch/c/c-file';
import type { CFunctionFinder, CFunctionSpan } from '../core/patch/c/c-functions';
import type { Patch } from '../core/patch/model';
import { cFunctionFinder } from './tree-sitter-wasm';

/** The function definitions of `text` (the file at `path`), or null when unknown (not C, no text, no grammar). */
export async function cFunctionSpans(path: string | null, text: string | null): Promise<CFunctionSpan[] | null> {
  if (path === null || text === null || !isCFile(path)) return null;
  const finder = await cFunctionFinder();
  return finder ? finder.functionSpans(text) : null;
}

/** The C function finder when the patch touches a C file (tree-sitter is loaded only then), else null. */
export async function patchFunctionFinder(patch: Patch): Promise<CFunctionFinder | null> {
  const touchesC = patch.files.some((f) => [f.oldPath, f.newPath].some((path) => path !== null && isCFile(path)));
  return touchesC ? cFunctionFinder() : null;
}
