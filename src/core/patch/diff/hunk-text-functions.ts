/**
 * The C functions a hunk touches, guessed from the hunk alone when the patched source is not
 * at hand: the `@@` header's function context (`exit1(struct proc *p, int xexit, ...)`) is
 * the function the hunk starts in, then the hunk's own lines are followed: a `}` in column 0
 * closes the current function and a BSD-style definition (`name(args)` in column 0, not a
 * `;`-terminated prototype) opens the next one. Each changed line adds the function it is in.
 */
import { isSpace, isWord, startsIdentifier } from './char-classes';
import type { PatchLine } from '../model';

const NOT_FUNCTIONS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else']);
/** The length of the longest word in NOT_FUNCTIONS: a longer name is not looked up. */
const LONGEST_NOT_FUNCTION = Math.max(...[...NOT_FUNCTIONS].map((word) => word.length));

/**
 * The function named by a `@@` header text or a column-0 source line, or null when the text
 * is not the start of a function definition (a declaration like `struct plimit limit0;`, a
 * prototype ending in `;`, a bare return type like `void`, a macro call in column 0).
 */
export function functionNameOf(text: string): string | null {
  return functionNameAt(text, 0, text.length);
}

/**
 * functionNameOf for `text.slice(start, end)`, read in place. A definition line is: a return
 * type and qualifiers (letters, digits, `_`, `*`, white space), the name, `(`, then a
 * parameter list that ends the line (`)`, maybe `{`) or goes on to the next one (`,` or no
 * `)` at all).
 */
export function functionNameAt(text: string, start: number, end: number): string | null {
  if (start >= end || !startsIdentifier(text.charCodeAt(start))) return null;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (text.charCodeAt(end - 1) === 0x3b /* ; */) return null;
  // Up to the `(`: the return type, qualifiers and name (word characters, white space, `*`).
  let paren = start + 1;
  for (; paren < end; paren++) {
    const c = text.charCodeAt(paren);
    if (c === 0x28 /* ( */) break;
    if (!isWord(c) && !isSpace(c) && c !== 0x2a /* * */) return null;
  }
  if (paren >= end) return null;
  // The name: the last run of word characters before the `(`, from its first letter or `_`.
  let nameEnd = paren;
  while (isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
  let nameStart = nameEnd;
  while (nameStart > start && isWord(text.charCodeAt(nameStart - 1))) nameStart--;
  while (nameStart < nameEnd && !startsIdentifier(text.charCodeAt(nameStart))) nameStart++;
  if (nameStart === nameEnd) return null;
  const name = text.slice(nameStart, nameEnd);
  if (name.length <= LONGEST_NOT_FUNCTION && NOT_FUNCTIONS.has(name)) return null;
  // A macro invocation like `TAILQ_HEAD(, proc) q` or `SYSCTL_INT(...)` in column 0 is not a
  // definition: its parentheses do not end the line.
  if (parametersEnd(text, paren + 1, end)) return name;
  let close = paren + 1;
  while (close < end && text.charCodeAt(close) !== 0x29 /* ) */) close++;
  return close >= end ? name : null;
}

/** True when `text.slice(from, end)` (trimmed at the end) ends with `)`, `) {` or `,`. */
function parametersEnd(text: string, from: number, end: number): boolean {
  if (end <= from) return false;
  let last = text.charCodeAt(end - 1);
  if (last === 0x2c /* , */ || last === 0x29 /* ) */) return true;
  if (last !== 0x7b /* { */) return false;
  let i = end - 1;
  while (i > from && isSpace(text.charCodeAt(i - 1))) i--;
  last = i > from ? text.charCodeAt(i - 1) : -1;
  return last === 0x29;
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
  /** The function added last (most changed lines follow one in the same function): no search of `found` for it. */
  private last: string | null = null;

  /** Begins a hunk; `header`: its `@@` line's function context. */
  start(header: string): void {
    this.found.length = 0;
    this.current = functionNameOf(header);
    this.pending = null;
    this.last = null;
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
      const name = functionNameAt(text, start, end);
      if (name !== null) this.pending = name;
    }
    if (this.pending !== null && c === 0x7b /* { */) {
      this.current = this.pending;
      this.pending = null;
    }
    if (changed) this.add(this.current ?? this.pending);
  }

  private add(name: string | null): void {
    if (name === null || name === this.last) return;
    this.last = name;
    if (!this.found.includes(name)) this.found.push(name);
  }
}

/** The functions a hunk's changed lines lie in, from its header text and its own lines. */
export function functionsFromHunkText(header: string, lines: readonly PatchLine[]): string[] {
  const tracker = new HunkFunctionTracker();
  tracker.start(header);
  for (const line of lines) tracker.line(line.kind !== 'context', line.text, 0, line.text.length);
  return tracker.take();
}
