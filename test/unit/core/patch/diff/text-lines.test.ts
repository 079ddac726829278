import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { joinLines, splitLines } from '../../../../../src/core/patch/diff/text-lines';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');

test('a file\'s lines and the break after each: LF, CRLF, and none after a last line without one', () => {
  assert.deepEqual(splitLines('a\nb\r\nc'), { lines: ['a', 'b', 'c'], breaks: ['\n', '\r\n', ''], usual: '\n' });
  assert.deepEqual(splitLines(''), { lines: [], breaks: [], usual: '\n' });
  // An empty line is a line; a CR not before a LF stays in the line.
  assert.deepEqual(splitLines('\n\n'), { lines: ['', ''], breaks: ['\n', '\n'], usual: '\n' });
  assert.deepEqual(splitLines('a\rb\n'), { lines: ['a\rb'], breaks: ['\n'], usual: '\n' });
  // A line that is only a CR before its LF is an empty line with a CRLF break.
  assert.deepEqual(splitLines('\r\n'), { lines: [''], breaks: ['\r\n'], usual: '\r\n' });
});

test('the usual break is CRLF only when most breaks are CRLF (the last line without a break does not vote)', () => {
  // 2 CRLF against 1 LF.
  assert.equal(splitLines('a\r\nb\r\nc\nd').usual, '\r\n');
  // 1 against 1: a tie keeps LF.
  assert.equal(splitLines('a\r\nb\nc').usual, '\n');
  // 1 CRLF, no LF (the last line has no break).
  assert.equal(splitLines('a\r\nb').usual, '\r\n');
});

test('the workspace kern_sched.c: one line per LF, every break LF', () => {
  const text = fixture('workspace/sys/kern/kern_sched.c');
  const { lines, breaks, usual } = splitLines(text);
  assert.equal(lines.length, text.split('\n').length - 1, 'the file ends with a LF: split gives one more, empty, piece');
  assert.ok(breaks.every((b) => b === '\n'));
  assert.equal(usual, '\n');
  assert.equal(joinLines(lines, breaks), text);
});

test('split then join gives the text back, byte for byte (fast-check, seeded)', () => {
  const piece = fc.constantFrom('x', 'int p;', '\t', '\n', '\r\n', '\r', '');
  fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), (text) => {
    const split = splitLines(text);
    assert.equal(joinLines(split.lines, split.breaks), text);
    assert.equal(split.lines.length, split.breaks.length);
    assert.ok(split.lines.every((l) => !l.includes('\n')));
    // Only the last line may lack a break.
    assert.ok(split.breaks.slice(0, -1).every((b) => b !== ''));
  }), { seed: 46, numRuns: 1000 });
});
