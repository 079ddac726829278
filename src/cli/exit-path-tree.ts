/**
 * The C files a model is derived from, read from a kernel tree (`--tree DIR`): the files of the
 * exit path (kern_exit.c, kern_sched.c, init_main.c under sys/kern) and every C file the patch
 * changes; a file the tree does not have is left out (a patch may create it).
 */
import type { Patch } from '../core/patch/model';
import type { CSourceFile } from '../core/sim/derive/c-functions-index';
import { InputError } from './command';
import { readTreeText, treePath } from './tree-files';
import { cParser } from './tree-sitter-wasm';
import type { Parser } from 'web-tree-sitter';

import { EXIT_PATH_FILES } from '../core/sim/derive/exit-path-files';

export { EXIT_PATH_FILES };

export async function readExitPathTree(tree: string, patch: Pick<Patch, 'files'> | null, patchName = 'patch'): Promise<CSourceFile[]> {
  const paths = new Set<string>(EXIT_PATH_FILES);
  for (const f of patch?.files ?? []) if (f.oldPath && /\.c$/.test(f.oldPath)) paths.add(f.oldPath);
  const out: CSourceFile[] = [];
  for (const path of paths) {
    const text = await readTreeText(treePath(tree, path, patchName, 0));
    if (text) out.push({ path, text: text.text });
  }
  if (out.length === 0) throw new InputError(`${tree}: none of ${EXIT_PATH_FILES.join(', ')} is in this tree (give the directory that holds sys/)`);
  return out;
}

/** The C parser, or an input error saying the grammar is missing. */
export async function requireCParser(): Promise<Parser> {
  const p = await cParser();
  if (!p) throw new InputError('tree-sitter (web-tree-sitter and tree-sitter-c wasm files) is not installed: models cannot be derived from C');
  return p;
}
