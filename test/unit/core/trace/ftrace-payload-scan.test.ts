import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  newSwitchFields, newTaskFields, newWakeupFields, scanForkPayload, scanMigratePayload, scanSwitchPayload, scanTaskPayload, scanWakeupPayload,
} from '../../../../src/core/trace/ftrace-payload-scan';
import { parseFork, parseMigrate, parseSwitch, parseTask, parseWakeup } from '../../../../src/core/trace/ftrace-payloads';

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

type TaskScanner = typeof scanTaskPayload;

/** What a fork / exit-free / migrate scanner read: the first name, pid, and child_pid or orig_cpu; null when declined. */
function scannedTask(scan: TaskScanner, payload: string) {
  const b = enc.encode(payload);
  const t = newTaskFields();
  return scan(b, 0, b.length, t) ? { comm: dec.decode(b.subarray(t.commStart, t.commEnd)), pid: t.pid, other: t.other } : null;
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

test('kernel-printed fork, exit, free and migrate payloads', () => {
  assert.deepEqual(scannedTask(scanForkPayload, 'comm=bash pid=22898 child_comm=bash child_pid=22986'), { comm: 'bash', pid: 22898, other: 22986 });
  assert.deepEqual(scannedTask(scanForkPayload, 'comm=a pid=1 child_comm=b pid=2 child_comm= child_pid=3 '), { comm: 'a pid=1 child_comm=b', pid: 2, other: 3 });
  assert.deepEqual(scannedTask(scanTaskPayload, 'comm=storm pid=22990 prio=120'), { comm: 'storm', pid: 22990, other: 0 });
  assert.deepEqual(scannedTask(scanTaskPayload, 'comm=Web Content pid=7 prio=120 group_dead=1'), { comm: 'Web Content', pid: 7, other: 0 });
  assert.deepEqual(scannedTask(scanTaskPayload, 'comm=x pid=5'), { comm: 'x', pid: 5, other: 0 });
  assert.equal(scannedTask(scanTaskPayload, 'comm=x pid=5 abc'), null, 'a word that is not NAME=VALUE');
  assert.equal(scannedTask(scanTaskPayload, 'comm=x pid=5 prio=120 group_dead='), null);
  assert.deepEqual(scannedTask(scanMigratePayload, 'comm=kworker/1:2 pid=80 prio=-51 orig_cpu=1 dest_cpu=0'), { comm: 'kworker/1:2', pid: 80, other: 1 });
  assert.equal(scannedTask(scanMigratePayload, 'rcu_preempt:15 [120] orig_cpu=1'), null);
});

/** A name as the kernel may print it, with the separators of the payloads inside. */
const taskName = fc.oneof(name, fc.constantFrom(' pid=1', ' child_comm=', 'x pid=2 child_comm=y', ' prio=3', ' a=b', ' pid=', '\r'));
const field = fc.tuple(fc.constantFrom('prio', 'group_dead', 'x', 'a b', ''), fc.constantFrom('120', '-1', '', 'v=w', ' ', '1\t'));

test('fork payloads near the grammar: the scanner reads what the expression reads, or declines', () => {
  let read = 0;
  fc.assert(
    fc.property(taskName, num, taskName, num, gap, (c, pid, cc, child, tail) => {
      const payload = `comm=${c} pid=${pid} child_comm=${cc} child_pid=${child}${tail}`;
      const got = scannedTask(scanForkPayload, payload);
      if (got === null) return;
      read++;
      const k = parseFork(payload);
      assert.ok(k, JSON.stringify(payload));
      // the expression's first group ends at the ` pid=N child_comm=` it chose: the last one before ` child_pid=`
      const first = /^comm=(.*) pid=(\d+) child_comm=(.*) child_pid=(\d+)\s*$/.exec(payload)!;
      assert.deepEqual(got, { comm: first[1], pid: k.pid, other: k.childPid }, JSON.stringify(payload));
    }),
    { numRuns: 3000, seed: 23 },
  );
  assert.ok(read > 500, `${read} of 3000 read`);
});

test('exit and free payloads near the grammar: the scanner reads what the expression reads, or declines', () => {
  let read = 0;
  fc.assert(
    fc.property(taskName, num, fc.array(field, { maxLength: 3 }), gap, (c, pid, fields, tail) => {
      const payload = `comm=${c} pid=${pid}${fields.map(([k, v]) => ` ${k}=${v}`).join('')}${tail}`;
      const got = scannedTask(scanTaskPayload, payload);
      if (got === null) return;
      read++;
      const t = parseTask(payload);
      assert.ok(t, JSON.stringify(payload));
      assert.deepEqual(got, { comm: t.comm, pid: t.pid, other: 0 }, JSON.stringify(payload));
    }),
    { numRuns: 3000, seed: 24 },
  );
  assert.ok(read > 500, `${read} of 3000 read`);
});

test('exit and free payloads the expression reads: the scanner reads most, never differently (seeded)', () => {
  let agreed = 0;
  let matched = 0;
  fc.assert(
    fc.property(taskName, fc.nat(4194304), fc.array(field, { maxLength: 3 }), gap, (c, pid, fields, tail) => {
      const payload = `comm=${c} pid=${pid}${fields.map(([k, v]) => ` ${k}=${v}`).join('')}${tail}`;
      const t = parseTask(payload);
      const got = scannedTask(scanTaskPayload, payload);
      if (t === null) {
        assert.equal(got, null, `the expression reads nothing here: ${JSON.stringify(payload)}`);
        return;
      }
      matched++;
      if (got) agreed++;
    }),
    { numRuns: 2000, seed: 25 },
  );
  assert.ok(agreed > matched * 0.8, `${agreed} of ${matched} read by the scanner`);
});

test('migrate payloads near the grammar: the scanner reads what the expression reads, or declines', () => {
  let read = 0;
  fc.assert(
    fc.property(taskName, num, num, num, num, gap, (c, pid, prio, orig, dest, tail) => {
      const payload = `comm=${c} pid=${pid} prio=${prio} orig_cpu=${orig} dest_cpu=${dest}${tail}`;
      const got = scannedTask(scanMigratePayload, payload);
      if (got === null) return;
      read++;
      const m = parseMigrate(payload);
      assert.ok(m, JSON.stringify(payload));
      assert.deepEqual(got, { comm: m.comm, pid: m.pid, other: m.origCpu }, JSON.stringify(payload));
    }),
    { numRuns: 3000, seed: 26 },
  );
  assert.ok(read > 500, `${read} of 3000 read`);
});
