import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cpu, CpuMode, Process, SpinLock, Thread, ThreadState } from '../../../../src/core/sim/machine-state';
import { PRIO } from '../../../../src/core/sim/program';

const program = { name: 'idle', steps: [] };

test('a new thread: runnable, off CPU, at its base priority, holding nothing, with no work left over', () => {
  const t = new Thread(4, 104, new Process(7), 2, program, PRIO.PUSER, true, false, null, null, null, null);
  assert.equal(t.state, ThreadState.Runnable);
  assert.equal(t.prio, 50);
  assert.equal(t.sleepPrio, 50);
  assert.equal(t.runningOn, -1);
  assert.equal(t.peg, -1);
  assert.equal(t.home, -1);
  assert.equal(t.remainingNs, -1);
  assert.equal(t.holding, 0);
  assert.equal(t.kernelLockHeld, false);
  assert.equal(t.subject, null);
  assert.equal(t.process.pid, 7);
  assert.equal(t.process.psMtx, null);
});

test('a CPU starts halted on its idle thread with an empty run queue', () => {
  const idle = new Thread(0, 1, new Process(0), 0, program, PRIO.IDLE, false, false, null, null, null, null);
  const cpu = new Cpu(3, 0, idle);
  assert.equal(cpu.curr, idle);
  assert.equal(cpu.idle, idle);
  assert.equal(cpu.mode, CpuMode.Halt);
  assert.equal(cpu.runq.length, 0);
  assert.equal(cpu.acquireLock, null);
  assert.equal(cpu.acquireAdvancesPc, true);
});

test('a spin lock starts free, never held on any CPU, with no waiters', () => {
  const l = new SpinLock(5, true);
  assert.equal(l.owner, null);
  assert.equal(l.lastCpu, -1);
  assert.deepEqual(l.waiters, []);
  assert.equal(l.ticket, true);
});

test('thread states and CPU modes are distinct codes', () => {
  assert.equal(new Set(Object.values(ThreadState)).size, 6);
  assert.equal(new Set(Object.values(CpuMode)).size, 6);
});
