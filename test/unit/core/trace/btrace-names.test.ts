/**
 * Probe and thread-name ids taken from btrace line bytes: the probe matcher and the comm
 * interner on the lines of the btrace sample, and on names given as text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommInterner, ProbeMatcher } from '../../../../src/core/trace/btrace-names';
import { Probe, probeOf } from '../../../../src/core/trace/btrace-probes';
import { TraceSink } from '../../../../src/core/trace/trace-sink';
import { TidSlots } from '../../../../src/core/trace/tid-slots';
import { fixture } from './trace-test-helpers';

const encoder = new TextEncoder();

/** Each event line of the sample as bytes, with where its probe (column 5) and comm (column 9) are. */
function sampleLines(): { bytes: Uint8Array; tid: number; probe: [number, number]; comm: [number, number]; text: string[] }[] {
  return fixture('btrace-baseline.txt').split('\n').filter((l) => l.split(' ').length === 9).map((line) => {
    const cols = line.split(' ');
    const at = (i: number): number => cols.slice(0, i).join(' ').length + (i > 0 ? 1 : 0);
    return { bytes: encoder.encode(line), tid: Number(cols[2]), probe: [at(4), at(4) + cols[4]!.length], comm: [at(8), line.length], text: cols };
  });
}

test('probe matcher: the same probe as probeOf for every line of the sample, twice over', () => {
  const matcher = new ProbeMatcher();
  const lines = sampleLines();
  assert.equal(lines.length, 13);
  for (let round = 0; round < 2; round++) {
    for (const l of lines) assert.equal(matcher.match(l.bytes, l.probe[0], l.probe[1]), probeOf(l.text[4]!), l.text[4]);
  }
  assert.equal(matcher.matchName('tracepoint:sched:on__cpu'), Probe.OnCpu);
  assert.equal(matcher.matchName('tracepoint:uvm:fault'), undefined);
});

test('probe matcher: same-length names are told apart; past 256 names it still answers', () => {
  const matcher = new ProbeMatcher();
  // "tracepoint:sched:sleep" and "tracepoint:sched:steal" are both 22 bytes
  assert.equal(matcher.matchName('tracepoint:sched:sleep'), Probe.Sleep);
  assert.equal(matcher.matchName('tracepoint:sched:steal'), Probe.Steal);
  for (let i = 0; i < 300; i++) assert.equal(matcher.matchName(`tracepoint:x:p${i}`), undefined);
  assert.equal(matcher.matchName('tracepoint:sched:wakeup'), Probe.Wakeup, 'a name first seen after the cap');
  assert.equal(matcher.matchName('tracepoint:sched:sleep'), Probe.Sleep);
});

test('comm interner: one id per distinct name; a thread keeps its id until its name changes', () => {
  const sink = new TraceSink();
  const interner = new CommInterner(sink, new TidSlots());
  const ids = new Map<string, number>();
  for (const l of sampleLines()) {
    const id = interner.intern(l.tid, l.bytes, l.comm[0], l.comm[1]);
    const name = l.text[8]!;
    if (ids.has(name)) assert.equal(id, ids.get(name), name);
    ids.set(name, id);
    assert.equal(sink.strings.get(id), name);
    assert.equal(interner.known(l.tid), id);
  }
  // ksh, reaper, idle1, sh, idle0
  assert.deepEqual([...ids.keys()], ['ksh', 'reaper', 'idle1', 'sh', 'idle0']);
  assert.equal(new Set(ids.values()).size, 5);
  assert.equal(interner.known(999_999), -1, 'a thread never seen');
  // sh (tid 100200) renamed by exec: a new id for it, the old name's id unchanged
  const exec = interner.internName(100200, 'cc');
  assert.notEqual(exec, ids.get('sh'));
  assert.equal(interner.known(100200), exec);
  assert.equal(interner.internName(100201, 'sh'), ids.get('sh'));
});

test('comm interner: UTF-8 names decoded whole, by bytes; a name awaited for a thread is reported to the sink', () => {
  const sink = new TraceSink();
  const interner = new CommInterner(sink, new TidSlots());
  const id = interner.internName(7, 'törn');
  assert.equal(sink.strings.get(id), 'törn');
  assert.equal(interner.internName(8, 'törn'), id);
  assert.notEqual(interner.internName(9, 'torn'), id);
  sink.awaitName(10);
  assert.equal(sink.awaitingNames, 1);
  interner.internName(10, 'late');
  assert.equal(sink.awaitingNames, 0, 'the first name seen for thread 10 answers the wait');
});
