/**
 * Function definitions of a C file written in BSD (style(9)) or GNU layout, found by layout
 * rather than by parsing: the name at column 0 (or after the return type on the same line),
 * the body between a `{` and the next `}` at column 0. Fast and good enough to place CodeLenses
 * on kernel sources; kernel macros do not confuse it. Pure: no `vscode`.
 */

export interface FunctionSpan {
  name: string;
  /** 1-based first line: the return-type line above the name in BSD style. */
  startLine: number;
  /** 1-based line holding the name. */
  nameLine: number;
  /** 1-based line of the closing `}`. */
  endLine: number;
}

const keywords = new Set(['if', 'while', 'for', 'switch', 'return', 'sizeof', 'do', 'else']);
/** `name(` at column 0, or `type *name(` ending without `;` on one line. */
const nameAtColumn0 = /^([A-Za-z_]\w*)\s*\(/;
const typeThenName = /^[A-Za-z_][\w\s*]*?[\s*]([A-Za-z_]\w*)\s*\(/;

export function findFunctionSpans(text: string): FunctionSpan[] {
  const lines = text.split(/\r?\n/);
  const spans: FunctionSpan[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^[\s#/*{}]/.test(line) || line.trimEnd().endsWith(';')) continue;
    const name = (nameAtColumn0.exec(line) ?? typeThenName.exec(line))?.[1];
    if (!name || keywords.has(name)) continue;
    const open = findBodyOpen(lines, i);
    if (open < 0) continue;
    const close = findBodyClose(lines, open);
    if (close < 0) continue;
    const previous = lines[i - 1] ?? '';
    const typeAbove = nameAtColumn0.test(line) && /^[A-Za-z_]/.test(previous) && !/[;{}]\s*$/.test(previous);
    spans.push({ name, startLine: typeAbove ? i : i + 1, nameLine: i + 1, endLine: close + 1 });
    i = close;
  }
  return spans;
}

/** The line of the body's `{`: at column 0 (BSD) or at the end of the signature (GNU), within 12 lines. */
function findBodyOpen(lines: readonly string[], nameIndex: number): number {
  for (let j = nameIndex; j < Math.min(lines.length, nameIndex + 12); j++) {
    const l = lines[j]!;
    if (j > nameIndex && l.startsWith('{')) return j;
    if (/\)\s*\{\s*$/.test(l)) return j;
    if (/;\s*$/.test(l) && !/^\s/.test(l) && j > nameIndex) return -1;
    if (/\);\s*$/.test(l)) return -1;
  }
  return -1;
}

function findBodyClose(lines: readonly string[], openIndex: number): number {
  for (let j = openIndex + 1; j < lines.length; j++) {
    if (lines[j]!.startsWith('}')) return j;
  }
  return -1;
}

/** The function whose span holds a 1-based line, or null. */
export function functionAt(spans: readonly FunctionSpan[], line: number): FunctionSpan | null {
  return spans.find((s) => s.startLine <= line && line <= s.endLine) ?? null;
}
