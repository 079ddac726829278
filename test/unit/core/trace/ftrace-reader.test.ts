import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, read, rows } from './trace-test-helpers';
import { exitFreeSplit } from '../../../../src/core/analysis/exit-free-split';
import { TraceStreamReader, type TraceReadResult } from '../../../../src/core/trace/trace-reader';

const VARIANTS = ['ftrace-flags5.txt', 'ftrace-tgid-flags4.txt', 'ftrace-trace-cmd.txt'];

/** The scenario of the fixture README, as events (ts relative to the first line, 5000.000050 s). */
const EXPECTED = [
  '0 0 fork 1977 bash 2001 -1',
  '10000 0 wakeup 1977 bash 2001 1',
  '50000 1 off-cpu 0 swapper/1 2001 -1',
  '50000 1 on-cpu 2001 worker 0 -1',
  '150000 1 exit 2001 worker -1 -1',
  '200000 1 off-cpu 2001 worker 0 -1',
  '200000 1 dead 2001 worker DEAD -1',
  '200000 1 on-cpu 0 swapper/1 2001 -1',
  '250000 0 off-cpu 1977 bash 0 -1',
  '250000 0 on-cpu 0 swapper/0 1977 -1',
  '350000 0 steal 30 kworker/0:1 31 1',
  '2450000 0 instant 0 <idle> sched_stat_runtime|FIELDS',
  '2950000 0 reap 0 <idle> 2001 -1',
];

for (const name of VARIANTS) {
  test(`ftrace ${name}: header skipped, every sched event read, another event kept as an instant with its fields`, () => {
    const r = read(fixture(name));
    assert.equal(r.format, 'ftrace');
    assert.equal(r.headerCpus, 2);
    assert.equal(r.table.baseNs, 5_000_000_050_000n);
    const dead = String(r.table.strings.lookup('linux-exit-dead'));
    // with the TGID column, on-cpu's arg1 is the outgoing task's tgid, unknown (-------) for <idle>
    const tgid = name.includes('tgid');
    const got = rows(r.table).map((row) => (tgid && / on-cpu /.test(row) ? row.replace(/ (1977|2001)$/, ' -1') : row));
    // the payload as printed (the TGID sample's kernel also prints vruntime)
    const fields = `comm=kworker/0:1 pid=30 runtime=1200 [ns]${tgid ? ' vruntime=5000 [ns]' : ''}`;
    assert.deepEqual(got, EXPECTED.map((e) => e.replace('DEAD', dead).replace('FIELDS', fields)));
    assert.equal(r.unknownLines, 1, 'sched_stat_runtime, kept as an instant');
    assert.equal(r.junkLines, 0);
    assert.deepEqual(r.diagnostics.map((d) => d.code), []);
  });
}

test('the TGID column fills the pid column: the current task, and a task switched to once its tgid was seen', () => {
  const r = read(fixture('ftrace-tgid-flags4.txt'));
  const at = (needle: string) => rows(r.table).findIndex((row) => row.includes(needle));
  assert.equal(r.table.pid[at(' fork ')], 1977);
  assert.equal(r.table.pid[at(' exit ')], 2001);
  // worker is switched to before any line of its own: its tgid is not known yet
  assert.equal(r.table.pid[at('on-cpu 2001')], -1);
  assert.equal(read(fixture('ftrace-flags5.txt')).table.pid[at(' fork ')], -1);
});

test('lost-event notices are reported as warnings on their line', () => {
  const text = fixture('ftrace-trace-cmd.txt').replace('cpus=2\n', 'cpus=2\nCPU:1 [LOST 1024 EVENTS]\n');
  const r = read(text);
  const lost = r.diagnostics.find((d) => d.code === 'lost-events');
  assert.equal(lost?.line, 2);
  assert.equal(lost?.severity, 'warning');
  assert.match(lost!.message, /1024/);
});

test('Linux exit→free split: 50 µs to the final switch, 2750 µs to the free', () => {
  for (const name of VARIANTS) {
    const split = exitFreeSplit(read(fixture(name)).table);
    assert.equal(split.count, 1);
    assert.deepEqual([...split.exitToSwitchNs], [50_000]);
    assert.deepEqual([...split.switchToFreeNs], [2_750_000]);
    assert.deepEqual([...split.exitToFreeNs], [2_800_000]);
  }
});

test('a broken sched_switch payload is a junk line with its number, the rest is read', () => {
  const text = fixture('ftrace-flags5.txt').replace('prev_comm=bash prev_pid=1977 prev_prio=120 prev_state=S', 'prev_comm=bash prev_pid=x');
  const r = read(text);
  const bad = r.diagnostics.find((d) => d.code === 'skipped-lines');
  assert.equal(bad?.line, 18);
  assert.equal(r.table.length, EXPECTED.length - 2);
});

test('a line carried across chunks is read to its own end: a shorter line does not take the longer one\'s left-over bytes', () => {
  const header = '# tracer: nop\n#\n';
  const full = '             bash-1000 [000] d..2. 5000.000137: sched_wakeup: comm=bash pid=1001 prio=120 target_cpu=001';
  // the same line cut just before the colon after its event name: not an event
  const cut = full.slice(0, full.indexOf(': comm='));
  const later = '             bash-1001 [001] d..2. 5000.000200: sched_wakeup: comm=bash pid=1000 prio=120 target_cpu=000';
  const text = `${header}${full}\n${cut}\n${later}\n`;
  const bytes = new TextEncoder().encode(text);
  // both lines start in one chunk and end in the next, so each is carried; the carried copy of
  // the cut line has the full line's ': comm=…' right after its end
  const at = (s: string, back: number): number => text.indexOf(s) + s.length - back;
  const cuts = [at(full, 10), at(cut, 5), bytes.length];
  const reader = new TraceStreamReader();
  let from = 0;
  for (const to of cuts) {
    reader.push(bytes.slice(from, to));
    from = to;
  }
  const chunked = reader.end() as TraceReadResult;
  const whole = read(text);
  assert.deepEqual(rows(chunked.table), rows(whole.table));
  assert.equal(chunked.table.length, 2, 'the two wakeups, not the cut line');
  assert.deepEqual(chunked.diagnostics.map((d) => [d.code, d.line]), [['skipped-lines', 4]]);
  assert.equal(chunked.junkLines, 1);
});
