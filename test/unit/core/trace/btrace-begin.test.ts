/**
 * The start of a btrace recording: media/reaperscope.bt's BEGIN line (btrace prints it before
 * it records, so first) is where the table's base and the analysis window start, so an idle
 * head before the first event counts in the span and the busy fractions. Facts of the sample
 * are in test/fixtures/traces/README.md (btrace-patched-begin-end.txt).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, read, rows } from './trace-test-helpers';
import { computeMetrics } from '../../../../src/core/analysis/run-metrics';
import { utilisationPerCpu } from '../../../../src/core/analysis/trace-cpu-metrics';
import { exitToReap } from '../../../../src/core/analysis/exit-to-reap';
import { findReapers } from '../../../../src/core/analysis/reaper-activity';

const SAMPLE = fixture('btrace-patched-begin-end.txt');
const LINES = SAMPLE.trimEnd().split('\n');
/** Absolute time of the sample's BEGIN line, ns. */
const T = 1_720_624_900_000_000_000n;
/** The sample's lines without its BEGIN line: an older recording. */
const WITHOUT_BEGIN = `${LINES.slice(1).join('\n')}\n`;

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

test('BEGIN starts the recording: base at BEGIN, the idle head before the first event counted in span and busy fractions', () => {
  const r = read(SAMPLE);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.table.baseNs, T);
  assert.equal(r.table.startTs, 0);
  assert.equal(r.table.endTs, 100_000);
  // BEGIN and END give no event; times are ns after BEGIN
  assert.deepEqual(rows(r.table), [
    '20000 0 exit 100200 sh -1 1',
    '21000 0 off-cpu 100200 sh 100010 0',
    `21000 0 dead 100200 sh ${r.table.strings.lookup('spc_deadproc')} 0`,
    '21200 0 on-cpu 100010 reaper0 100200 5000',
    '30000 0 reap 100010 reaper0 -1 -1',
    '35000 0 off-cpu 100010 reaper0 100001 0',
    '35100 0 on-cpu 100001 idle0 100010 0',
    '40000 1 off-cpu 100300 ksh 100011 0',
    '40300 1 on-cpu 100011 reaper1 100300 6000',
    '45000 1 sleep 100011 reaper1 -1 -1',
    '45200 1 off-cpu 100011 reaper1 100300 6000',
    '45300 1 on-cpu 100300 ksh 100011 0',
  ]);
  const m = computeMetrics(r.table);
  assert.equal(m.spanNs, 100_000);
  // sh ran on CPU 0 and ksh on CPU 1 from BEGIN to their first switch (21000 and 40000 ns)
  assert.deepEqual(utilisationPerCpu(r.table), [(21_000 + 13_800) / 100_000, (40_000 + 4_900 + 54_700) / 100_000]);
  assert.equal(m.utilisation, 134_400 / 200_000);
  assert.deepEqual([...exitToReap(r.table).latenciesNs], [10_000]);
  assert.deepEqual(findReapers(r.table).map((x) => [x.comm, x.busyNs, x.reaps]), [['reaper0', 13_800, 1], ['reaper1', 4_900, 0]]);
});

test('without BEGIN (an older recording) the recording starts at its first event, as before', () => {
  const r = read(WITHOUT_BEGIN);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.table.baseNs, T + 20_000n);
  assert.equal(r.table.startTs, undefined);
  assert.equal(r.table.endTs, 80_000);
  const m = computeMetrics(r.table);
  assert.equal(m.spanNs, 80_000);
  // the heads now start at the first event (T + 20000): sh 1000 ns, ksh 20000 ns
  assert.deepEqual(utilisationPerCpu(r.table), [(1_000 + 13_800) / 80_000, (20_000 + 4_900 + 54_700) / 80_000]);
  assert.equal(m.utilisation, 94_400 / 160_000);
  // the same events and runs, 20 µs earlier relative to the base
  const withBegin = read(SAMPLE).table;
  assert.deepEqual([...r.table.ts], [...withBegin.ts].map((t) => t - 20_000));
  assert.deepEqual(findReapers(r.table), findReapers(withBegin));
});

test('a BEGIN line after probe lines is reported with its line and not used', () => {
  // moved after CPU 1's buffer: line 6
  const moved = lines(...LINES.slice(1, 6), LINES[0]!, ...LINES.slice(6));
  const r = read(moved);
  assert.deepEqual(r.diagnostics.map((d) => [d.line, d.severity, d.code]), [[6, 'warning', 'begin-after-events']]);
  assert.match(r.diagnostics[0]!.message, /line 1\b/);
  const old = read(WITHOUT_BEGIN).table;
  assert.equal(r.table.startTs, undefined);
  assert.equal(r.table.baseNs, old.baseNs);
  assert.deepEqual(rows(r.table), rows(old));
  assert.equal(computeMetrics(r.table).spanNs, 80_000);
});

test('a BEGIN line after general btrace lines (read late, once their columns are learnt) is still after them', () => {
  const general = [
    '3 1720624900000010000 100042 tracepoint:sched:on__cpu reaper3',
    '3 1720624900000019000 100042 tracepoint:sched:off__cpu 100011 0 reaper3',
  ];
  const r = read(lines(...general, LINES[0]!, LINES.at(-1)!));
  assert.deepEqual(r.diagnostics.map((d) => [d.line, d.code]), [[3, 'begin-after-events']]);
  assert.equal(r.table.startTs, undefined);
  assert.equal(computeMetrics(r.table).spanNs, 90_000, 'first event (+10000) to END (+100000)');
});

test('a second BEGIN line is reported with its line; the first one counts', () => {
  const second = '1720624900000050000 0 0 0 BEGIN 0 0 0 -';
  const r = read(lines(...LINES.slice(0, -1), second, LINES.at(-1)!));
  assert.deepEqual(r.diagnostics.map((d) => [d.line, d.severity, d.code]), [[13, 'warning', 'begin-repeated']]);
  assert.equal(r.table.baseNs, T);
  assert.equal(r.table.startTs, 0);
  assert.equal(computeMetrics(r.table).spanNs, 100_000);
  assert.deepEqual(rows(r.table), rows(read(SAMPLE).table));
});

test('a BEGIN later than the first event (a clock step) starts the recording at that event', () => {
  const late = '1720624900000025000 0 0 0 BEGIN 0 0 0 -';
  const r = read(lines(late, ...LINES.slice(1)));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.table.baseNs, T + 20_000n);
  assert.equal(r.table.startTs, 0);
  assert.equal(r.table.ts[0], 0);
  assert.equal(computeMetrics(r.table).spanNs, 80_000);
});

test('BEGIN and END without events: the recording still spans BEGIN → END', () => {
  const r = read(lines(LINES[0]!, LINES.at(-1)!));
  assert.equal(r.table.length, 0);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['no-events']);
  assert.equal(r.table.baseNs, T);
  assert.equal(r.table.startTs, 0);
  assert.equal(r.table.endTs, 100_000);
  assert.equal(computeMetrics(r.table).spanNs, 100_000);
  // BEGIN alone says nothing about a span
  assert.equal(read(lines(LINES[0]!)).table.startTs, undefined);
});

test('ftrace has no BEGIN: its tables never have a start of recording', () => {
  for (const name of ['ftrace-flags5.txt', 'ftrace-tgid-flags4.txt', 'ftrace-trace-cmd.txt']) {
    const r = read(fixture(name));
    assert.equal(r.format, 'ftrace', name);
    assert.equal(r.table.startTs, undefined, name);
    assert.equal(r.table.ts[0], 0, name);
  }
});
