/** The seed patch and the test workspace (test/fixtures/workspace), read once for the tests of the review logic. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPatch } from '../../src/core/patch/read-patch';
import type { FilePatch, Patch } from '../../src/core/patch/model';
import { checkFilePatch } from '../../src/core/patch/apply/file-check';
import { placementsFromStarts, type HunkPlacement } from '../../src/core/patch/apply/hunk-placement';

export const workspace = join(__dirname, '../fixtures/workspace');

export function workspaceText(path: string): string {
  return readFileSync(join(workspace, path), 'utf8');
}

export async function seedPatch(name = 'one-reaper-per-cpu.patch'): Promise<Patch> {
  return readPatch(readFileSync(join(workspace, 'patches', name)), { fileName: name });
}

export function fileOf(patch: Patch, path: string): FilePatch {
  const file = patch.files.find((f) => f.newPath === path);
  if (!file) throw new Error(`${path} is not in the patch`);
  return file;
}

/** The dry run of one file against the workspace, as the extension does it. */
export function placementsOf(patch: Patch, path: string): { file: FilePatch; placements: HunkPlacement[]; text: string } {
  const file = fileOf(patch, path);
  const text = workspaceText(path);
  const outcome = checkFilePatch(file, { text }, { ignoreWhitespace: patch.whitespaceDamaged });
  return { file, text, placements: placementsFromStarts(file.hunks, outcome.starts) };
}

/** 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not found`);
  return i + 1;
}

/** tree-sitter's C function finder, from the installed wasm files. */
export async function cFinder(): Promise<import('../../src/core/patch/c/c-functions').CFunctionFinder> {
  const { loadCFunctionFinder } = await import('../../src/core/patch/c/c-functions');
  const root = join(__dirname, '../../node_modules');
  return loadCFunctionFinder({
    runtime: new Uint8Array(readFileSync(join(root, 'web-tree-sitter/tree-sitter.wasm'))),
    grammar: new Uint8Array(readFileSync(join(root, 'tree-sitter-c/tree-sitter-c.wasm'))),
  });
}
