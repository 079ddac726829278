import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, rows } from './trace-test-helpers';
import { readTrace, type TraceReadResult } from '../../../../src/core/trace/trace-reader';

const SAMPLE = new TextEncoder().encode(fixture('btrace-baseline.txt'));

/** The sample in chunks of `size` bytes, as an async stream (like a file read stream). */
async function* chunks(size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < SAMPLE.length; i += size) yield SAMPLE.subarray(i, i + size);
}

test('progress is reported after every chunk with bytes read, total and events so far', async () => {
  const seen: [number, number | undefined, number][] = [];
  const r = (await readTrace(chunks(100), { totalBytes: SAMPLE.length, onProgress: (b, t, e) => seen.push([b, t, e]) })) as TraceReadResult;
  assert.equal(seen.length, Math.ceil(SAMPLE.length / 100));
  assert.deepEqual(seen.at(-1)!.slice(0, 2), [SAMPLE.length, SAMPLE.length]);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]![0] > seen[i - 1]![0] && seen[i]![2] >= seen[i - 1]![2]);
  assert.equal(r.cancelled, false);
  assert.equal(r.table.length, 15);
});

test('cancelling stops between chunks and returns what was read, marked cancelled', async () => {
  const signal = { aborted: false };
  const r = (await readTrace(chunks(200), {
    signal,
    onProgress: (bytes) => {
      if (bytes >= 400) signal.aborted = true;
    },
  })) as TraceReadResult;
  assert.equal(r.cancelled, true);
  assert.ok(r.table.length > 0 && r.table.length < 15, `partial table, ${r.table.length} events`);
  assert.ok(!r.diagnostics.some((d) => d.code === 'truncated-last-line'), 'a cancelled read is not a truncated file');
});

test('an AbortController signal works as the cancel signal', async () => {
  const controller = new AbortController();
  controller.abort();
  const r = (await readTrace(chunks(64), { signal: controller.signal })) as TraceReadResult;
  assert.equal(r.cancelled, true);
  assert.equal(r.table.length, 0);
});

test('the same trace read in 7-byte chunks and in one piece gives the same table', async () => {
  const small = (await readTrace(chunks(7))) as TraceReadResult;
  const whole = (await readTrace([SAMPLE])) as TraceReadResult;
  assert.deepEqual(rows(small.table), rows(whole.table));
});
