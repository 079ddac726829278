import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFork, parseMigrate, parseSwitch, parseTask, parseWakeup } from '../../../../src/core/trace/ftrace-payloads';

test('sched_switch in the kernel printing and in trace-cmd report\'s sched plugin', () => {
  const kernel = parseSwitch('prev_comm=worker prev_pid=2001 prev_prio=120 prev_state=X ==> next_comm=swapper/1 next_pid=0 next_prio=120');
  const plugin = parseSwitch('worker:2001 [120] X ==> swapper/1:0 [120]');
  const want = { prevComm: 'worker', prevPid: 2001, prevState: 'X', nextComm: 'swapper/1', nextPid: 0 };
  assert.deepEqual(kernel, want);
  assert.deepEqual(plugin, want);
  // a name with a colon and digits (linux-storm.report.txt has memfd:sealed-91)
  assert.deepEqual(parseSwitch('node:22744 [120] R ==> memfd:sealed-91:14430 [120]')?.nextComm, 'memfd:sealed-91');
  assert.equal(parseSwitch('prev_comm=bash prev_pid=x'), null);
});

test('wakeups with and without target CPU, in both printings', () => {
  assert.deepEqual(parseWakeup('comm=bash pid=2001 prio=120 target_cpu=001'), { comm: 'bash', pid: 2001, targetCpu: 1 });
  assert.deepEqual(parseWakeup('comm=a pid=7 prio=120 success=1'), { comm: 'a', pid: 7, targetCpu: -1 });
  assert.deepEqual(parseWakeup('rcu_preempt:15 [120] CPU:000'), { comm: 'rcu_preempt', pid: 15, targetCpu: 0 });
  assert.equal(parseWakeup('pid=1'), null);
});

test('fork, exit/free (with newer kernels\' extra fields) and migrate', () => {
  assert.deepEqual(parseFork('comm=bash pid=1977 child_comm=bash child_pid=2001'), { pid: 1977, childComm: 'bash', childPid: 2001 });
  assert.deepEqual(parseTask('comm=worker pid=2001 prio=120 group_dead=1'), { comm: 'worker', pid: 2001 });
  assert.deepEqual(parseTask('comm=worker pid=2001 prio=120'), { comm: 'worker', pid: 2001 });
  assert.deepEqual(parseMigrate('comm=kworker/1:1 pid=31 prio=120 orig_cpu=1 dest_cpu=0'), { comm: 'kworker/1:1', pid: 31, origCpu: 1, destCpu: 0 });
  assert.equal(parseMigrate('comm=a pid=1 orig_cpu=1'), null);
});
