import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asciiLiteral, literalAt, viewOf } from '../../../../src/core/trace/ftrace-literals';

const enc = new TextEncoder();

test('a literal matches where its bytes are, and only there', () => {
  const pid = asciiLiteral(' prev_pid=');
  const line = enc.encode('prev_comm=bash prev_pid=22898 prev_prio=120');
  const data = viewOf(line);
  assert.equal(literalAt(data, 14, line.length, pid), true);
  assert.equal(literalAt(data, 13, line.length, pid), false);
  assert.equal(literalAt(data, 14, 23, pid), false, 'the line ends inside the word');
  assert.equal(literalAt(data, 0, line.length, asciiLiteral('prev')), true, 'exactly one 32-bit word');
});

test('the view follows the array it is asked for', () => {
  const a = enc.encode('xxxxsched_switch');
  const b = enc.encode('sched_switchxxxx');
  const name = asciiLiteral('sched_switch');
  assert.equal(literalAt(viewOf(a), 4, a.length, name), true);
  assert.equal(literalAt(viewOf(b), 0, b.length, name), true);
  assert.equal(literalAt(viewOf(b.subarray(4)), 0, 12, name), false, 'a view of a subarray starts at its offset');
});

test('words shorter than 4 characters or outside printable ASCII are refused', () => {
  assert.throws(() => asciiLiteral('pid'));
  assert.throws(() => asciiLiteral('prévu'));
});

test('literalAt agrees with comparing byte by byte (seeded)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '=', '_'), minLength: 4, maxLength: 16 });
  fc.assert(
    fc.property(text, fc.string({ unit: fc.constantFrom('a', 'b', ' ', '=', '_', 'é'), maxLength: 24 }), fc.nat(24), (word, hay, at) => {
      const bytes = enc.encode(hay);
      const i = Math.min(at, bytes.length);
      const byBytes = bytes.length - i >= word.length && [...word].every((c, k) => bytes[i + k] === c.charCodeAt(0));
      assert.equal(literalAt(viewOf(bytes), i, bytes.length, asciiLiteral(word)), byBytes);
    }),
    { numRuns: 3000, seed: 33 },
  );
});
