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

/** True for A-Z, a-z and `_` (UTF-16 code `c`): the characters a definition line can start with. */
function startsIdentifier(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/**
 * The function named by a `@@` header text or a column-0 source line, or null when the text
 * is not the start of a function definition (a declaration like `struct plimit limit0;`, a
 * prototype ending in `;`, a bare return type like `void`, a macro call in column 0).
 */
export function functionNameOf(text: string): string | null {
  if (!startsIdentifier(text.charCodeAt(0))) return null;
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

/**
 * Follows a hunk's lines one at a time (see the file comment) and collects the functions its
 * changed lines lie in. A line is given as `text.slice(start, end)` so that a reader walking a
 * larger text copies only the rare lines that can name a function (starting with a letter or `_`).
 * One tracker serves hunk after hunk (`start` begins the next): a reader keeps one for good
 * instead of making one per hunk.
 */
export class HunkFunctionTracker {
  /** The functions found so far in this hunk, in the order their first changed line came (reused: see `take`). */
  private readonly found: string[] = [];
  private current: string | null = null;
  private pending: string | null = null;

  /** Begins a hunk; `header`: its `@@` line's function context. */
  start(header: string): void {
    this.found.length = 0;
    this.current = functionNameOf(header);
    this.pending = null;
  }

  /** The hunk's functions as a new array of just their number (the working array grows in steps of 17). */
  take(): string[] {
    return this.found.slice();
  }

  /** One hunk line: `changed` for an added or removed line, false for context. */
  line(changed: boolean, text: string, start: number, end: number): void {
    const c = start < end ? text.charCodeAt(start) : -1;
    if (c === 0x7d /* } */) {
      if (changed) this.add(this.current);
      this.current = null;
      return;
    }
    if (startsIdentifier(c)) {
      const name = functionNameOf(text.slice(start, end));
      if (name !== null) this.pending = name;
    }
    if (this.pending !== null && c === 0x7b /* { */) {
      this.current = this.pending;
      this.pending = null;
    }
    if (changed) this.add(this.current ?? this.pending);
  }

  private add(name: string | null): void {
    if (name !== null && !this.found.includes(name)) this.found.push(name);
  }
}

/** The functions a hunk's changed lines lie in, from its header text and its own lines. */
export function functionsFromHunkText(header: string, lines: readonly PatchLine[]): string[] {
  const tracker = new HunkFunctionTracker();
  tracker.start(header);
  for (const line of lines) tracker.line(line.kind !== 'context', line.text, 0, line.text.length);
  return tracker.take();
}
