import { test } from 'node:test';
import assert from 'node:assert/strict';
import { traceCounts } from '../../../../src/core/annotations/trace-counts';
import { EVENT_KIND_NAMES } from '../../../../src/core/events/event-kind';
import { fixture, read } from '../trace/trace-test-helpers';

const counts = (name: string, kernel: 'openbsd' | 'linux' = 'openbsd') => traceCounts(read(fixture(name)).table, name, kernel);

test('the baseline btrace sample: its 15 events by kind and the counts that map to exit-path sites (fixture README)', () => {
  const c = counts('btrace-baseline.txt');
  assert.equal(c.label, 'btrace-baseline.txt');
  assert.equal(c.kernel, 'openbsd');
  // The 15 events the btrace reader test lists: 6 on-cpu (ksh twice, sh, idle0, the reaper, idle1),
  // 4 off-cpu, sh's exit and dead, idle0's wakeup, the reaper's reap and sleep.
  assert.deepEqual(Object.entries(c.byKind).filter(([, n]) => n > 0), [
    ['on-cpu', 6], ['off-cpu', 4], ['wakeup', 1], ['sleep', 1], ['exit', 1], ['dead', 1], ['reap', 1]]);
  // Every kind is listed, with 0 where there is none.
  assert.deepEqual(Object.keys(c.byKind), [...EVENT_KIND_NAMES]);
  // idle0 on CPU 0 wakes the reaper onto CPU 1 (cross-CPU), the reaper sleeps once, sh's exit goes through idle0.
  assert.deepEqual(c.sites, { reaperSleeps: 1, reaperWakeups: 1, reaperCrossCpuWakeups: 1, idleHops: 1 });
  assert.deepEqual(c.lockWaitNs, {}, 'btrace sees no locks');
});

test('the patched btrace sample: reaper1 sleeps once, nobody wakes a reaper, sh switches straight to reaper0 (no idle hop)', () => {
  const c = counts('btrace-patched-begin-end.txt');
  assert.deepEqual(c.sites, { reaperSleeps: 1, reaperWakeups: 0, reaperCrossCpuWakeups: 0, idleHops: 0 });
  assert.equal(c.byKind.reap, 1, 'reaper0 calls uvm_exit once');
});

test('a Linux trace keeps its kernel, and has no reaper to count', () => {
  const c = counts('ftrace-flags5.txt', 'linux');
  assert.equal(c.kernel, 'linux');
  assert.equal(c.sites.reaperSleeps + c.sites.reaperWakeups + c.sites.reaperCrossCpuWakeups, 0);
  assert.equal(c.byKind.exit, 1, 'worker (pid 2001) exits once (fixture README)');
});
