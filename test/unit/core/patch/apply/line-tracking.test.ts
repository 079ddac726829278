import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { trackLine, trackLineThrough, type TextEdit } from '../../../../../src/core/patch/apply/line-tracking';

/** Applies an edit to lines of text (no line holds a line break). */
function applyEdit(lines: readonly string[], edit: TextEdit): string[] {
  const text = lines.join('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return (text.slice(0, offset(edit.start)) + edit.text + text.slice(offset(edit.end))).split('\n');
}

const at = (line: number, character = 0) => ({ line, character });

test('lines above an edit stay, lines below move by the lines it adds or removes', () => {
  // Two lines inserted before line 10 (0-based): 10 → 12; a line above (4) stays.
  const insert = { start: at(6), end: at(6), text: 'a\nb\n' };
  assert.equal(trackLine(10, insert), 12);
  assert.equal(trackLine(4, insert), 4);
  // Lines 3..5 deleted (the range [3:0, 6:0)): line 8 → 5, and line 6, where the deletion ends, → 3.
  const remove = { start: at(3), end: at(6), text: '' };
  assert.deepEqual([8, 6, 2].map((l) => trackLine(l, remove)), [5, 3, 2]);
});

test('a line inside a replaced range stays inside the new text', () => {
  // [3:0, 8:0) replaced by 'x\ny\n' (2 breaks): the new text is lines 3..4 and old line 8 is now 5.
  // Line 4 keeps its distance from the start (4); line 7 is capped at the new text's end (3 + 2 = 5).
  const edit = { start: at(3), end: at(8), text: 'x\ny\n' };
  assert.equal(trackLine(4, edit), 4);
  assert.equal(trackLine(7, edit), 5);
  assert.equal(trackLine(8, edit), 5);
});

test('edits of one event are applied bottom-up, each range in the text before the event', () => {
  // Insert 3 lines at 2 and delete lines 10..11: line 20 → 20 + 3 − 2 = 21.
  const edits = [{ start: at(2), end: at(2), text: '1\n2\n3\n' }, { start: at(10), end: at(12), text: '' }];
  assert.equal(trackLineThrough(20, edits), 21);
  assert.equal(trackLineThrough(20, [...edits].reverse()), 21);
});

test('property: a line the edit does not touch keeps its text (seeded)', () => {
  const doc = fc.integer({ min: 3, max: 40 }).map((n) => Array.from({ length: n }, (_, i) => `line ${i}`));
  const scenario = doc.chain((lines) => fc.record({
    lines: fc.constant(lines),
    line: fc.integer({ min: 0, max: lines.length - 1 }),
    a: fc.integer({ min: 0, max: lines.length - 1 }),
    b: fc.integer({ min: 0, max: lines.length - 1 }),
    startChar: fc.nat(3),
    endChar: fc.nat(3),
    inserted: fc.array(fc.constantFrom('x', 'yy', '\n'), { maxLength: 6 }).map((parts) => parts.join('')),
  }));
  fc.assert(fc.property(scenario, ({ lines, line, a, b, startChar, endChar, inserted }) => {
    const [s, e] = a <= b ? [a, b] : [b, a];
    const start = at(s, Math.min(startChar, lines[s]!.length));
    const end = at(e, s === e ? Math.max(start.character, Math.min(endChar, lines[e]!.length)) : Math.min(endChar, lines[e]!.length));
    // Untouched: wholly above the edit, or below the line where it ends.
    fc.pre(line < s || line > e);
    const edit = { start, end, text: inserted };
    const after = applyEdit(lines, edit);
    assert.equal(after[trackLine(line, edit)], lines[line]);
  }), { seed: 15, numRuns: 500 });
});
