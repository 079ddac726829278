import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixture, rows } from './trace-test-helpers';
import { TraceStreamReader, type TraceReadResult } from '../../../../src/core/trace/trace-reader';
import type { FormatError } from '../../../../src/core/common/diagnostic';

const SAMPLES = ['btrace-baseline.txt', 'ftrace-flags5.txt', 'ftrace-tgid-flags4.txt', 'ftrace-trace-cmd.txt'].map((n) => new TextEncoder().encode(fixture(n)));

/** Reads bytes cut into chunks at the given offsets. */
function readChunks(bytes: Uint8Array, cuts: number[]): TraceReadResult | FormatError {
  const reader = new TraceStreamReader();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(bytes.subarray(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  reader.push(bytes.subarray(at));
  return reader.end();
}

function checkInvariants(r: TraceReadResult | FormatError, lineCount: number): void {
  if (r.kind === 'format-error') {
    assert.ok((r.line ?? 1) >= 1);
    return;
  }
  const t = r.table;
  for (let i = 1; i < t.length; i++) assert.ok(t.ts[i]! >= t.ts[i - 1]!, 'sorted by time');
  for (const d of r.diagnostics) assert.ok(d.line >= 1 && d.line <= lineCount, `diagnostic line ${d.line} within 1..${lineCount}`);
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
);

function mutate(bytes: Uint8Array, ms: { op: string; at: number; byte?: number; len?: number }[]): Uint8Array {
  let b = Array.from(bytes);
  for (const m of ms) {
    const at = b.length ? m.at % b.length : 0;
    if (m.op === 'flip') b[at] = m.byte!;
    else if (m.op === 'cut') b.splice(at, m.len!);
    else b = [...b.slice(0, at + m.len!), ...b.slice(at)];
  }
  return Uint8Array.from(b);
}

const lineCount = (b: Uint8Array): number => new TextDecoder().decode(b).split('\n').length;

test('fuzz: mutated traces never throw, stay sorted, and report diagnostics on real line numbers', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: SAMPLES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (s, ms, cuts) => {
      const bytes = mutate(SAMPLES[s]!, ms);
      checkInvariants(readChunks(bytes, cuts.map((c) => c % (bytes.length + 1))), lineCount(bytes));
    }),
    { numRuns: 400, seed: 20240710 },
  );
});

test('fuzz: random garbage never throws', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
      checkInvariants(readChunks(bytes, [bytes.length >> 1]), lineCount(bytes));
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('property: where the chunks are cut does not change the result (multi-byte UTF-8 included)', () => {
  const withUtf8 = new TextEncoder().encode(fixture('btrace-baseline.txt').replace(/ sh$/gm, ' shé€'));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: SAMPLES.length }), fc.array(fc.nat(), { maxLength: 10 }), (s, cuts) => {
      const bytes = s === SAMPLES.length ? withUtf8 : SAMPLES[s]!;
      const whole = readChunks(bytes, []) as TraceReadResult;
      const cut = readChunks(bytes, cuts.map((c) => c % (bytes.length + 1))) as TraceReadResult;
      assert.deepEqual(rows(cut.table), rows(whole.table));
      assert.deepEqual(cut.diagnostics, whole.diagnostics);
    }),
    { numRuns: 200, seed: 11 },
  );
  assert.ok(rows((readChunks(withUtf8, []) as TraceReadResult).table).some((r) => r.includes('shé€')));
});

test('a very long line without newline is cut, not held whole', () => {
  const reader = new TraceStreamReader({ format: 'btrace' });
  const block = new TextEncoder().encode('x'.repeat(1 << 16));
  for (let i = 0; i < 40; i++) reader.push(block);
  const r = reader.end() as TraceReadResult;
  assert.ok(r.diagnostics.some((d) => d.code === 'line-too-long' && d.line === 1));
});
