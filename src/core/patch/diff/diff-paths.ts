/**
 * File paths as they appear in diff headers: `diff --git a/x b/y`, `--- a/x`, `+++ b/y`,
 * `rename from x`. Git quotes a path that contains special characters (`"a/tab\there"`) using
 * C escapes, where octal escapes are the bytes of a UTF-8 name.
 */

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92,
};

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * Reads a C-quoted string starting at `text[start] === '"'`.
 * Returns the decoded string and the index just after the closing quote, or null when the
 * quote is not closed.
 */
export function readQuoted(text: string, start: number): { value: string; end: number } | null {
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') return { value: utf8.decode(new Uint8Array(bytes)), end: i + 1 };
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
      if (octal) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        i += 4;
        continue;
      }
      bytes.push(SIMPLE_ESCAPES[next] ?? next.charCodeAt(0));
      i += 2;
      continue;
    }
    for (const b of encoder.encode(ch)) bytes.push(b);
    i++;
  }
  return null;
}

/** Removes `prefix/` (e.g. `a/`) from the start of a path when present. */
function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * The path of a `---`/`+++` line's argument (the text after `--- `): unquoted, without a
 * trailing tab + timestamp (`diff -u` style); null for `/dev/null`. Prefixes are kept.
 */
export function headerPath(argument: string): string | null {
  let path: string;
  if (argument.startsWith('"')) {
    path = readQuoted(argument, 0)?.value ?? argument;
  } else {
    const tab = argument.indexOf('\t');
    // trimEnd removes what a regular expression's \s matches: white space and line terminators.
    path = tab >= 0 ? argument.slice(0, tab) : argument.trimEnd();
  }
  return path === '/dev/null' ? null : path;
}

/**
 * Removes `a/` from the old and `b/` from the new path when both carry them (git's default
 * prefixes, also used by most `diff -u` users); keeps both as they are otherwise.
 */
export function stripAbPrefixes(oldPath: string | null, newPath: string | null): { oldPath: string | null; newPath: string | null } {
  const oldOk = oldPath === null || oldPath.startsWith('a/');
  const newOk = newPath === null || newPath.startsWith('b/');
  if (!oldOk || !newOk || (oldPath === null && newPath === null)) return { oldPath, newPath };
  return { oldPath: oldPath?.slice(2) ?? null, newPath: newPath?.slice(2) ?? null };
}

/** The argument of `rename from`, `copy to` etc.: possibly quoted, never prefixed. */
export function plainPath(argument: string): string {
  return argument.startsWith('"') ? readQuoted(argument, 0)?.value ?? argument : argument;
}

/**
 * Splits the two paths of a `diff --git` line (the text after `diff --git `).
 * Unquoted paths may contain spaces, so when the split is ambiguous the one where both
 * sides name the same file wins (git does the same); `a/` and `b/` prefixes are removed
 * when both are present (`prefixed`). Returns null when the text holds no two paths.
 */
export function gitDiffPaths(argument: string): { oldPath: string; newPath: string; prefixed: boolean } | null {
  let first: string;
  let rest: string;
  if (argument.startsWith('"')) {
    const quoted = readQuoted(argument, 0);
    if (!quoted || argument[quoted.end] !== ' ') return null;
    first = quoted.value;
    rest = argument.slice(quoted.end + 1);
  } else {
    const split = splitUnquoted(argument);
    if (!split) return null;
    [first, rest] = split;
  }
  const second = rest.startsWith('"') ? readQuoted(rest, 0)?.value ?? null : rest;
  if (second === null || first === '' || second === '') return null;
  const prefixed = first.startsWith('a/') && second.startsWith('b/');
  return prefixed
    ? { oldPath: first.slice(2), newPath: second.slice(2), prefixed }
    : { oldPath: first, newPath: second, prefixed };
}

/** Finds the space that separates two unquoted paths; prefers a split giving equal names. */
function splitUnquoted(argument: string): [string, string] | null {
  if (argument.endsWith('"')) {
    const open = argument.lastIndexOf(' "');
    return open > 0 ? [argument.slice(0, open), argument.slice(open + 1)] : null;
  }
  const middle = (argument.length - 1) / 2;
  if (Number.isInteger(middle) && argument[middle] === ' ') {
    const left = argument.slice(0, middle);
    const right = argument.slice(middle + 1);
    if (stripPrefix(left, 'a/') === stripPrefix(right, 'b/')) return [left, right];
  }
  const prefixed = argument.indexOf(' b/');
  if (argument.startsWith('a/') && prefixed > 0) return [argument.slice(0, prefixed), argument.slice(prefixed + 1)];
  const space = argument.indexOf(' ');
  return space > 0 ? [argument.slice(0, space), argument.slice(space + 1)] : null;
}
