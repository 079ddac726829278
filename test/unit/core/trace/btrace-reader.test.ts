import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, read, rows } from './trace-test-helpers';
import { readTraceText } from '../../../../src/core/trace/trace-reader';
import { findReapers } from '../../../../src/core/analysis/reaper-activity';
import { summarizeTrace } from '../../../../src/core/analysis/trace-summary';
import { EventKind } from '../../../../src/core/events/event-kind';

const SAMPLE = fixture('btrace-baseline.txt');

test('the btrace sample (CPU 1 buffer before CPU 0) comes out sorted, with the facts of the fixture README', () => {
  const r = read(SAMPLE);
  assert.equal(r.format, 'btrace');
  assert.equal(r.table.baseNs, 1_720_624_895_000_000_500n);
  assert.equal(r.table.cpuCount, 2);
  const dead = 'spc_deadproc';
  assert.deepEqual(rows(r.table), [
    '0 1 on-cpu 100300 ksh -1 -1',
    '500 0 on-cpu 100200 sh -1 -1',
    '1000 0 exit 100200 sh -1 1', // arg1: the exit syscall, exit(2) = 1
    '1500 0 off-cpu 100200 sh 100010 0',
    `1500 0 dead 100200 sh ${r.table.strings.lookup(dead)} 0`,
    // idle0's own on__cpu (+2100) replaces the one synthesized from sh's off__cpu (+2000)
    '1600 0 on-cpu 100010 idle0 100200 5000',
    '2500 0 wakeup 100010 idle0 100005 1',
    '3500 1 off-cpu 100300 ksh 100005 0',
    '3700 1 on-cpu 100005 reaper 100300 6000',
    '9500 1 reap 100005 reaper -1 -1',
    '53700 1 sleep 100005 reaper -1 -1',
    '53800 1 off-cpu 100005 reaper 100011 0',
    // no on__cpu line for idle1: synthesized, named from idle1's own later line
    '53800 1 on-cpu 100011 idle1 100005 0',
    '59500 1 off-cpu 100011 idle1 100300 6000',
    '59500 1 on-cpu 100300 ksh 100011 0',
  ]);
  assert.equal(r.unknownLines, 1);
  assert.equal(r.junkLines, 1);
  // an older recording, without the END line: it ends at its last event, and says so at its last line
  assert.deepEqual(r.diagnostics.map((d) => [d.line, d.code]), [[13, 'unknown-probe'], [14, 'junk-line'], [15, 'end-not-recorded']]);
  assert.equal(r.diagnostics[2]!.severity, 'info');
  assert.equal(r.table.endTs, undefined);
});

test('the END line gives the end of the recording, no event; a reaper still running is counted up to it', () => {
  const end = '1720624895000100500 0 0 0 END 0 0 0 -';
  const r = read(`${SAMPLE}${end}\n`);
  // relative to the first event (+500): the recording ended 100 µs after it
  assert.equal(r.table.endTs, 100_000);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['unknown-probe', 'junk-line']);
  // the sample's last switch (idle1 → ksh at +59500) has no on__cpu line of ksh: before the
  // END line it was cut off, ksh never ran; the rest is the same events
  assert.deepEqual(rows(r.table), rows(read(SAMPLE).table).slice(0, -1));
  const reaper = [
    '1720624895000001000 2 100007 0 tracepoint:sched:on__cpu 0 0 0 reaper2',
    '1720624895000005000 2 100007 0 kprobe:uvm_exit:entry 0 0 0 reaper2',
  ].join('\n');
  const ended = read(`${reaper}\n1720624895000010000 0 0 0 END 0 0 0 -\n`);
  assert.deepEqual(findReapers(ended.table).map((x) => [x.comm, x.runs, x.busyNs, x.reaps]), [['reaper2', 1, 9000, 1]]);
  // an older recording: up to its last event
  const old = read(`${reaper}\n`);
  assert.deepEqual(findReapers(old.table).map((x) => [x.comm, x.runs, x.busyNs, x.reaps]), [['reaper2', 1, 4000, 1]]);
});

test('an END line before the last event (a clock step) never ends the recording early', () => {
  const r = read(`${SAMPLE}1720624895000000000 0 0 0 END 0 0 0 -\n`);
  assert.equal(r.table.endTs, r.table.ts[r.table.length - 1]);
});

test('a switch cut off by the END line (off__cpu, no on__cpu before the end) starts no run', () => {
  const lines = [
    '1720624895000001000 0 100200 5000 tracepoint:sched:on__cpu 0 0 0 sh',
    '1720624895000002000 0 100200 5000 tracepoint:sched:off__cpu 100005 0 0 sh',
  ];
  const cut = read(`${lines.join('\n')}\n1720624895000002100 0 0 0 END 0 0 0 -\n`);
  assert.deepEqual(rows(cut.table), ['0 0 on-cpu 100200 sh -1 -1', '1000 0 off-cpu 100200 sh 100005 0']);
  assert.equal(cut.table.endTs, 1100);
  // without END (a trace without on__cpu lines, or an older one) the switch stands
  const open = read(`${lines.join('\n')}\n`);
  assert.deepEqual(rows(open.table).at(-1), '1000 0 on-cpu 100005  100200 5000');
});

test('CRLF line ends read the same as LF', () => {
  const lf = read(SAMPLE);
  const crlf = read(SAMPLE.replace(/\n/g, '\r\n'));
  assert.deepEqual(rows(crlf.table), rows(lf.table));
  assert.deepEqual(crlf.diagnostics, lf.diagnostics);
});

test('a truncated last line is reported with its line number, earlier lines are kept', () => {
  const lines = SAMPLE.split('\n').slice(0, 7);
  const cut = `${lines.join('\n')}\n1720624895000001000 0 1002`;
  const r = read(cut);
  // CPU 1's block: 9 events (its reaper on__cpu merges into the synthesized one)
  assert.equal(r.table.length, 9);
  const truncated = r.diagnostics.find((d) => d.code === 'truncated-last-line');
  assert.equal(truncated?.line, 8);
  assert.ok(r.diagnostics.some((d) => d.code === 'junk-line' && d.line === 8));
});

test('the same lines in any order give the same table (per-CPU buffers)', () => {
  const lines = SAMPLE.split('\n').filter((l) => /^\d/.test(l));
  const reversed = read(`${[...lines].reverse().join('\n')}\n`);
  assert.deepEqual(rows(reversed.table).sort(), rows(read(`${lines.join('\n')}\n`).table).sort());
});

test('general btrace printf lines: columns found from the content, labelled columns by name', () => {
  // cpu, nsecs, tid, then the probe builtin, no pid (another order than the documented one)
  const text = [
    '3 1720624895000001000 100042 tracepoint:sched:on__cpu reaper2',
    '3 1720624895000009000 100042 tracepoint:sched:off__cpu 100011 0 reaper2',
    'cpu=1 nsecs=1720624895000002000 tid=100007 pid=77 probe=tracepoint:sched:wakeup arg0=100042 arg2=3 comm=sh',
  ].join('\n');
  const r = read(`${text}\n`);
  assert.deepEqual(rows(r.table), [
    '0 3 on-cpu 100042 reaper2 -1 -1',
    '1000 1 wakeup 100007 sh 100042 3',
    '8000 3 off-cpu 100042 reaper2 100011 0',
    '8000 3 on-cpu 100011  100042 -1',
  ]);
});

test('the map dump btrace prints at exit is skipped without diagnostics', () => {
  const dump = '@reaps[reaper0]: 12\n@lat:\n[0]                    3 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[1, 2)                 1 |@@@@@@@@@@@@@@@@@                                   |\n';
  // btrace prints END's output, then the maps
  const r = read(`1720624895000001000 0 100200 5000 tracepoint:sched:on__cpu 0 0 0 sh\n1720624895000002000 0 0 0 END 0 0 0 -\n\n${dump}`);
  assert.equal(r.table.length, 1);
  assert.deepEqual(r.diagnostics, []);
});

test('input that is no trace at all is a format error naming its first line', () => {
  const r = readTraceText('\nFrom: someone\nSubject: [PATCH] reaper\n');
  assert.equal(r.kind, 'format-error');
  assert.equal(r.kind === 'format-error' ? r.line : 0, 2);
});

/** Thread id 100042 used twice: forked, exits and dies; forked again later (OpenBSD reuses ids), exits and dies again. */
const REUSED_ID = [
  '1000 0 0 0 BEGIN 0 0 0 -',
  '2000 0 100005 5 tracepoint:sched:fork 100042 42 0 sh',
  '3000 0 100005 5 tracepoint:sched:off__cpu 100042 42 0 sh',
  '3500 0 100042 42 tracepoint:sched:on__cpu 0 0 0 sh',
  '4000 0 100042 42 syscall:exit:entry 0 0 0 sh',
  '5000 0 100042 42 tracepoint:sched:off__cpu 100005 5 0 sh',
  '5500 0 100005 5 tracepoint:sched:on__cpu 0 0 0 sh',
  '20000 0 100005 5 tracepoint:sched:fork 100042 43 0 sh',
  '21000 0 100005 5 tracepoint:sched:off__cpu 100042 43 0 sh',
  '21500 0 100042 43 tracepoint:sched:on__cpu 0 0 0 sh',
  '22000 0 100042 43 syscall:exit:entry 1 0 0 sh',
  '23000 0 100042 43 tracepoint:sched:off__cpu 100005 5 0 sh',
  '23500 0 100005 5 tracepoint:sched:on__cpu 0 0 0 sh',
  '30000 0 0 0 END 0 0 0 -',
  '',
].join('\n');

test('a thread id given to a new thread by a fork: each thread that had it exits and dies once', () => {
  const r = read(REUSED_ID);
  const deaths = rows(r.table).filter((row) => row.split(' ')[2] === 'dead');
  // ts relative to BEGIN; Dead at each thread's own final switch, with its own pid
  assert.deepEqual(deaths.map((row) => row.split(' ').slice(0, 4).join(' ')), ['4000 0 dead 100042', '22000 0 dead 100042']);
  assert.deepEqual(r.table.pid.filter((_, i) => r.table.kind[i] === EventKind.Dead), Int32Array.from([42, 43]));
  assert.equal(summarizeTrace({ ...r, table: r.table }).exits, 2);
});
