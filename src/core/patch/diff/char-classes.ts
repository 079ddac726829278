/** Characters and character classes of the patch readers, as UTF-16 code units (what `charCodeAt` gives). */

export const SPACE = 0x20;
export const PLUS = 0x2b;
export const COMMA = 0x2c;
export const MINUS = 0x2d;
export const AT = 0x40;
export const BACKSLASH = 0x5c;

/** True for a-z. */
export function isLowerAscii(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/** True for A-Z, a-z and `_`: the characters a C identifier (and a definition line) starts with. */
export function startsIdentifier(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** True for A-Z, a-z, 0-9 and `_` (a regular expression's `\w`). */
export function isWord(c: number): boolean {
  return startsIdentifier(c) || (c >= 0x30 && c <= 0x39);
}

/** True for the line terminators of a regular expression (what its `.` does not match): LF, CR, U+2028, U+2029. */
export function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** True for the white space and line terminators of a regular expression's `\s` (and of `trim`). */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
