/**
 * The C functions a hunk touches, guessed from the hunk alone when the patched source is not
 * at hand: the `@@` header's function context (`exit1(struct proc *p, int xexit, ...)`) is
 * the function the hunk starts in, then the hunk's own lines are followed: a `}` in column 0
 * closes the current function and a BSD-style definition (`name(args)` in column 0, not a
 * `;`-terminated prototype) opens the next one. Each changed line adds the function it is in.
 */
import type { PatchLine } from './model';

/** What may stand before a definition's `(`: return type and qualifiers, then the name. */
const BEFORE_PAREN = /^[A-Za-z_][\w\s*]*$/;
const LAST_NAME = /([A-Za-z_]\w*)\s*$/;
/** After the `(`: a parameter list that ends the line (maybe with `{`), or goes on to the next line. */
const PARAMETERS_END = /\)\s*(?:\{\s*)?$|,\s*$/;
const NOT_FUNCTIONS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else']);

/** True for A-Z, a-z and `_`: the characters a definition line can start with. */
function startsIdentifier(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/**
 * The function named by a `@@` header text or a column-0 source line, or null when the text
 * is not the start of a function definition (a declaration like `struct plimit limit0;`, a
 * prototype ending in `;`, a bare return type like `void`, a macro call in column 0).
 */
export function functionNameOf(text: string): string | null {
  if (!startsIdentifier(text)) return null;
  const trimmed = text.trimEnd();
  const paren = trimmed.indexOf('(');
  if (paren < 0 || trimmed.endsWith(';')) return null;
  const before = trimmed.slice(0, paren);
  const name = BEFORE_PAREN.test(before) ? LAST_NAME.exec(before)?.[1] : undefined;
  if (name === undefined || NOT_FUNCTIONS.has(name)) return null;
  // A macro invocation like `TAILQ_HEAD(, proc) q` or `SYSCTL_INT(...)` in column 0 is not a
  // definition: its parentheses do not end the line.
  const after = trimmed.slice(paren + 1);
  return PARAMETERS_END.test(after) || !after.includes(')') ? name : null;
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
    const name = functionNameOf(text);
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
