import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INSTANT_FIELDS_BUDGET_CHARS, LinuxEvents } from '../../../../src/core/trace/ftrace-events';
import { TraceSink } from '../../../../src/core/trace/trace-sink';
import { EventKind } from '../../../../src/core/events/event-kind';

const kinds = (sink: TraceSink): number[] => [...sink.finish().kind];

test('a final switch (prev_state X) gives off-cpu, dead and on-cpu; a plain one off-cpu and on-cpu', () => {
  const sink = new TraceSink();
  const linux = new LinuxEvents(sink);
  const w = sink.intern('worker');
  const idle = sink.intern('swapper/1');
  linux.switch(100, 1, -1, w, 2001, true, idle, 0, -1);
  linux.switch(200, 1, -1, idle, 0, false, w, 2002, -1);
  assert.deepEqual(kinds(sink), [EventKind.OffCpu, EventKind.Dead, EventKind.OnCpu, EventKind.OffCpu, EventKind.OnCpu]);
});

test('sched_wakeup is an enqueue when the recording has sched_waking, the wakeup point when it has not', () => {
  for (const [withWaking, want] of [[true, EventKind.Enqueue], [false, EventKind.Wakeup]] as const) {
    const sink = new TraceSink();
    const linux = new LinuxEvents(sink);
    const c = sink.intern('bash');
    if (withWaking) linux.wakeup('sched_waking', 10, 0, 1977, -1, c, 2001, 1);
    linux.wakeup('sched_wakeup', 20, 0, 1977, -1, c, 2001, 1);
    const table = sink.finish();
    linux.adjust(table);
    assert.equal(table.kind[table.length - 1], want);
  }
});

test('other events are instants with their name and fields; fields past the budget are not kept', () => {
  const sink = new TraceSink();
  const linux = new LinuxEvents(sink);
  const c = sink.intern('sh');
  linux.instant(10, 0, 5, -1, c, 'sched_process_exec', 'filename=/bin/sh pid=5 old_pid=5');
  // one field text as long as the whole budget no longer fits after the first
  linux.instant(20, 0, 5, -1, c, 'big', 'x'.repeat(INSTANT_FIELDS_BUDGET_CHARS));
  const table = sink.finish();
  assert.equal(linux.instants, 2);
  assert.equal(linux.fieldsDropped, 1);
  assert.equal(table.strings.get(table.arg0[0]!), 'sched_process_exec');
  assert.equal(table.strings.get(table.arg1[0]!), 'filename=/bin/sh pid=5 old_pid=5');
  assert.equal(table.arg1[1], -1);
});
