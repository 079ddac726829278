import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CliIo } from '../../../src/cli/command';
import { readTraceFile } from '../../../src/cli/trace-file-reader';
import { renderComparison, renderDiagnostics, renderSummary, table } from '../../../src/cli/trace-output';
import { summarizeTrace, type TraceSummary } from '../../../src/core/analysis/trace-summary';
import { compareTraces } from '../../../src/core/compare/trace-comparison';
import { TRACES } from '../core/trace/trace-test-helpers';

const io: CliIo = { out: () => {}, err: () => {}, readStdin: async () => new Uint8Array() };

async function summaryOf(name: string): Promise<TraceSummary> {
  const r = await readTraceFile(join(TRACES, name), io);
  return summarizeTrace({ format: r.format, table: r.table, unknownLines: r.unknownLines, junkLines: r.junkLines, diagnostics: r.diagnostics });
}

test('columns: left-aligned to the widest cell, two spaces apart, indented by two, no trailing blanks', () => {
  assert.equal(table([['CPU', 'thread'], ['10', 'reaper0'], ['1', '']]), '  CPU  thread\n  10   reaper0\n  1');
});

test('a btrace summary: the counts, the reapers\' table, the exit→reap latency, the totals and busy share per CPU', async () => {
  const lines = renderSummary('b.txt', await summaryOf('btrace-baseline.txt')).split('\n');
  // btrace-baseline.txt: 15 events on 2 CPUs over 59.5 µs, one unknown probe line, one junk line;
  // the reaper on CPU 1 runs once for 50.1 µs and reaps once; one exit→reap of 8.5 µs.
  assert.equal(lines[0], 'b.txt: btrace, 15 events on 2 CPUs over 59.5 µs (1 unknown, 1 unreadable lines)');
  assert.equal(lines[1], 'reapers:');
  assert.match(lines[2]!, /^ {2}CPU {2}thread {2}runs {2}busy +reaps$/);
  assert.match(lines[3]!, /^ {2}1 {4}reaper {2}1 {5}50\.1 µs {2}1$/);
  assert.equal(lines[4], 'exit→reap latency (inferred): n=1 mean 8.50 µs p50 8.50 µs p99 8.50 µs max 8.50 µs');
  assert.match(lines[5]!, /^\d+ exits, \d+ idle hops, \d+ cross-CPU wakeups, \d+ context switches$/);
  assert.match(lines[6]!, /^busy: \d+\.\d% \(cpu0 \d+\.\d%, cpu1 \d+\.\d%\)$/);
  assert.equal(lines[7], '');
});

test('a Linux summary: no reaper, generic events counted, the exit→free split', async () => {
  const text = renderSummary('f.txt', await summaryOf('ftrace-flags5.txt'));
  assert.match(text, /^f\.txt: ftrace, 13 events on \d+ CPUs over .* \(\d+ kept as generic events, \d+ unreadable lines\)\n/);
  assert.match(text, /^reapers: none \(no thread named reaper or reaperN\)$/m);
  // ftrace-flags5.txt: one exit freed 2.75 ms after the final switch (trace.test.ts's facts), which
  // came 50 µs after the exit: 2.80 ms from exit to free, the latency the summary reports.
  assert.match(text, /^exit→reap latency: n=1 mean 2\.80 ms p50 2\.80 ms p99 2\.80 ms max 2\.80 ms$/m);
  assert.match(text, /^exit→free \(Linux\): n=1 exit→final switch mean 50\.0 µs, switch→free mean 2\.75 ms, exit→free mean 2\.80 ms; 0 exits without a later free, 0 frees without a recorded exit$/m);
});

test('a comparison: a row per metric with both values, the change and the ratio; diagnostics as FILE:LINE lines', async () => {
  const a = await summaryOf('btrace-baseline.txt');
  const b = await summaryOf('btrace-patched-begin-end.txt');
  const text = renderComparison('a.txt', 'b.txt', compareTraces(a, b));
  assert.match(text, /^ {2}metric +a\.txt +b\.txt +change +ratio\n/);
  // 15 events against 12: change -3, ratio 12/15 = 0.80.
  assert.match(text, /^ {2}events +15 +12 +-3 +×0\.80$/m);
  assert.ok(text.endsWith('\n'));
  assert.equal(renderDiagnostics('t.txt', [{ line: 14, severity: 'warning', code: 'junk-line', message: 'not a trace line' }, { line: 15, severity: 'info', code: 'no-end', message: 'no END' }]),
    't.txt:14: warning junk-line: not a trace line\nt.txt:15: info no-end: no END\n');
  assert.equal(renderDiagnostics('t.txt', []), '');
});
