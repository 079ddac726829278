/**
 * The C functions a hunk touches, from the patched source itself: tree-sitter's C grammar
 * (web-tree-sitter, the wasm build, so it runs in Node and in browsers) finds every
 * `function_definition` and its line span. Kernel macros leave ERROR nodes, but definitions
 * and their spans stay right; in BSD style the span starts at the return-type line above the
 * name. The caller passes the wasm bytes in (core reads no files). Without the source, the
 * hunk's own text is used (hunk-text-functions.ts).
 */
import { Language, Parser, type Node } from 'web-tree-sitter';
import { functionsFromHunkText } from '../diff/hunk-text-functions';
import type { Hunk } from '../model';
import { declaredName } from './c-declarators';

/** One function definition of a C file. */
export interface CFunctionSpan {
  name: string;
  /** 1-based line of the definition's first line (the return type in BSD style). */
  startLine: number;
  /** 1-based line of the closing brace. */
  endLine: number;
}

/** The two wasm modules tree-sitter needs: its runtime and the C grammar. */
export interface CGrammarWasm {
  /** Bytes of web-tree-sitter's `tree-sitter.wasm`. */
  runtime: Uint8Array;
  /** Bytes of tree-sitter-c's `tree-sitter-c.wasm`. */
  grammar: Uint8Array;
}

/** Finds function definitions in C source text. */
export interface CFunctionFinder {
  functionSpans(source: string): CFunctionSpan[];
}

let runtimeReady: Promise<void> | null = null;

/** Loads tree-sitter (once per runtime) and returns a parser set to the C grammar. */
export async function loadCParser(wasm: CGrammarWasm): Promise<Parser> {
  runtimeReady ??= Parser.init({ wasmBinary: wasm.runtime });
  await runtimeReady;
  const language = await Language.load(wasm.grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Loads tree-sitter and the C grammar (once per runtime) and returns a finder. */
export async function loadCFunctionFinder(wasm: CGrammarWasm): Promise<CFunctionFinder> {
  const parser = await loadCParser(wasm);
  return {
    functionSpans(source: string): CFunctionSpan[] {
      const tree = parser.parse(source);
      if (!tree) return [];
      try {
        return tree.rootNode.descendantsOfType('function_definition').flatMap((node) => {
          const name = node ? definitionName(node) : null;
          return node && name ? [{ name, startLine: node.startPosition.row + 1, endLine: node.endPosition.row + 1 }] : [];
        });
      } finally {
        tree.delete();
      }
    },
  };
}

/**
 * The name a function definition declares ({@link declaredName}); when its declarator chain
 * ends without one (tree-sitter's recovery around kernel macros), the first identifier in it.
 */
function definitionName(definition: Node): string | null {
  const declarator = definition.childForFieldName('declarator');
  return declaredName(declarator) ?? declarator?.descendantsOfType('identifier')[0]?.text ?? null;
}

/** The innermost span containing `line`, or null. */
function spanAt(spans: readonly CFunctionSpan[], line: number): CFunctionSpan | null {
  let found: CFunctionSpan | null = null;
  for (const span of spans) {
    if (span.startLine <= line && line <= span.endLine && (!found || span.startLine >= found.startLine)) found = span;
  }
  return found;
}

/** A span strictly containing the gap between old lines `before` and `before + 1`. */
function spanAround(spans: readonly CFunctionSpan[], before: number): CFunctionSpan | null {
  const span = spanAt(spans, before);
  return span && span.endLine >= before + 1 ? span : null;
}

/**
 * The functions a hunk's changed lines lie in: removed lines by the pre-image spans, added
 * lines by the post-image spans when given, else by where they are inserted in the pre-image.
 * Without any spans, falls back to the hunk's header and text.
 */
export function hunkFunctions(hunk: Hunk, oldSpans: readonly CFunctionSpan[] | null, newSpans: readonly CFunctionSpan[] | null = null): string[] {
  if (!oldSpans && !newSpans) return functionsFromHunkText(hunk.header, hunk.lines);
  const found: string[] = [];
  const add = (span: CFunctionSpan | null): void => {
    if (span && !found.includes(span.name)) found.push(span.name);
  };
  let lastOld = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
  for (const line of hunk.lines) {
    if (line.kind !== 'add') lastOld = line.oldLine ?? lastOld;
    if (line.kind === 'remove' && oldSpans) add(spanAt(oldSpans, line.oldLine ?? 0));
    if (line.kind !== 'add') continue;
    if (newSpans) add(spanAt(newSpans, line.newLine ?? 0));
    else if (oldSpans) add(spanAround(oldSpans, lastOld));
  }
  return found;
}

const shiftSpans = (spans: readonly CFunctionSpan[], by: number): CFunctionSpan[] =>
  spans.map((s) => ({ name: s.name, startLine: s.startLine - by, endLine: s.endLine - by }));

/**
 * The functions each hunk touches where it applies in a real file, which is rarely at the
 * header's line numbers: `starts` gives per hunk the 1-based line of the pre-image where its
 * old side landed (null: it did not apply, and it keeps the functions the reader found). The
 * pre- and post-image spans (post: null when there is no post-image) are moved to the patch's
 * own numbering by each hunk's offset, the post-image's by the earlier applied hunks' growth
 * too, then {@link hunkFunctions}.
 */
export function placedHunkFunctions(hunks: readonly Hunk[], starts: readonly (number | null)[], oldSpans: readonly CFunctionSpan[] | null, newSpans: readonly CFunctionSpan[] | null): string[][] {
  let growth = 0;
  return hunks.map((hunk, h) => {
    const start = starts[h] ?? null;
    if (start === null) return hunk.functions;
    // apply gives a hunk without old lines (`@@ -2,0 ...`) the line after oldStart as its start.
    const oldBase = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart;
    const olds = oldSpans ? shiftSpans(oldSpans, start - oldBase) : null;
    const news = newSpans ? shiftSpans(newSpans, start + growth - hunk.newStart) : null;
    growth += hunk.newLines - hunk.oldLines;
    return hunkFunctions(hunk, olds, news);
  });
}
