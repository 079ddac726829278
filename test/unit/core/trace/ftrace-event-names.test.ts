import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FtraceEvent, FtraceEventNames, ftraceEventOf } from '../../../../src/core/trace/ftrace-event-names';

const enc = new TextEncoder();

test('the modelled scheduler events have their codes, any other name is Other with its text', () => {
  const names = new FtraceEventNames();
  const line = enc.encode('x sched_switch sched_wakeup_new sched_wakeup sched_process_exec sched_switch');
  const words: [number, number][] = [[2, 14], [15, 31], [32, 44], [45, 63], [64, 76]];
  const got = words.map(([s, e]) => [names.match(line, s, e), names.name]);
  assert.deepEqual(got, [
    [FtraceEvent.Switch, 'sched_switch'], [FtraceEvent.WakeupNew, 'sched_wakeup_new'], [FtraceEvent.Wakeup, 'sched_wakeup'],
    [FtraceEvent.Other, 'sched_process_exec'], [FtraceEvent.Switch, 'sched_switch'],
  ]);
  assert.equal(ftraceEventOf('sched_migrate_task'), FtraceEvent.Migrate);
  assert.equal(ftraceEventOf('constructor'), FtraceEvent.Other, 'not an Object property');
});

test('names of the same length and ends are told apart', () => {
  const names = new FtraceEventNames();
  // same length (12), same last byte and middle byte: one bucket
  const a = enc.encode('sched_waking');
  const b = enc.encode('schXd_wakiXg');
  assert.equal(names.match(a, 0, a.length), FtraceEvent.Waking);
  assert.equal(names.match(b, 0, b.length), FtraceEvent.Other);
  assert.equal(names.name, 'schXd_wakiXg');
  assert.equal(names.match(a, 0, a.length), FtraceEvent.Waking);
});
