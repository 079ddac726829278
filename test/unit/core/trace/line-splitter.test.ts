import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineSplitter, MAX_LINE_BYTES, decodeLine } from '../../../../src/core/trace/line-splitter';

/** Splits `bytes` cut into chunks at `cuts`, collecting each line's text and number. */
function split(bytes: Uint8Array, cuts: number[]): { lines: string[]; numbers: number[]; end: ReturnType<LineSplitter['end']> } {
  const lines: string[] = [];
  const numbers: number[] = [];
  const splitter = new LineSplitter((b, start, end, lineNo) => {
    lines.push(decodeLine(b, start, end));
    numbers.push(lineNo);
  });
  let at = 0;
  for (const cut of [...cuts.filter((c) => c < bytes.length)].sort((a, b) => a - b).concat(bytes.length)) {
    // the caller may reuse its buffer: hand over a copy and scribble on it afterwards
    const chunk = bytes.slice(at, cut);
    splitter.push(chunk);
    chunk.fill(0x21);
    at = cut;
  }
  return { lines, numbers, end: splitter.end() };
}

test('any text in any chunks: the lines of text.split on LF with one CR before it dropped', () => {
  const char = fc.constantFrom('a', ' ', '\n', '\r', 'é', '7');
  fc.assert(
    fc.property(fc.array(char, { maxLength: 200 }).map((cs) => cs.join('')), fc.array(fc.nat(250), { maxLength: 8 }), (text, cuts) => {
      const bytes = new TextEncoder().encode(text);
      const { lines, numbers, end } = split(bytes, cuts);
      const expected = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
      const terminated = text.endsWith('\n') || text === '';
      if (terminated) expected.pop();
      assert.deepEqual(lines, expected);
      assert.deepEqual(numbers, expected.map((_, i) => i + 1));
      assert.equal(end.lines, expected.length);
      assert.equal(end.unterminatedLine, terminated ? 0 : expected.length);
    }),
    { numRuns: 300, seed: 29 },
  );
});

test('a line longer than the limit is cut there and its rest skipped; the next line is whole', () => {
  const long = new Uint8Array(MAX_LINE_BYTES + 10).fill(0x61);
  const text = new Uint8Array([...long, 10, 0x62, 10]);
  const { lines, end } = split(text, [1000, MAX_LINE_BYTES - 5, MAX_LINE_BYTES + 3]);
  assert.deepEqual(lines.map((l) => l.length), [MAX_LINE_BYTES, 1]);
  assert.equal(lines[1], 'b');
  assert.deepEqual(end.overlongLines, [1]);
});
