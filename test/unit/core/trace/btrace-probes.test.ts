/**
 * Probe names as btrace prints them: every probe media/reaperscope.bt enables, and every probe
 * column of the btrace fixtures, maps to the probe it is; others are unknown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEGIN_PROBE, END_PROBE, EXIT_SYSCALLS, isKnownShortProbe, Probe, probeOf } from '../../../../src/core/trace/btrace-probes';
import { fixture } from './trace-test-helpers';

const script = readFileSync(join(__dirname, '../../../../media/reaperscope.bt'), 'utf8');

test("media/reaperscope.bt: each probe it enables is known, by the name it prints", () => {
  const probes = [...script.matchAll(/^(BEGIN|END|[a-z_]+:[a-z_]+:[a-z_]+)\s*$/gm)].map((m) => m[1]!);
  // BEGIN, 8 sched tracepoints, the exit and __threxit syscalls, END
  assert.equal(probes.length, 12, probes.join());
  assert.deepEqual(probes.map((p) => probeOf(p)), [
    Probe.Begin, Probe.OnCpu, Probe.OffCpu, Probe.Wakeup, Probe.Sleep, Probe.Enqueue, Probe.Dequeue, Probe.Fork, Probe.Steal,
    Probe.ExitCall, Probe.ThrexitCall, Probe.End,
  ]);
  assert.equal(BEGIN_PROBE, probes[0]);
  assert.equal(END_PROBE, probes[11]);
});

test('the btrace sample: its probes known except uvm:fault (line 13, the one it does not read)', () => {
  const columns = fixture('btrace-baseline.txt').split('\n').map((l) => l.split(' ')[4]).filter((p): p is string => p !== undefined && p.includes(':'));
  assert.equal(columns.length, 13);
  assert.deepEqual(columns.filter((p) => probeOf(p) === undefined), ['tracepoint:uvm:fault']);
  assert.equal(probeOf('kprobe:uvm_exit:entry'), Probe.UvmExit);
  assert.equal(probeOf('tracepoint:raw_syscalls:sys_enter'), Probe.SysEnter);
});

test('the shorter spellings: function:name, and the bare name for the __ sched probes only', () => {
  assert.equal(probeOf('sched:on__cpu'), Probe.OnCpu);
  assert.equal(probeOf('on__cpu'), Probe.OnCpu);
  assert.equal(probeOf('remain__cpu'), Probe.Ignored);
  assert.equal(probeOf('wakeup'), undefined, 'a bare name without __ is not a probe column');
  assert.equal(probeOf('uvm_exit:entry'), Probe.UvmExit);
  assert.equal(probeOf('proc_free:entry'), Probe.ProcFree);
  assert.equal(probeOf('__threxit:entry'), Probe.ThrexitCall);
  assert.equal(probeOf('raw_syscalls:sys_exit'), Probe.Ignored);
  assert.equal(probeOf('tracepoint:sched:On__cpu'), undefined, 'names are case-sensitive');
  assert.equal(isKnownShortProbe('off__cpu'), true);
  assert.equal(isKnownShortProbe('sleep'), false);
  assert.equal(isKnownShortProbe('no__such'), false);
});

test('exit syscalls: OpenBSD SYS_exit 1 and SYS___threxit 302 (sys/syscall.h)', () => {
  assert.deepEqual([...EXIT_SYSCALLS].sort((a, b) => a - b), [1, 302]);
});
