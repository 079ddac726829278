/**
 * Finds and reads tree-sitter's two wasm files for the CLI: next to the bundle (scripts/build.mjs
 * copies them to dist/), else in node_modules (running from the sources, e.g. in tests).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { loadCFunctionFinder, loadCParser, type CFunctionFinder, type CGrammarWasm } from '../core/patch/c/c-functions';

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

let wasm: Promise<CGrammarWasm | null> | null = null;
let finder: Promise<CFunctionFinder | null> | null = null;
let parser: Promise<Parser | null> | null = null;

/** The bytes of the two wasm files, or null when they are not installed. */
function grammarWasm(): Promise<CGrammarWasm | null> {
  wasm ??= (async () => {
    const runtime = locate(RUNTIME, `web-tree-sitter/${RUNTIME}`);
    const grammar = locate(GRAMMAR, `tree-sitter-c/${GRAMMAR}`);
    if (!runtime || !grammar) return null;
    const [runtimeBytes, grammarBytes] = await Promise.all([readFile(runtime), readFile(grammar)]);
    return { runtime: new Uint8Array(runtimeBytes), grammar: new Uint8Array(grammarBytes) };
  })();
  return wasm;
}

/** The C function finder, or null when the wasm files are not installed (functions then come from `@@` headers). */
export function cFunctionFinder(): Promise<CFunctionFinder | null> {
  finder ??= grammarWasm().then((w) => (w ? loadCFunctionFinder(w) : null));
  return finder;
}

/** A tree-sitter parser set to C (for deriving models), or null when the wasm files are not installed. */
export function cParser(): Promise<Parser | null> {
  parser ??= grammarWasm().then((w) => (w ? loadCParser(w) : null));
  return parser;
}
