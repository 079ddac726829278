/**
 * The line reader contract (FormatReader) that the stream reader drives: both readers fed the
 * fixtures line by line, as bytes with 1-based line numbers, then end() and adjust().
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormatReader, TraceFormat } from '../../../../src/core/trace/format-reader';
import { BtraceReader } from '../../../../src/core/trace/btrace-reader';
import { FtraceReader } from '../../../../src/core/trace/ftrace-reader';
import { TraceSink } from '../../../../src/core/trace/trace-sink';
import { DiagnosticLog } from '../../../../src/core/trace/diagnostic-log';
import { fixture, read, rows } from './trace-test-helpers';

function feed(make: (sink: TraceSink, log: DiagnosticLog) => FormatReader, name: string) {
  const sink = new TraceSink();
  const log = new DiagnosticLog();
  const reader = make(sink, log);
  const encoder = new TextEncoder();
  fixture(name).split('\n').forEach((line, i) => {
    if (line === '') return;
    // the line inside a larger buffer: the reader must read bytes[start, end) only
    const bytes = encoder.encode(`##${line}##`);
    reader.line(bytes, 2, bytes.length - 2, i + 1);
  });
  reader.end();
  const table = sink.finish();
  reader.adjust?.(table);
  return { reader, table, log };
}

const cases: [TraceFormat, (sink: TraceSink, log: DiagnosticLog) => FormatReader, string, number, number][] = [
  // the uvm:fault line is unknown, the drop notice junk (fixture README)
  ['btrace', (s, l) => new BtraceReader(s, l), 'btrace-baseline.txt', 1, 1],
  // sched_stat_runtime is kept as an instant, counted as unknown; no junk
  ['ftrace', (s, l) => new FtraceReader(s, l), 'ftrace-flags5.txt', 1, 0],
];

for (const [format, make, name, unknown, junk] of cases) {
  test(`${format} reader on ${name}: the table and counts the stream reader gives`, () => {
    const { reader, table } = feed(make, name);
    const whole = read(fixture(name));
    assert.equal(reader.format, format);
    assert.equal(reader.unknownLines, unknown);
    assert.equal(reader.junkLines, junk);
    assert.deepEqual(rows(table), rows(whole.table));
  });
}
