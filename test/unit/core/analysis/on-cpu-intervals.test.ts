import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { busyPerCpu, forEachOnCpuInterval } from '../../../../src/core/analysis/on-cpu-intervals';

function table() {
  const b = new EventTableBuilder();
  const sh = b.strings.intern('sh');
  const idle = b.strings.intern('idle1');
  const reaper = b.strings.intern('reaper');
  b.push(10, 0, EventKind.OffCpu, 200, 200, sh); // sh ran on CPU 0 since the window's start
  b.push(10, 0, EventKind.OnCpu, 5, 0, reaper);
  b.push(40, 0, EventKind.OffCpu, 5, 0, reaper);
  b.push(20, 1, EventKind.OnCpu, 9, 0, idle);
  b.push(50, 1, EventKind.OnCpu, 300, 300, sh); // on-cpu after on-cpu: idle's run ends here
  return b.finish();
}

test('intervals: a CPU first seen switching off ran that thread from the window start; runs open at the end close there', () => {
  const seen: string[] = [];
  forEachOnCpuInterval(table(), { start: 0, end: 100 }, (cpu, tid, _comm, s, e) => seen.push(`${cpu} ${tid} ${s}-${e}`));
  assert.deepEqual(seen, ['0 200 0-10', '0 5 10-40', '1 9 20-50', '1 300 50-100']);
});

test('busy time leaves idle threads out and counts reapers apart', () => {
  const busy = busyPerCpu(table(), { start: 0, end: 100 });
  // CPU 0: sh 10 + reaper 30 = 40, of which reaper 30; CPU 1: sh 50 (idle1's 30 not counted)
  assert.deepEqual(busy, { busyNs: [40, 50], reaperBusyNs: [30, 0] });
});
