import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DETECT_HEAD_BYTES, detectTraceFormat } from '../../../../src/core/trace/trace-format-detect';
import { TRACE_DAT_MAGIC } from '../../../../src/core/trace/trace-dat/trace-dat-layout';
import { readTraceText } from '../../../../src/core/trace/trace-reader';
import { TRACES } from './trace-test-helpers';

const FIXTURES = join(__dirname, '../../../fixtures');
const bytes = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The fixture traces with the format the stream reader finds in the whole file (trace.dat by its magic). */
const traces = readdirSync(TRACES).filter((n) => /\.(txt|dat)$/.test(n)).sort().map((name) => {
  const data = bytes(join(TRACES, name));
  const whole = name.endsWith('.dat') ? 'trace-dat' : readTraceText(data);
  const format = typeof whole === 'string' ? whole : whole.kind === 'trace' ? whole.format : null;
  return { name, data, format };
});

test('each fixture trace is told by its first KB as the format the reader finds in the whole file', () => {
  assert.ok(traces.length >= 10, traces.map((t) => t.name).join(', '));
  for (const { name, data, format } of traces) {
    assert.ok(format, `${name}: the reader reads it as a trace`);
    assert.equal(detectTraceFormat(data.subarray(0, DETECT_HEAD_BYTES)), format, name);
  }
  // Fixture facts: both btrace recordings, the three ftrace texts, trace-cmd's reports (`cpus=2` first) and its trace.dat files.
  const by = (f: string) => traces.filter((t) => t.format === f).map((t) => t.name);
  assert.deepEqual(by('btrace'), ['btrace-baseline.txt', 'btrace-patched-begin-end.txt']);
  assert.deepEqual(by('ftrace'), ['ftrace-flags5.txt', 'ftrace-tgid-flags4.txt', 'ftrace-trace-cmd.txt', 'linux-runtime.report.txt', 'linux-storm.report.txt', 'linux-threads.report.txt', 'linux-tracefs-storm.txt']);
  assert.deepEqual(by('trace-dat'), ['linux-runtime.v7-zstd.dat', 'linux-storm.v6.dat', 'linux-storm.v7-zstd.dat', 'linux-storm.v7.dat', 'linux-threads.v7-zstd.dat']);
});

test('text files of a kernel workspace that are not traces are not taken for one', () => {
  for (const path of [
    'workspace/patches/one-reaper-per-cpu.marc.txt', // a .txt: the patch as a MARC archive page
    'workspace/patches/one-reaper-per-cpu.review.eml', 'workspace/patches/series-out-of-order.mbox',
    'workspace/patches/one-reaper-per-cpu.patch', 'workspace/README.md', 'traces/README.md',
    'workspace/sys/kern/kern_exit.c', 'workspace/sys/kern/kern_sched.c',
  ]) {
    const data = bytes(join(FIXTURES, path));
    assert.equal(detectTraceFormat(data.subarray(0, DETECT_HEAD_BYTES)), null, path);
    assert.equal(detectTraceFormat(data, true), null, `${path} (whole)`);
  }
  assert.equal(detectTraceFormat(new Uint8Array(0), true), null);
  assert.equal(detectTraceFormat(encode('\n\n   \n'), true), null);
});

test('a cut head: the line without its newline counts only when the head is the whole file', () => {
  // btrace-baseline.txt's first line is 68 bytes and a documented btrace event (`wc -c` of `head -1`: 69 with its newline).
  const baseline = traces.find((t) => t.name === 'btrace-baseline.txt')!.data;
  assert.equal(baseline.indexOf(0x0a), 68);
  assert.equal(detectTraceFormat(baseline.subarray(0, 68)), null);
  assert.equal(detectTraceFormat(baseline.subarray(0, 68), true), 'btrace');
  assert.equal(detectTraceFormat(baseline.subarray(0, 69)), 'btrace');
  // A head longer than DETECT_HEAD_BYTES is looked at up to there: its cut line is not whole.
  const late = encode(`${'x\n'.repeat(DETECT_HEAD_BYTES / 2)}# tracer: nop\n`);
  assert.equal(detectTraceFormat(late, true), null);
  assert.equal(detectTraceFormat(late.subarray(DETECT_HEAD_BYTES), true), 'ftrace');
});

test('CRLF line ends and the trace.dat magic alone', () => {
  const ftrace = readFileSync(join(TRACES, 'ftrace-flags5.txt'), 'utf8');
  assert.equal(detectTraceFormat(encode(ftrace.replace(/\n/g, '\r\n')).subarray(0, DETECT_HEAD_BYTES)), 'ftrace');
  assert.equal(detectTraceFormat(Uint8Array.from(TRACE_DAT_MAGIC)), 'trace-dat');
  assert.equal(detectTraceFormat(Uint8Array.from(TRACE_DAT_MAGIC.slice(0, 9)), true), null);
});

test('property: any prefix of a fixture trace is told as its format or as nothing, never as another, and once told stays told', () => {
  fc.assert(fc.property(fc.constantFrom(...traces), fc.nat({ max: DETECT_HEAD_BYTES + 64 }), fc.nat({ max: 64 }), (trace, n, more) => {
    const shorter = detectTraceFormat(trace.data.subarray(0, n));
    const longer = detectTraceFormat(trace.data.subarray(0, n + more));
    assert.ok(shorter === null || shorter === trace.format, `${trace.name} [0, ${n}): ${shorter}`);
    if (shorter) assert.equal(longer, shorter, `${trace.name} [0, ${n + more})`);
  }), { seed: 0xd7ec7, numRuns: 500 });
});
