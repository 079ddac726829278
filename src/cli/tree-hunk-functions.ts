/**
 * `patch --tree DIR`: the C functions each hunk touches where it applies in a source tree, found
 * by the dry-run pipeline `apply` uses (core/patch/apply/file-check.ts), and the patch as printed
 * with them. The read patch is never changed: the printed one is a copy.
 */
import { checkFilePatch } from '../core/patch/apply/file-check';
import { plainHunk } from '../core/patch/diff/parsed-hunk';
import type { FilePatch, Patch } from '../core/patch/model';
import { readTreeText, treePath } from './tree-files';
import { patchFunctionFinder } from './tree-functions';

/** Per file patch (by identity), each hunk's functions in the tree; files without a pre-image in the tree are left out. */
export type TreeFunctions = ReadonlyMap<FilePatch, readonly string[][]>;

/**
 * Checks each file of `patch` against its pre-image in `tree` (named `name` in messages; a path
 * leaving the tree is bad input) and keeps the functions the check found: in the file as it is,
 * at the lines where each hunk applies (a tree is rarely the patch's base, so the header's line
 * numbers are off by the hunk's offset); a hunk that does not apply keeps the reader's.
 */
export async function treeHunkFunctions(patch: Patch, tree: string, name: string): Promise<TreeFunctions> {
  const functions = new Map<FilePatch, string[][]>();
  const functionFinder = await patchFunctionFinder(patch);
  if (!functionFinder) return functions;
  for (const file of patch.files) {
    if (file.hunks.length === 0 || file.oldPath === null) continue;
    const source = await readTreeText(treePath(tree, file.oldPath, name, file.sourceLine));
    if (!source) continue;
    const check = checkFilePatch(file, source, { ignoreWhitespace: patch.whitespaceDamaged, encode: source.encode, functionFinder });
    functions.set(file, check.functions);
  }
  return functions;
}

/** A copy of `patch` whose hunks carry the functions of `functions` where it has the file; `patch` itself is left as it is. */
export function withTreeFunctions(patch: Patch, functions: TreeFunctions): Patch {
  if (functions.size === 0) return patch;
  return {
    ...patch,
    files: patch.files.map((file) => {
      const found = functions.get(file);
      return found ? { ...file, hunks: file.hunks.map((hunk, h) => ({ ...plainHunk(hunk), functions: [...found[h]!] })) } : file;
    }),
  };
}
