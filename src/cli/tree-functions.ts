/** The C function finder for a patch's files in the CLI: tree-sitter, when the patch touches C and the wasm is installed. */
import { isCFile } from '../core/patch/c/c-file';
import type { CFunctionFinder } from '../core/patch/c/c-functions';
import type { Patch } from '../core/patch/model';
import { cFunctionFinder } from './tree-sitter-wasm';

/** The C function finder when the patch touches a C file (tree-sitter is loaded only then), else null. */
export async function patchFunctionFinder(patch: Patch): Promise<CFunctionFinder | null> {
  const touchesC = patch.files.some((f) => [f.oldPath, f.newPath].some((path) => path !== null && isCFile(path)));
  return touchesC ? cFunctionFinder() : null;
}
