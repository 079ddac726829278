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

test('words shorter than 4 characters, longer than 20 or outside printable ASCII are refused', () => {
  assert.throws(() => asciiLiteral('pid'));
  assert.throws(() => asciiLiteral('sched_process_exit__x'));
  assert.equal(asciiLiteral('sched_process_exit_x').length, 20);
  assert.throws(() => asciiLiteral('prévu'));
});

test('literalAt agrees with comparing byte by byte (seeded)', () => {
  const unit = fc.constantFrom('a', 'b', ' ', '=', '_');
  const text = fc.string({ unit, minLength: 4, maxLength: 20 });
  let matched = 0;
  fc.assert(
    // the word itself, or with one character changed, between other text, cut at any length
    fc.property(fc.string({ unit, maxLength: 6 }), text, fc.option(fc.tuple(fc.nat(19), unit)), fc.string({ unit, maxLength: 6 }), fc.nat(30), (before, word, change, after, cut) => {
      const placed = change === null ? word : word.slice(0, change[0]) + change[1] + word.slice(change[0] + 1);
      const bytes = enc.encode(before + placed + after);
      const i = before.length;
      const end = Math.min(bytes.length, i + cut);
      const byBytes = end - i >= word.length && [...word].every((c, k) => bytes[i + k] === c.charCodeAt(0));
      if (byBytes) matched++;
      assert.equal(literalAt(viewOf(bytes), i, end, asciiLiteral(word)), byBytes, JSON.stringify([before, placed, after, cut]));
    }),
    { numRuns: 3000, seed: 33 },
  );
  assert.ok(matched > 300 && matched < 2700, `${matched} of 3000 matched`);
});
