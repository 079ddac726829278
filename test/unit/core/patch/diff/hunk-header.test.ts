import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseHunkHeader, parseHunkHeaderAt } from '../../../../../src/core/patch/diff/hunk-header';

/** The unified-diff hunk header as GNU diff and git write it (the reference the hand-written reader must agree with). */
const REFERENCE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

function reference(line: string): unknown {
  const m = REFERENCE.exec(line);
  if (!m) return null;
  return { oldStart: Number(m[1]), oldLines: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newLines: m[4] === undefined ? 1 : Number(m[4]), header: m[5]!.trim() };
}

test('headers from git, GNU diff -u and the seed patch', () => {
  assert.deepEqual(parseHunkHeader('@@ -441,20 +408,26 @@ void'), { oldStart: 441, oldLines: 20, newStart: 408, newLines: 26, header: 'void' });
  assert.deepEqual(parseHunkHeader('@@ -1 +1 @@'), { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, header: '' });
  assert.deepEqual(parseHunkHeader('@@ -0,0 +1,3 @@'), { oldStart: 0, oldLines: 0, newStart: 1, newLines: 3, header: '' });
  assert.deepEqual(parseHunkHeader('@@ -10,7 +10,8 @@  sched_idle(void *v)  '), { oldStart: 10, oldLines: 7, newStart: 10, newLines: 8, header: 'sched_idle(void *v)' });
  for (const bad of ['@@ -1,2 +1,2', '@@ -1,2 +1,2 @', '@@ -a,2 +1,2 @@', '@@ -1, +1,2 @@', '@@  -1,2 +1,2 @@', '@@@ -1,2 +1,2 @@@', '@@ -1,2 +1,2 @@ a\rb', ''])
    assert.equal(parseHunkHeader(bad), null, bad);
});

test('reads a header inside a larger text without copying it, bounded by the given end', () => {
  const text = 'x\n@@ -5,3 +5,4 @@ exit1(struct proc *p)\r\n+a\n';
  const start = text.indexOf('@@');
  assert.deepEqual(parseHunkHeaderAt(text, start, text.indexOf('\r')), { oldStart: 5, oldLines: 3, newStart: 5, newLines: 4, header: 'exit1(struct proc *p)' });
  assert.equal(parseHunkHeaderAt(text, start, start + 10), null);
});

test('agrees with the regular expression on generated header-like lines', () => {
  const piece = fc.constantFrom('@@', ' ', '-', '+', ',', '1', '0', '42', '99999999999999999999', '\r', '\u2028', 'f(x)', '\t', '@');
  const headerLike = fc.tuple(fc.boolean(), fc.nat(9999), fc.option(fc.nat(999)), fc.nat(9999), fc.option(fc.nat(999)), fc.string())
    .map(([space, a, b, c, d, rest]) => `@@ -${a}${b === null ? '' : `,${b}`} +${c}${d === null ? '' : `,${d}`} @@${space ? ' ' : ''}${rest}`);
  fc.assert(fc.property(fc.oneof(fc.array(piece, { maxLength: 14 }).map((p) => p.join('')), headerLike), (line) => {
    assert.deepEqual(parseHunkHeader(line), reference(line));
  }), { numRuns: 20000 });
});
