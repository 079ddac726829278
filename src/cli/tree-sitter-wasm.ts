/**
 * Finds and reads tree-sitter's two wasm files for the CLI: next to the bundle (scripts/build.mjs
 * copies them to dist/), else in node_modules (running from the sources, e.g. in tests).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCFunctionFinder, type CFunctionFinder } from '../core/patch/c/c-functions';

const RUNTIME = 'tree-sitter.wasm';
const GRAMMAR = 'tree-sitter-c.wasm';

function locate(name: string, packageFile: string): string | null {
  const beside = join(__dirname, name);
  if (existsSync(beside)) return beside;
  try {
    return require.resolve(packageFile);
  } catch {
    return null;
  }
}

let finder: Promise<CFunctionFinder | null> | null = null;

/** The C function finder, or null when the wasm files are not installed (functions then come from `@@` headers). */
export function cFunctionFinder(): Promise<CFunctionFinder | null> {
  finder ??= (async () => {
    const runtime = locate(RUNTIME, `web-tree-sitter/${RUNTIME}`);
    const grammar = locate(GRAMMAR, `tree-sitter-c/${GRAMMAR}`);
    if (!runtime || !grammar) return null;
    const [runtimeBytes, grammarBytes] = await Promise.all([readFile(runtime), readFile(grammar)]);
    return loadCFunctionFinder({ runtime: new Uint8Array(runtimeBytes), grammar: new Uint8Array(grammarBytes) });
  })();
  return finder;
}
