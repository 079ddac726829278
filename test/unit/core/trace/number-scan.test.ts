import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesNsecs, bytesUint, scanInt, scanNsecs, scanSecondsDotFraction, scanUint, type SplitNs } from '../../../../src/core/trace/number-scan';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

test('unsigned decimals: the value up to 2^53, -1 for empty, signs, other characters or beyond', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 19n }), (v) => {
      const text = v.toString();
      const expected = v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : -1;
      assert.equal(scanUint(text, 0, text.length), expected);
      assert.equal(bytesUint(ascii(text), 0, text.length), expected);
    }),
    { numRuns: 300, seed: 31 },
  );
  for (const bad of ['', '-1', '1a', ' 1', '+2']) {
    assert.equal(scanUint(bad, 0, bad.length), -1, bad);
    assert.equal(bytesUint(ascii(bad), 0, bad.length), -1, bad);
  }
  assert.equal(scanUint('x42y', 1, 3), 42, 'a range inside the text');
  assert.equal(scanInt('-42', 0, 3), -42);
  assert.ok(Number.isNaN(scanInt('4-2', 0, 3)));
});

test('nsecs since the epoch split exactly at 10^9, from text and from bytes', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 19n - 1n }), (v) => {
      const text = v.toString();
      const want = { sec: Number(v / 1_000_000_000n), ns: Number(v % 1_000_000_000n) };
      const a: SplitNs = { sec: -1, ns: -1 };
      const b: SplitNs = { sec: -1, ns: -1 };
      assert.ok(scanNsecs(text, 0, text.length, a));
      assert.ok(bytesNsecs(ascii(text), 0, text.length, b));
      assert.deepEqual(a, want);
      assert.deepEqual(b, want);
    }),
    { numRuns: 300, seed: 37 },
  );
  assert.equal(scanNsecs('12x4', 0, 4, { sec: 0, ns: 0 }), false);
});

test('ftrace SECONDS.FRACTION: 6 digits are µs, 9 are ns, other widths scaled; malformed is false', () => {
  const t: SplitNs = { sec: 0, ns: 0 };
  assert.ok(scanSecondsDotFraction('5000.000250', 0, 11, t));
  assert.deepEqual(t, { sec: 5000, ns: 250_000 });
  assert.ok(scanSecondsDotFraction('12.123456789', 0, 12, t));
  assert.deepEqual(t, { sec: 12, ns: 123_456_789 });
  assert.ok(scanSecondsDotFraction('3.5', 0, 3, t));
  assert.deepEqual(t, { sec: 3, ns: 500_000_000 });
  for (const bad of ['5000', '5000.', '.5', '1.1234567890', 'a.1']) assert.equal(scanSecondsDotFraction(bad, 0, bad.length, t), false, bad);
});
