import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { newSwitchFields, newWakeupFields, scanSwitchPayload, scanWakeupPayload } from '../../../../src/core/trace/ftrace-payload-scan';
import { parseSwitch, parseWakeup } from '../../../../src/core/trace/ftrace-payloads';

const enc = new TextEncoder();
const dec = new TextDecoder();

function scannedSwitch(payload: string) {
  const b = enc.encode(payload);
  const s = newSwitchFields();
  if (!scanSwitchPayload(b, 0, b.length, s)) return null;
  return { prevComm: dec.decode(b.subarray(s.prevCommStart, s.prevCommEnd)), prevPid: s.prevPid, prevState: String.fromCharCode(s.prevState), nextComm: dec.decode(b.subarray(s.nextCommStart, s.nextCommEnd)), nextPid: s.nextPid };
}

function expectedSwitch(payload: string) {
  const s = parseSwitch(payload);
  return s && { ...s, prevState: s.prevState[0] };
}

function scannedWakeup(payload: string) {
  const b = enc.encode(payload);
  const w = newWakeupFields();
  return scanWakeupPayload(b, 0, b.length, w) ? { pid: w.pid, targetCpu: w.targetCpu } : null;
}

function expectedWakeup(payload: string) {
  const w = parseWakeup(payload);
  return w && { pid: w.pid, targetCpu: w.targetCpu };
}

test('a kernel-printed sched_switch, names with spaces and dashes', () => {
  assert.deepEqual(scannedSwitch('prev_comm=Web Content prev_pid=2001 prev_prio=120 prev_state=X ==> next_comm=swapper/1 next_pid=0 next_prio=120'), {
    prevComm: 'Web Content', prevPid: 2001, prevState: 'X', nextComm: 'swapper/1', nextPid: 0,
  });
  assert.equal(scannedSwitch('prev_comm=a prev_pid=1 prev_prio=-51 prev_state=R+ ==> next_comm=b-2 next_pid=3 next_prio=-1  ')?.nextComm, 'b-2');
});

test('other printings and broken payloads are declined (the expressions read them)', () => {
  assert.equal(scannedSwitch('node:22569 [120] R ==> node:22682 [120]'), null, "trace-cmd report's sched plugin");
  assert.equal(scannedSwitch('prev_comm=bash prev_pid=x'), null);
  assert.equal(scannedSwitch('prev_comm=a\rb prev_pid=1 prev_prio=1 prev_state=S ==> next_comm=c next_pid=2 next_prio=1'), null, 'a CR in a name');
  assert.equal(scannedWakeup('rcu_preempt:15 [120] CPU:000'), null);
  assert.equal(scannedWakeup('comm=a pid=1 prio=x'), null);
});

test('kernel-printed wakeups: with and without success= and target_cpu=', () => {
  assert.deepEqual(scannedWakeup('comm=rcu_preempt pid=15 prio=120 target_cpu=000'), { pid: 15, targetCpu: 0 });
  assert.deepEqual(scannedWakeup('comm=a b pid=7 prio=-2 success=1 target_cpu=003'), { pid: 7, targetCpu: 3 });
  assert.deepEqual(scannedWakeup('comm=a pid=7 prio=120 success=1'), { pid: 7, targetCpu: -1 });
});

const name = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', ' ', '/', ':', '=', '_', '<', '>', 'é', 'X'), maxLength: 16 });
const num = fc.oneof(fc.nat(4194304).map(String), fc.constantFrom('-1', '007', '', 'x'));
const state = fc.constantFrom('R', 'S', 'D', 'R+', 'X', 'Z', 'I', '', 'S|W');
const gap = fc.constantFrom(' ', '', '  ', '\t');

test('sched_switch payloads near the grammar: the scanner reads what the expression reads, or declines', () => {
  let read = 0;
  fc.assert(
    fc.property(name, num, num, state, name, num, num, gap, (pc, pp, pr, st, nc, np, nr, tail) => {
      const payload = `prev_comm=${pc} prev_pid=${pp} prev_prio=${pr} prev_state=${st} ==> next_comm=${nc} next_pid=${np} next_prio=${nr}${tail}`;
      const got = scannedSwitch(payload);
      if (got === null) return;
      read++;
      assert.deepEqual(got, expectedSwitch(payload), JSON.stringify(payload));
    }),
    { numRuns: 3000, seed: 21 },
  );
  assert.ok(read > 500, `${read} of 3000 read (most numbers generated are valid)`);
});

test('wakeup payloads near the grammar: the scanner reads what the expression reads, or declines', () => {
  let read = 0;
  fc.assert(
    fc.property(name, num, num, fc.option(num), fc.option(num), gap, (c, pid, prio, success, cpu, tail) => {
      const payload = `comm=${c} pid=${pid} prio=${prio}${success === null ? '' : ` success=${success}`}${cpu === null ? '' : ` target_cpu=${cpu}`}${tail}`;
      const got = scannedWakeup(payload);
      if (got === null) return;
      read++;
      assert.deepEqual(got, expectedWakeup(payload), JSON.stringify(payload));
    }),
    { numRuns: 3000, seed: 22 },
  );
  assert.ok(read > 500, `${read} of 3000 read (most numbers generated are valid)`);
});
