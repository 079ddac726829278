import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DiffCursor, endsWithCrLf, lineEnd, nextLineStart } from '../../../../../src/core/patch/diff/diff-cursor';

test('line bounds by offset: the next line\'s start, the end before LF or CR LF, and whether it was CR LF', () => {
  const text = 'diff --git a/x b/x\r\n@@ -1 +1 @@\n-a\r';
  const second = nextLineStart(text, 0);
  assert.equal(second, 'diff --git a/x b/x\r\n'.length);
  assert.equal(lineEnd(text, 0, second), 'diff --git a/x b/x'.length);
  assert.equal(endsWithCrLf(text, 0, second), true);
  const third = nextLineStart(text, second);
  assert.equal(text.slice(second, lineEnd(text, second, third)), '@@ -1 +1 @@');
  assert.equal(endsWithCrLf(text, second, third), false);
  // The last line has no LF: its next start is past the end, and its CR (not before a LF) is its own.
  const end = nextLineStart(text, third);
  assert.equal(end, text.length + 1);
  assert.equal(text.slice(third, lineEnd(text, third, end)), '-a\r');
  assert.equal(endsWithCrLf(text, third, end), false);
  // An empty line (its LF at `pos`).
  assert.equal(lineEnd('\n', 0, 1), 0);
  assert.equal(lineEnd('\r\n', 0, 2), 0);
});

test('the cursor walks the lines of a CR LF text, counting the CR LF lines and the first of them', () => {
  const cursor = new DiffCursor('--- a/f.c\n+++ b/f.c\r\n@@ -1 +1 @@\r\n', (i) => i + 1, false);
  const seen: [string, number, boolean][] = [];
  while (!cursor.done) {
    seen.push([cursor.line(), cursor.sourceLineHere, cursor.startsWith('+++')]);
    cursor.advance();
  }
  assert.deepEqual(seen, [['--- a/f.c', 1, false], ['+++ b/f.c', 2, true], ['@@ -1 +1 @@', 3, false]]);
  assert.deepEqual([cursor.crLines, cursor.firstCrLine, cursor.index], [2, 1, 3]);
  assert.deepEqual(cursor.diagnostics, []);
});

test('moveTo jumps past lines the caller walked, with their CR LF count; the first CR LF line is kept once set', () => {
  const cursor = new DiffCursor('a\r\nb\r\nc\nd\r\n', (i) => 10 * (i + 1), true);
  assert.equal(cursor.whitespaceDamaged, true);
  cursor.moveTo(6, 2, 2, 0);
  assert.deepEqual([cursor.line(), cursor.sourceLineHere, cursor.crLines, cursor.firstCrLine], ['c', 30, 2, 0]);
  cursor.advance();
  cursor.moveTo(cursor.next, 4, 1, 3);
  // The first CR LF line stays line index 0.
  assert.deepEqual([cursor.done, cursor.crLines, cursor.firstCrLine], [true, 3, 0]);
});

test('reading line by line gives the lines of split(/\\r?\\n/) and counts the CR LF breaks (fast-check, seeded)', () => {
  const piece = fc.constantFrom('a', '+b', '-', '\r', '\n', '\r\n', ' ');
  fc.assert(fc.property(fc.array(piece, { maxLength: 25 }).map((p) => p.join('')), (text) => {
    const cursor = new DiffCursor(text, (i) => i + 1, false);
    const lines: string[] = [];
    for (; !cursor.done; cursor.advance()) lines.push(cursor.line());
    const expected = text === '' ? [] : text.split(/\r?\n/);
    if (text.endsWith('\n')) expected.pop();
    assert.deepEqual(lines, expected);
    assert.equal(cursor.crLines, (text.match(/\r\n/g) ?? []).length);
  }), { seed: 33, numRuns: 1000 });
});
