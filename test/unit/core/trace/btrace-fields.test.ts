import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { digitsField, fieldEnd, nsecsField } from '../../../../src/core/trace/btrace-fields';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A field of digits, other characters or nothing, followed by a space and more, or by the line's end. */
const fieldThenRest = fc.tuple(
  fc.oneof(fc.stringMatching(/^\d{1,22}$/), fc.stringMatching(/^[\dx:_-]{0,6}$/)),
  fc.oneof(fc.constant(''), fc.stringMatching(/^ [\w ]{0,8}$/)),
);

test('digitsField reads the digits up to the space or the end, as /^\\d+$/ and Number do', () => {
  fc.assert(
    fc.property(fieldThenRest, fc.stringMatching(/^[\w ]{0,4}$/), ([field, rest], before) => {
      const line = bytes(before + field + rest);
      const v = digitsField(line, before.length, line.length);
      if (/^\d+$/.test(field)) {
        assert.equal(fieldEnd, before.length + field.length);
        if (field.length <= 15) assert.equal(v, Number(field));
      } else assert.equal(fieldEnd, -1);
    }),
    { numRuns: 500, seed: 2 },
  );
});

test('nsecsField splits up to 19 digits at 10^9 exactly, as BigInt does', () => {
  fc.assert(
    fc.property(fieldThenRest, ([field, rest]) => {
      const line = bytes(field + rest);
      const t = { sec: -1, ns: -1 };
      nsecsField(line, 0, line.length, t);
      if (/^\d{1,19}$/.test(field)) {
        assert.equal(fieldEnd, field.length);
        const n = BigInt(field);
        assert.deepEqual(t, { sec: Number(n / 1_000_000_000n), ns: Number(n % 1_000_000_000n) });
      } else {
        assert.equal(fieldEnd, -1);
        assert.deepEqual(t, { sec: -1, ns: -1 }, 'left alone');
      }
    }),
    { numRuns: 500, seed: 3 },
  );
});

test('a field is read within the given end only', () => {
  const line = bytes('1720624895000000123 7');
  const t = { sec: 0, ns: 0 };
  nsecsField(line, 0, 10, t);
  assert.equal(fieldEnd, 10);
  assert.deepEqual(t, { sec: 1, ns: 720624895 });
  assert.equal(digitsField(line, 20, 20), 0);
  assert.equal(fieldEnd, -1, 'empty');
});
