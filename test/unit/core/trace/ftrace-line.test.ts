import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeFtrace, parseFtraceLine } from '../../../../src/core/trace/ftrace-line';
import { fixture } from './trace-test-helpers';

test('the three printings of the fixture scenario give the same fields', () => {
  // the same worker exit in ftrace-flags5.txt, ftrace-tgid-flags4.txt and the trace-cmd report form
  const lines = [
    '          worker-2001    [001] .....  5000.000200: sched_process_exit: comm=worker pid=2001 prio=120 group_dead=1',
    '          worker-2001  ( 2001) [001] ....  5000.000200: sched_process_exit: comm=worker pid=2001 prio=120',
    '          worker-2001  [001]  5000.000200: sched_process_exit: comm=worker pid=2001 prio=120',
  ];
  const got = lines.map(parseFtraceLine);
  assert.deepEqual(got.map((f) => [f?.comm, f?.pid, f?.cpu, f?.time, f?.event]), lines.map(() => ['worker', 2001, 1, '5000.000200', 'sched_process_exit']));
  assert.deepEqual(got.map((f) => [f?.tgid, f?.flags]), [[-1, '.....'], [2001, '....'], [-1, '']]);
  assert.equal(parseFtraceLine('          <idle>-0     (-------) [001] d..3  5000.000100: sched_switch: x')?.tgid, -1, 'TGID unknown');
});

test('a task name with dashes and spaces is everything before the last -PID', () => {
  assert.equal(parseFtraceLine('  Web Content-x-77 [000] d..2. 1.000001: sched_waking: comm=a pid=1 prio=1')?.comm, 'Web Content-x');
});

test('not event lines: header, blank, broken prefix', () => {
  for (const line of ['# tracer: nop', '', 'bash-1 [000] 1.5 sched_switch: x', 'bash [000] d..2. 1.5: sched_switch: x']) assert.equal(parseFtraceLine(line), null, line);
});

test('format detection takes the header, `cpus=N` and an event line, not btrace', () => {
  assert.ok(looksLikeFtrace('# tracer: nop'));
  assert.ok(looksLikeFtrace('cpus=2'));
  assert.ok(looksLikeFtrace(fixture('linux-tracefs-storm.txt').split('\n')[12]!));
  assert.ok(!looksLikeFtrace(fixture('btrace-baseline.txt').split('\n')[0]!));
});
