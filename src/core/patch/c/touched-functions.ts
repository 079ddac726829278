/**
 * Which functions of the current file a file patch touches, with the lines it adds and removes
 * in each: what the CodeLens above each function says. Pure: no `vscode`.
 */
import type { CFunctionSpan } from './c-functions';
import type { FilePatch } from '../model';
import { currentLineOf, type HunkPlacement } from '../apply/hunk-placement';

export interface TouchedFunction {
  name: string;
  /** The function's span in the current file; null when it is not there (e.g. a new function). */
  span: CFunctionSpan | null;
  /** 1-based line of the current file to put the lens on. */
  line: number;
  added: number;
  removed: number;
  /** Indexes of the hunks that change lines in this function. */
  hunks: number[];
}

/** The innermost span holding a 1-based line, or null. */
export function functionAt(spans: readonly CFunctionSpan[], line: number): CFunctionSpan | null {
  let found: CFunctionSpan | null = null;
  for (const s of spans) if (s.startLine <= line && line <= s.endLine && (!found || s.startLine >= found.startLine)) found = s;
  return found;
}

/**
 * Counts changed lines per function. A removed line belongs to the function whose span (in the
 * current file, from tree-sitter) holds it; an added line to the function holding the old line
 * above it. Lines outside every function count under the hunk's first function (from
 * `functions`, the per-hunk functions of the dry run) or `(file scope)`.
 */
export function touchedFunctions(file: FilePatch, placements: readonly HunkPlacement[], spans: readonly CFunctionSpan[], functions: readonly (readonly string[])[] = []): TouchedFunction[] {
  const byName = new Map<string, TouchedFunction>();
  file.hunks.forEach((hunk, h) => {
    const start = placements[h]?.startLine;
    if (start === null || start === undefined) return;
    hunk.lines.forEach((line, i) => {
      if (line.kind === 'context') return;
      const at = currentLineOf(hunk, start, i);
      const span = functionAt(spans, at);
      const name = span?.name ?? ((functions[h] ?? hunk.functions)[0] || '(file scope)');
      let entry = byName.get(name);
      if (!entry) {
        const known = span ?? spans.find((s) => s.name === name) ?? null;
        entry = { name, span: known, line: known?.startLine ?? start, added: 0, removed: 0, hunks: [] };
        byName.set(name, entry);
      }
      if (line.kind === 'add') entry.added++;
      else entry.removed++;
      if (!entry.hunks.includes(h)) entry.hunks.push(h);
    });
  });
  return [...byName.values()].sort((a, b) => a.line - b.line);
}

/** `+28 −15 in 3 hunks`. */
export function describeChange(t: Pick<TouchedFunction, 'added' | 'removed' | 'hunks'>): string {
  const n = t.hunks.length;
  return `+${t.added} −${t.removed} in ${n} ${n === 1 ? 'hunk' : 'hunks'}`;
}
