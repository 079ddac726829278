/**
 * The trace reader's entry points (readTraceText, readTrace, TraceStreamReader) on the
 * fixtures: format detection by content, the counts it reports, and the diagnostics it adds
 * at the end (truncated last line, no events, no END line, trace.dat pushed as text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTrace, readTraceText, TraceStreamReader } from '../../../../src/core/trace/trace-reader';
import { fixture, read, rows } from './trace-test-helpers';
import { datBytes } from './trace-dat/dat-fixtures';

const codes = (r: { diagnostics: { code: string; line: number }[] }): string[] => r.diagnostics.map((d) => `${d.line} ${d.code}`);

test('btrace sample: 15 lines, 15 events, the uvm probe unknown, the drop notice junk, no END', () => {
  const r = read(fixture('btrace-baseline.txt'));
  assert.equal(r.format, 'btrace');
  // 13 event lines (one of them the unread uvm:fault probe), the drop notice, the map dump
  assert.equal(r.lines, 15);
  assert.equal(r.table.length, 15, 'the README counts 15 events');
  assert.equal(r.unknownLines, 1);
  assert.equal(r.junkLines, 1);
  assert.equal(r.headerCpus, 0);
  assert.equal(r.cancelled, false);
  assert.deepEqual(codes(r), ['13 unknown-probe', '14 junk-line', '15 end-not-recorded']);
});

test('btrace with BEGIN and END: no end-not-recorded note', () => {
  const r = read(fixture('btrace-patched-begin-end.txt'));
  assert.equal(r.format, 'btrace');
  assert.equal(r.lines, 13);
  assert.deepEqual(r.diagnostics, []);
});

test('tracefs text: ftrace, #P:2 in its header is headerCpus', () => {
  const r = read(fixture('linux-tracefs-storm.txt'));
  assert.equal(r.format, 'ftrace');
  assert.equal(r.headerCpus, 2);
  // 12 header lines and 511 events (entries-in-buffer/entries-written: 511/511)
  assert.equal(r.lines, 12 + 511);
  assert.deepEqual(r.diagnostics, []);
});

test('the format option skips detection: ftrace text read as btrace gives no events', () => {
  const r = readTraceText(fixture('ftrace-flags5.txt'), { format: 'btrace' });
  assert.equal(r.kind, 'trace');
  if (r.kind !== 'trace') return;
  assert.equal(r.format, 'btrace');
  assert.equal(r.table.length, 0);
  assert.ok(codes(r).includes('21 no-events'));
});

test('empty input is an empty btrace with a no-events warning on line 1', () => {
  const r = read('');
  assert.equal(r.format, 'btrace');
  assert.equal(r.lines, 0);
  assert.deepEqual(codes(r), ['1 no-events']);
});

test('text that is no trace: a format error at its first non-empty line', () => {
  assert.deepEqual(readTraceText('\n\nhello\nworld\n'), {
    kind: 'format-error',
    message: 'neither btrace nor ftrace output (nor a trace-cmd trace.dat): no event line in the first 2 non-empty lines',
    line: 3,
  });
  // detection gives up after 200 lines without an event line, before the event on line 201
  const late = `${'hello\n'.repeat(200)}${fixture('btrace-baseline.txt')}`;
  const r = readTraceText(late);
  assert.equal(r.kind, 'format-error');
});

test('an event line on line 200 is still found, the lines before it kept as junk', () => {
  const lines = fixture('btrace-baseline.txt').split('\n');
  const r = read(`${'hello\n'.repeat(199)}${lines.join('\n')}`);
  assert.equal(r.format, 'btrace');
  assert.equal(r.junkLines, 199 + 1);
  assert.deepEqual(rows(r.table), rows(read(fixture('btrace-baseline.txt')).table));
});

test('a cut last line is warned about with its number', () => {
  const text = fixture('ftrace-flags5.txt');
  const r = read(text.slice(0, text.lastIndexOf('sched_process_free')));
  assert.ok(codes(r).includes('21 truncated-last-line'), codes(r).join());
});

test('trace.dat bytes pushed to the line reader: a format error, not garbage events', () => {
  const reader = new TraceStreamReader();
  reader.push(datBytes('linux-storm.v6.dat'));
  const r = reader.end();
  assert.equal(r.kind, 'format-error');
  assert.match(r.kind === 'format-error' ? r.message : '', /trace-cmd trace\.dat \(binary\)/);
});

test('readTrace: trace.dat found by its first chunk, text chunks read as lines, same table either way', async () => {
  const dat = await readTrace([datBytes('linux-storm.v7.dat')]);
  const text = new TextEncoder().encode(fixture('linux-storm.report.txt'));
  const fromText = await readTrace([text.subarray(0, 1000), text.subarray(1000)]);
  assert.ok(dat.kind === 'trace' && fromText.kind === 'trace');
  assert.equal(dat.format, 'trace-dat');
  assert.equal(fromText.format, 'ftrace');
  assert.deepEqual(rows(dat.table), rows(fromText.table));
});
