import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TraceSink } from '../../../../src/core/trace/trace-sink';
import { EventKind } from '../../../../src/core/events/event-kind';

test('times are kept relative to the first second read; the base goes to the recorded start', () => {
  const sink = new TraceSink();
  const begin = sink.relative({ sec: 1_720_624_900, ns: 500 });
  sink.recordStart(begin);
  const sh = sink.intern('sh');
  sink.push(sink.relative({ sec: 1_720_624_900, ns: 20_500 }), 0, EventKind.Exit, 100_200, 200, sh);
  sink.push(sink.relative({ sec: 1_720_624_901, ns: 0 }), 1, EventKind.OffCpu, 100_300, 300, sh);
  sink.recordEnd(sink.relative({ sec: 1_720_624_901, ns: 100 }));
  const t = sink.finish();
  // base at BEGIN (…900 s + 500 ns): events at +20000 and +999999500 ns, end at +999999600 ns
  assert.equal(t.baseNs, 1_720_624_900_000_000_500n);
  assert.deepEqual([...t.ts], [20_000, 999_999_500]);
  assert.equal(t.startTs, 0);
  assert.equal(t.endTs, 999_999_600);
});

test('threads pushed unnamed get the name their later lines give, others keep the unknown name', () => {
  const sink = new TraceSink();
  const cc = sink.intern('cc');
  sink.push(10, 0, EventKind.OnCpu, 100_007, 7, sink.unknownComm);
  sink.awaitName(100_007);
  sink.push(11, 0, EventKind.OnCpu, 5_000_000, 8, sink.unknownComm);
  sink.awaitName(5_000_000);
  assert.equal(sink.awaitingNames, 2);
  sink.nameSeen(100_007, sink.unknownComm); // an unnamed line names nothing
  sink.nameSeen(100_007, cc);
  sink.nameSeen(100_007, sink.intern('sh')); // found already: the first name stays
  sink.push(20, 0, EventKind.OffCpu, 100_007, 7, cc);
  assert.equal(sink.awaitingNames, 1);
  const t = sink.finish();
  assert.deepEqual([...t.comm].map((id) => t.strings.get(id)), ['cc', '', 'cc']);
});
