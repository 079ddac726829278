/**
 * The C functions a hunk touches, guessed from the hunk alone when the patched source is not
 * at hand: the `@@` header's function context (`exit1(struct proc *p, int xexit, ...)`) is
 * the function the hunk starts in, then the hunk's own lines are followed: a `}` in column 0
 * closes the current function and a BSD-style definition (`name(args)` in column 0, not a
 * `;`-terminated prototype) opens the next one. Each changed line adds the function it is in.
 */
import type { PatchLine } from './model';

/** `name(` at the start of a definition line, after an optional return type / qualifiers. */
const DEFINITION = /^(?:[A-Za-z_][\w]*[\s*]+)*?\**([A-Za-z_]\w*)\s*\(/;
const NOT_FUNCTIONS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else']);

/**
 * The function named by a `@@` header text or a column-0 source line, or null when the text
 * is not the start of a function definition (a declaration like `struct plimit limit0;`, a
 * prototype ending in `;`, a bare return type like `void`, a macro call in column 0).
 */
export function functionNameOf(text: string): string | null {
  const trimmed = text.trimEnd();
  if (trimmed === '' || /^\s/.test(trimmed) || trimmed.endsWith(';') || trimmed.startsWith('#')) return null;
  const match = DEFINITION.exec(trimmed);
  if (!match) return null;
  const name = match[1]!;
  if (NOT_FUNCTIONS.has(name)) return null;
  // A macro invocation like `TAILQ_HEAD(, proc) q` or `SYSCTL_INT(...)` in column 0 is not a
  // definition: it has no parameter list ending the line (or followed by `{`).
  const after = trimmed.slice(match.index + match[0].length);
  return /\)\s*(?:\{\s*)?$|,\s*$/.test(after) || !after.includes(')') ? name : null;
}

/** The functions a hunk's changed lines lie in, from its header text and its own lines. */
export function functionsFromHunkText(header: string, lines: readonly PatchLine[]): string[] {
  const found: string[] = [];
  let current = functionNameOf(header);
  let pending: string | null = null;
  for (const line of lines) {
    const text = line.text;
    if (text.charCodeAt(0) === 0x7d /* } */) {
      if (line.kind !== 'context' && current !== null && !found.includes(current)) found.push(current);
      current = null;
      continue;
    }
    // Only a line starting with a letter or `_` in column 0 can open a definition.
    const first = text.charCodeAt(0) | 0x20;
    const name = (first >= 0x61 && first <= 0x7a) || text.charCodeAt(0) === 0x5f ? functionNameOf(text) : null;
    if (name !== null) pending = name;
    if (pending !== null && text.charCodeAt(0) === 0x7b /* { */) {
      current = pending;
      pending = null;
    }
    const inFunction = current ?? pending;
    if (line.kind !== 'context' && inFunction !== null && !found.includes(inFunction)) found.push(inFunction);
  }
  return found;
}
