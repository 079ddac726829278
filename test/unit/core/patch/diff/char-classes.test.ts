import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AT, BACKSLASH, COMMA, isLineTerminator, isLowerAscii, isSpace, isWord, MINUS, PLUS, SPACE, startsIdentifier } from '../../../../../src/core/patch/diff/char-classes';

/**
 * Each class is a hand-written replacement of a regular expression (what the readers used
 * before reading by offset); the expression is the reference it must agree with.
 */
const REFERENCES: [name: string, own: (c: number) => boolean, reference: (unit: string) => boolean][] = [
  ['isLowerAscii', isLowerAscii, (u) => /^[a-z]$/.test(u)],
  ['startsIdentifier', startsIdentifier, (u) => /^[A-Za-z_]$/.test(u)],
  ['isWord', isWord, (u) => /^\w$/.test(u)],
  // A line terminator is what `.` does not match.
  ['isLineTerminator', isLineTerminator, (u) => !/^.$/.test(u)],
  ['isSpace', isSpace, (u) => /^\s$/.test(u)],
];

/** Every UTF-16 code unit (lone surrogates included: `charCodeAt` gives them too). */
const ALL_UNITS = Array.from({ length: 0x10000 }, (_, c) => c);

test('each class agrees with its regular expression on every UTF-16 code unit', () => {
  for (const [name, own, reference] of REFERENCES) {
    const wrong = ALL_UNITS.filter((c) => own(c) !== reference(String.fromCharCode(c)));
    assert.deepEqual(wrong.map((c) => c.toString(16)), [], name);
  }
});

test('the white space of `trim` is the white space of \\s (fast-check over strings, seeded)', () => {
  // U+200B and U+180E look like spaces but are not white space for \s since ES2016.
  const unit = fc.constantFrom(' ', '\t', '\v', '\u00a0', '\u1680', '\u2028', '\u202f', '\u3000', '\ufeff', '\u200b', '\u180e', 'x', '\u0085');
  fc.assert(fc.property(fc.array(unit, { maxLength: 8 }).map((u) => u.join('')), (s) => {
    let start = 0;
    while (start < s.length && isSpace(s.charCodeAt(start))) start++;
    assert.equal(s.slice(start), s.trimStart());
  }), { seed: 2024, numRuns: 300 });
});

test('the characters a diff line starts with are their code units', () => {
  assert.deepEqual([SPACE, PLUS, COMMA, MINUS, AT, BACKSLASH], [' ', '+', ',', '-', '@', '\\'].map((c) => c.charCodeAt(0)));
});
