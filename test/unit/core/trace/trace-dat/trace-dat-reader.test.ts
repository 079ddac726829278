/**
 * trace-cmd's trace.dat (trace-cmd.dat.v6(5), trace-cmd.dat.v7(5)), on real recordings made on
 * a 2-CPU Linux 6.18 VM with trace-cmd 3.1.6 (test/fixtures/traces/README.md says how):
 * - linux-storm: recorded as version 6, converted by `trace-cmd convert` to version 7
 *   uncompressed and zstd-compressed; `trace-cmd report -t` of it is linux-storm.report.txt.
 * - linux-runtime: recorded as version 7 with zstd, with sched_stat_runtime; its report beside it.
 * - linux-threads: a thread storm (recording/thread-storm.c) recorded on another machine (2-CPU
 *   Linux 6.18 sandbox, trace-cmd 3.1.6) as version 6, kept converted to version 7 with zstd.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readTrace, readTraceText, type TraceReadResult } from '../../../../../src/core/trace/trace-reader';
import { readTraceDat } from '../../../../../src/core/trace/trace-dat/trace-dat-reader';
import { memoryByteSource } from '../../../../../src/core/trace/trace-dat/byte-source';
import { EventKind } from '../../../../../src/core/events/event-kind';
import { tableHash } from '../../../../../src/core/events/table-hash';
import { fixture, read, rows, TRACES } from '../trace-test-helpers';

const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(TRACES, name)));

async function readDat(data: Uint8Array): Promise<TraceReadResult> {
  const r = await readTraceDat(memoryByteSource(data));
  assert.equal(r.kind, 'trace', r.kind === 'format-error' ? r.message : '');
  return r as TraceReadResult;
}

const count = (r: TraceReadResult, kind: number): number => r.table.kind.filter((k) => k === kind).length;

for (const name of ['linux-storm.v6.dat', 'linux-storm.v7.dat', 'linux-storm.v7-zstd.dat']) {
  test(`${name}: the same table as trace-cmd report's text of the same recording`, async () => {
    const dat = await readDat(bytes(name));
    const text = read(fixture('linux-storm.report.txt'));
    assert.equal(dat.format, 'trace-dat');
    assert.deepEqual(rows(dat.table), rows(text.table));
    assert.equal(dat.table.baseNs, text.table.baseNs);
    // the report has 784 event lines (785 lines less `cpus=2`): one record each
    assert.equal(dat.lines, 784);
    assert.deepEqual(dat.diagnostics, []);
  });
}

/** Every recording kept both ways: its trace.dat encodings and the `trace-cmd report -t` text of it. */
const RECORDED_PAIRS = [
  { dats: ['linux-storm.v6.dat', 'linux-storm.v7.dat', 'linux-storm.v7-zstd.dat'], report: 'linux-storm.report.txt' },
  { dats: ['linux-runtime.v7-zstd.dat'], report: 'linux-runtime.report.txt' },
  { dats: ['linux-threads.v7-zstd.dat'], report: 'linux-threads.report.txt' },
];

for (const { dats, report } of RECORDED_PAIRS) {
  for (const name of dats) {
    test(`${name} and ${report}: the same table, strings in the same order, one table hash`, async () => {
      const dat = await readDat(bytes(name));
      const text = read(fixture(report));
      // the names a trace.dat saves for pids never seen in an event are not in the report's table either
      assert.deepEqual(dat.table.strings.all(), text.table.strings.all());
      assert.equal(tableHash(dat.table), tableHash(text.table));
    });
  }
}

test('linux-storm: every record mapped, counted from the report text by event name', async () => {
  const r = await readDat(bytes('linux-storm.v6.dat'));
  // from `grep -c` per event in linux-storm.report.txt: 339 sched_switch, 27 of them final (prev_state 18 Z + 9 X),
  // 162 sched_waking, 162 sched_wakeup, 26 sched_wakeup_new, 26 fork, 27 exit, 25 free, 3 migrate,
  // 3 sched_process_exec and 11 sched_process_wait
  assert.equal(count(r, EventKind.OffCpu), 339);
  assert.equal(count(r, EventKind.OnCpu), 339);
  assert.equal(count(r, EventKind.Dead), 27);
  // the report prints prev_state as a letter before `==>`: the 27 final switches are 18 Z and 9 X
  const states = fixture('linux-storm.report.txt').match(/\] ([A-Z]+) ==>/g)!.map((m) => m.slice(2, -4));
  assert.equal(states.length, 339);
  assert.deepEqual([states.filter((x) => x === 'Z').length, states.filter((x) => x === 'X').length], [18, 9]);
  assert.equal(count(r, EventKind.Wakeup), 162 + 26, 'sched_waking is the wakeup point; sched_wakeup_new too');
  assert.equal(count(r, EventKind.Enqueue), 162, 'sched_wakeup: the woken task queued');
  assert.equal(count(r, EventKind.Fork), 26);
  assert.equal(count(r, EventKind.Exit), 27);
  assert.equal(count(r, EventKind.Reap), 25);
  assert.equal(count(r, EventKind.Steal), 3);
  assert.equal(count(r, EventKind.Instant), 3 + 11);
  assert.equal(r.unknownLines, 14);
  assert.equal(r.table.length, 339 * 2 + 27 + 162 * 2 + 26 + 26 + 27 + 25 + 3 + 14);
  assert.equal(r.table.cpuCount, 2);
  const exec = rows(r.table).find((row) => row.includes(' instant ') && row.includes('sched_process_exec|'));
  assert.match(exec!, /sched_process_exec\|filename=\S+ pid=\d+ old_pid=\d+$/);
});

test('linux-runtime (recorded as version 7, zstd): the same table as its report, instants with their printed fields', async () => {
  const dat = await readDat(bytes('linux-runtime.v7-zstd.dat'));
  const text = read(fixture('linux-runtime.report.txt'));
  assert.deepEqual(rows(dat.table), rows(text.table));
  // 477 sched_stat_runtime + 3 exec + 8 wait lines in the report
  assert.equal(dat.unknownLines, 477 + 3 + 8);
  const runtime = rows(dat.table).filter((row) => row.includes('sched_stat_runtime|'));
  assert.equal(runtime.length, 477);
  assert.ok(runtime.every((row) => / runtime=\d+ \[ns\]$/.test(row)), 'print fmt "runtime=%Lu [ns]" with a cast argument');
});

test('linux-threads: the thread storm, counted from its report text, the same from trace.dat and the report', async () => {
  const dat = await readDat(bytes('linux-threads.v7-zstd.dat'));
  const text = read(fixture('linux-threads.report.txt'));
  assert.deepEqual(rows(dat.table), rows(text.table));
  assert.deepEqual(dat.diagnostics, []);
  // 597 report lines less `cpus=2`; by `grep -c ' EVENT: '`: 265 sched_switch (final: 18 Z + 3 X),
  // 115 sched_waking, 115 sched_wakeup, 21 wakeup_new, 21 fork, 21 exit, 19 free, 7 migrate, 6 exec, 6 wait
  assert.equal(dat.lines, 596);
  assert.equal(count(dat, EventKind.OffCpu), 265);
  assert.equal(count(dat, EventKind.Dead), 18 + 3);
  assert.equal(count(dat, EventKind.Wakeup), 115 + 21);
  assert.equal(count(dat, EventKind.Enqueue), 115);
  assert.equal(count(dat, EventKind.Fork), 21);
  assert.equal(count(dat, EventKind.Exit), 21);
  assert.equal(count(dat, EventKind.Reap), 19);
  assert.equal(count(dat, EventKind.Steal), 7);
  assert.equal(dat.unknownLines, 6 + 6);
  // 3 waves of 6 threads: thread-storm (pid 1670) forks 18 threads, tids 1671..1688, each exits and is freed
  const t = dat.table;
  const storm = (i: number): boolean => t.strings.get(t.comm[i]!) === 'thread-storm';
  const children: number[] = [];
  const exited = new Set<number>();
  const freed = new Set<number>();
  for (let i = 0; i < t.length; i++) {
    if (t.kind[i] === EventKind.Fork && storm(i) && t.tid[i] === 1670) children.push(t.arg0[i]!);
    if (t.kind[i] === EventKind.Exit && storm(i)) exited.add(t.tid[i]!);
    if (t.kind[i] === EventKind.Reap) freed.add(t.arg0[i]!);
  }
  const threads = Array.from({ length: 18 }, (_, k) => 1671 + k);
  assert.deepEqual(children, threads);
  assert.deepEqual([...exited].sort((a, b) => a - b), [1670, ...threads]);
  // the 19 frees are the storm's; sh (1668) and sleep (1689) exit without a free before the recording stops
  assert.deepEqual([...freed].sort((a, b) => a - b), [1670, ...threads]);
});

test('names outside ASCII: read from trace.dat as UTF-8, as the text reader reads them from the report', async () => {
  // 'storm' and 'stör' are both 5 bytes in UTF-8 (s t 0xc3 0xb6 r): the same file with every 'storm'
  // (saved command lines, comm fields, exec file names) renamed, and its report renamed the same way
  const from = new TextEncoder().encode('storm');
  const to = new TextEncoder().encode('st\u00f6r');
  const data = bytes('linux-storm.v6.dat').slice();
  let renamed = 0;
  for (let i = 0; i + from.length <= data.length; i++) {
    if (from.every((b, k) => data[i + k] === b)) {
      data.set(to, i);
      renamed++;
    }
  }
  assert.ok(renamed > 20, `${renamed} names renamed`);
  const dat = await readDat(data);
  const text = read(fixture('linux-storm.report.txt').replaceAll('storm', 'st\u00f6r'));
  assert.ok(dat.table.strings.all().includes('st\u00f6r'));
  assert.deepEqual(rows(dat.table), rows(text.table));
  assert.equal(tableHash(dat.table), tableHash(text.table));
});

test('format detection is by content: trace.dat chunks read through readTrace, whatever the name', async () => {
  const data = bytes('linux-storm.v7-zstd.dat');
  const chunks = [data.subarray(0, 4096), data.subarray(4096)];
  const progress: number[] = [];
  const r = await readTrace(chunks, { onProgress: (b) => progress.push(b) });
  assert.equal(r.kind, 'trace');
  assert.equal((r as TraceReadResult).format, 'trace-dat');
  assert.equal((r as TraceReadResult).table.length, 1150);
  assert.deepEqual(progress.slice(0, 2), [4096, data.length]);
});

test('progress per page read and cancellation between pages', async () => {
  const data = bytes('linux-storm.v6.dat');
  const seen: number[] = [];
  const signal = { aborted: false };
  const r = await readTraceDat(memoryByteSource(data), {
    signal,
    onProgress: (read, total, events) => {
      seen.push(read);
      assert.equal(total, data.length);
      if (events > 100) signal.aborted = true;
    },
  });
  assert.equal(r.kind, 'trace');
  const t = r as TraceReadResult;
  assert.equal(t.cancelled, true);
  assert.ok(t.table.length > 100 && t.table.length < 1150, `partial table: ${t.table.length}`);
  assert.ok(seen.every((b, i) => i === 0 || b >= seen[i - 1]!));
});

test('a cut file: what is there is read, the cut is reported', async () => {
  const data = bytes('linux-storm.v6.dat');
  // the metadata ends before 0x3000 (CPU data is page aligned after it); cut inside CPU 1's data
  const r = await readDat(data.subarray(0, data.length - 6000));
  assert.ok(r.table.length > 0 && r.table.length < 1150);
  assert.ok(r.diagnostics.some((d) => d.code === 'trace-dat-cpu-data' && d.severity === 'warning'), JSON.stringify(r.diagnostics));
});

test('not a trace.dat this reader can read: a format error, not an exception', async () => {
  const data = bytes('linux-storm.v6.dat').slice();
  data[10] = '8'.charCodeAt(0);
  const r = await readTraceDat(memoryByteSource(data));
  assert.equal(r.kind, 'format-error');
  assert.match((r as { message: string }).message, /version 8 is not supported/);
  const cut = await readTraceDat(memoryByteSource(bytes('linux-storm.v6.dat').subarray(0, 300)));
  assert.equal(cut.kind, 'format-error');
  assert.match((cut as { message: string }).message, /cut short/);
});

test('damaged bytes in the metadata or anywhere never throw (seeded)', async () => {
  const files = ['linux-storm.v6.dat', 'linux-storm.v7-zstd.dat'].map(bytes);
  await fc.assert(
    fc.asyncProperty(fc.nat(1), fc.array(fc.tuple(fc.oneof(fc.nat(6000), fc.nat()), fc.nat(255)), { minLength: 1, maxLength: 8 }), async (which, edits) => {
      const data = files[which]!.slice();
      for (const [at, value] of edits) data[at % data.length] = value;
      const r = await readTraceDat(memoryByteSource(data));
      assert.ok(r.kind === 'trace' || r.kind === 'format-error');
    }),
    { seed: 14, numRuns: 150 },
  );
});

test('the line reader given trace.dat bytes says what they are', () => {
  const r = readTraceText(bytes('linux-storm.v6.dat'));
  assert.equal(r.kind, 'format-error');
  assert.match((r as { message: string }).message, /trace-cmd trace\.dat/);
});
