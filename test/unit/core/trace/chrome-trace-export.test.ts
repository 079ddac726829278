import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, read } from './trace-test-helpers';
import { chromeTracePieces } from '../../../../src/core/trace/chrome-trace-export';

interface TraceEvent {
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  name: string;
  cat?: string;
  cname?: string;
  id?: number;
  bp?: string;
  args?: Record<string, unknown>;
}

function exportSample(pieceChars?: number): { pieces: string[]; events: TraceEvent[] } {
  const table = read(fixture('btrace-baseline.txt')).table;
  const pieces = [...chromeTracePieces(table, pieceChars === undefined ? {} : { pieceChars })];
  const doc = JSON.parse(pieces.join('')) as { traceEvents: TraceEvent[] };
  return { pieces, events: doc.traceEvents };
}

test('Chrome trace: one named track per CPU under the process "CPUs"', () => {
  const { events } = exportSample();
  const meta = events.filter((e) => e.ph === 'M');
  assert.deepEqual(meta.find((e) => e.name === 'process_name')?.args, { name: 'CPUs' });
  assert.deepEqual(meta.filter((e) => e.name === 'thread_name').map((e) => [e.tid, e.args?.['name']]), [[0, 'CPU 0'], [1, 'CPU 1']]);
});

test('Chrome trace: a slice per running stretch, reaper slices marked, times in µs', () => {
  const { events } = exportSample();
  const slices = events.filter((e) => e.ph === 'X');
  const reaper = slices.filter((e) => e.cat === 'reaper');
  assert.equal(reaper.length, 1);
  assert.deepEqual({ ...reaper[0] }, {
    ph: 'X', pid: 0, tid: 1, ts: 3.7, dur: 50.1, name: 'reaper', cat: 'reaper', cname: 'terrible', args: { tid: 100005, pid: 0 },
  });
  // sh ran on CPU 0 from +500 to its final switch at +1500 ns
  assert.ok(slices.some((e) => e.name === 'sh' && e.tid === 0 && e.ts === 0.5 && e.dur === 1));
  // slices on one CPU track never overlap
  for (const cpu of [0, 1]) {
    const mine = slices.filter((e) => e.tid === cpu).sort((a, b) => a.ts! - b.ts!);
    for (let i = 1; i < mine.length; i++) assert.ok(mine[i]!.ts! >= mine[i - 1]!.ts! + mine[i - 1]!.dur! - 1e-9);
  }
});

test('Chrome trace: the wakeup of the reaper is a flow from CPU 0 to its slice on CPU 1', () => {
  const { events } = exportSample();
  const start = events.find((e) => e.ph === 's');
  const end = events.find((e) => e.ph === 'f');
  assert.ok(start && end);
  assert.equal(start.id, end.id);
  assert.deepEqual([start.tid, start.ts], [0, 2.5]);
  assert.deepEqual([end.tid, end.ts, end.bp], [1, 3.7, 'e']);
});

test('Chrome trace: small pieces join to the same document', () => {
  const whole = exportSample().pieces.join('');
  const small = exportSample(100);
  assert.ok(small.pieces.length > 5);
  assert.equal(small.pieces.join(''), whole);
});

test('Chrome trace: other Linux events are instants named after them, with their fields', () => {
  // ftrace-flags5.txt line 20: <idle>-0 on CPU 0 at 5000.002500 (2450 µs after the first line)
  // prints sched_stat_runtime with 'comm=kworker/0:1 pid=30 runtime=1200 [ns]'
  const table = read(fixture('ftrace-flags5.txt')).table;
  const doc = JSON.parse([...chromeTracePieces(table)].join('')) as { traceEvents: TraceEvent[] };
  const generic = doc.traceEvents.filter((e) => e.cat === 'event');
  assert.deepEqual(generic, [{
    ph: 'i', s: 't', pid: 0, tid: 0, ts: 2450, name: 'sched_stat_runtime', cat: 'event',
    args: { tid: 0, pid: -1, comm: '<idle>', fields: 'comm=kworker/0:1 pid=30 runtime=1200 [ns]' },
  } as TraceEvent]);
});
