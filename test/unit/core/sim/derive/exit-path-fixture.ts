/** Shared by the derive tests: the C parser, the exit-path fixture tree, the seed patch and patches of our own. */
import { readFileSync } from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import { loadCParser } from '../../../../../src/core/patch/c/c-functions';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import type { Patch } from '../../../../../src/core/patch/model';
type FilesPatch = Pick<Patch, 'files'>;
import type { CSourceFile } from '../../../../../src/core/sim/derive/c-functions-index';
import { applyInMemory } from '../../../../../src/core/sim/derive/patch-models';
import { EXIT_PATH_FILES } from '../../../../../src/core/sim/derive/exit-path-files';

const fixtures = new URL('../../../../fixtures/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, fixtures), 'utf8');

let parserPromise: Promise<Parser> | null = null;
export function cParser(): Promise<Parser> {
  parserPromise ??= loadCParser({
    runtime: new Uint8Array(readFileSync(new URL('../../../../../node_modules/web-tree-sitter/tree-sitter.wasm', import.meta.url))),
    grammar: new Uint8Array(readFileSync(new URL('../../../../../node_modules/tree-sitter-c/tree-sitter-c.wasm', import.meta.url))),
  });
  return parserPromise;
}

export { EXIT_PATH_FILES };

/** test/fixtures/c/exit-path: the tree before the seed patch. */
export function treeBefore(): CSourceFile[] {
  return EXIT_PATH_FILES.map((path) => ({ path, text: read(`c/exit-path/${path}`) }));
}

export function diffFixture(name: string): FilesPatch {
  return parseDiff(name.includes('/') ? read(name) : read(`c/exit-path-patches/${name}`));
}

export const seedPatch = (): FilesPatch => parseDiff(read('workspace/patches/one-reaper-per-cpu.patch'));

/** `files` with `patch` applied; throws when it does not apply (a broken fixture). */
export function applied(files: CSourceFile[], patch: FilesPatch): CSourceFile[] {
  const r = applyInMemory(files, patch);
  if (r.notApplied.length > 0) throw new Error(`fixture patch does not apply: ${JSON.stringify(r.notApplied)}`);
  return r.files;
}

/** The tree after the seed patch. */
export const treeAfter = (): CSourceFile[] => applied(treeBefore(), seedPatch());

/** The lockless suggestion: the tree after the seed patch without the kernel lock around the reaper's sleep. */
export function treeLockless(): CSourceFile[] {
  return treeAfter().map((f) => {
    if (f.path !== 'sys/kern/kern_exit.c') return f;
    const lines = f.text.split('\n');
    const at = lines.findIndex((l) => /tsleep_nsec\(&spc->spc_deadproc/.test(l));
    if (!/^\s*KERNEL_LOCK\(\);$/.test(lines[at - 1]!) || !/^\s*KERNEL_UNLOCK\(\);$/.test(lines[at + 1]!)) throw new Error('fixture: no kernel lock around the sleep');
    lines.splice(at + 1, 1);
    lines.splice(at - 1, 1);
    return { ...f, text: lines.join('\n') };
  });
}
