/**
 * Which functions of the current file a file patch touches, with the lines it adds and removes
 * in each: what the CodeLens above each function says. Pure: no `vscode`.
 */
import type { FilePatch } from '../../core/patch/model';
import { functionAt, type FunctionSpan } from './function-spans';
import { currentLineOf, type HunkPlacement } from './hunk-placement';

export interface TouchedFunction {
  name: string;
  /** The function's span in the current file; null when only the hunk header names it. */
  span: FunctionSpan | null;
  /** 1-based line of the current file to put the lens on. */
  line: number;
  added: number;
  removed: number;
  /** Indexes of the hunks that change lines in this function. */
  hunks: number[];
}

/**
 * Counts changed lines per function. A changed line belongs to the function whose span holds
 * its current line (added lines: the old line above them); lines outside any function are
 * counted under the hunk's header (`@@ ... @@ header`) or `(file scope)`.
 */
export function touchedFunctions(file: FilePatch, placements: readonly HunkPlacement[], spans: readonly FunctionSpan[]): TouchedFunction[] {
  const byName = new Map<string, TouchedFunction>();
  file.hunks.forEach((hunk, h) => {
    const start = placements[h]?.startLine;
    if (start === null || start === undefined) return;
    hunk.lines.forEach((line, i) => {
      if (line.kind === 'context') return;
      const at = currentLineOf(hunk, start, i);
      // An added line right after the function's last line still belongs to the function above.
      const span = functionAt(spans, at);
      const name = span?.name ?? (hunk.functions[0] || '(file scope)');
      let entry = byName.get(name);
      if (!entry) {
        entry = { name, span, line: span?.startLine ?? start, added: 0, removed: 0, hunks: [] };
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
