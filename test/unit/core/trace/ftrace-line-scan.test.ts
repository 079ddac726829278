import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineScan, modelledEventAt, newFtraceLineFields, scanFtraceLine } from '../../../../src/core/trace/ftrace-line-scan';
import { FtraceEvent, ftraceEventOf } from '../../../../src/core/trace/ftrace-event-names';
import { viewOf } from '../../../../src/core/trace/ftrace-literals';
import { hashNameBytes } from '../../../../src/core/trace/name-interner';
import { parseFtraceLine } from '../../../../src/core/trace/ftrace-line';
import { parseMigrate, parseSwitch, parseTask, parseWakeup } from '../../../../src/core/trace/ftrace-payloads';
import { newFtracePrefix, scanFtracePrefix } from '../../../../src/core/trace/ftrace-prefix-scan';
import {
  newSwitchFields, newTaskFields, newWakeupFields, scanForkPayload, scanMigratePayload, scanSwitchPayload, scanTaskPayload, scanWakeupPayload,
} from '../../../../src/core/trace/ftrace-payload-scan';
import { scanSecondsDotFraction } from '../../../../src/core/trace/number-scan';
import { fixture } from './trace-test-helpers';

const enc = new TextEncoder();
/** sched_process_fork's expression (ftrace-payloads.ts), with the parent's name as its first group. */
const FORK = /^comm=(.*) pid=(\d+) child_comm=(.*) child_pid=(\d+)\s*$/;
const dec = new TextDecoder();

/** What the pass read from `line` (after its leading blanks), names as text, or null when it declined. */
function scanned(line: string) {
  const b = enc.encode(line);
  let i = 0;
  while (i < b.length && b[i] === 32) i++;
  const f = newFtraceLineFields();
  const r = scanFtraceLine(b, i, b.length, f);
  if (r === LineScan.Declined) return null;
  const text = (s: number, e: number): string => dec.decode(b.subarray(s, e));
  assert.equal(f.commHash, hashNameBytes(b, f.commStart, f.commEnd), 'the task name hashed on the way');
  const prefix = { comm: text(f.commStart, f.commEnd), pid: f.pid, tgid: f.tgid, cpu: f.cpu, t: [f.t.sec, f.t.ns], event: text(f.eventStart, f.eventEnd), payload: text(f.payloadStart, b.length) };
  assert.equal(f.event, ftraceEventOf(prefix.event));
  if (r === LineScan.Prefix) return { prefix };
  if (f.event === FtraceEvent.Switch) {
    assert.equal(f.prevCommHash, hashNameBytes(b, f.prevCommStart, f.prevCommEnd));
    assert.equal(f.nextCommHash, hashNameBytes(b, f.nextCommStart, f.nextCommEnd));
    return { prefix, payload: { prevComm: text(f.prevCommStart, f.prevCommEnd), prevPid: f.prevPid, prevState: String.fromCharCode(f.prevState), nextComm: text(f.nextCommStart, f.nextCommEnd), nextPid: f.nextPid } };
  }
  if (f.event === FtraceEvent.Waking || f.event === FtraceEvent.Wakeup || f.event === FtraceEvent.WakeupNew) return { prefix, payload: { pid: f.wokenPid, targetCpu: f.targetCpu } };
  // fork: the parent's name and pid, child_pid; exit and free: the task's; migrate: the task's and orig_cpu
  return { prefix, payload: { comm: text(f.task.commStart, f.task.commEnd), pid: f.task.pid, other: f.event === FtraceEvent.Fork || f.event === FtraceEvent.Migrate ? f.task.other : 0 } };
}

/**
 * The same read by the expressions (the reference): the prefix of the line with its payload
 * replaced by `x` (the prefix grammar ends in `(.*)$`, which a line terminator in the payload
 * would fail; the readers check payloads for those), and the payload of a switch or a wakeup.
 */
function expected(line: string, payload: string) {
  const p = parseFtraceLine(`${line.slice(0, line.length - payload.length)}x`);
  const t = { sec: 0, ns: 0 };
  if (!p || p.payload !== 'x' || !scanSecondsDotFraction(p.time, 0, p.time.length, t) || p.cpu > 0xffff) return null;
  const prefix = { comm: p.comm, pid: p.pid, tgid: p.tgid, cpu: p.cpu, t: [t.sec, t.ns], event: p.event, payload };
  const code = ftraceEventOf(p.event);
  if (code === FtraceEvent.Switch) {
    const s = parseSwitch(payload);
    return { prefix, payload: s && { ...s, prevState: s.prevState[0] } };
  }
  if (code === FtraceEvent.Waking || code === FtraceEvent.Wakeup || code === FtraceEvent.WakeupNew) {
    const w = parseWakeup(payload);
    return { prefix, payload: w && { pid: w.pid, targetCpu: w.targetCpu } };
  }
  if (code === FtraceEvent.Fork) {
    const k = FORK.exec(payload);
    return { prefix, payload: k && { comm: k[1], pid: Number(k[2]), other: Number(k[4]) } };
  }
  if (code === FtraceEvent.Exit || code === FtraceEvent.Free) {
    const x = parseTask(payload);
    return { prefix, payload: x && { comm: x.comm, pid: x.pid, other: 0 } };
  }
  if (code === FtraceEvent.Migrate) {
    const m = parseMigrate(payload);
    return { prefix, payload: m && { comm: m.comm, pid: m.pid, other: m.origCpu } };
  }
  return { prefix, payload: null };
}

test('a tracefs switch, wakeup, fork, exit and migrate are read whole, names hashed as their bytes', () => {
  assert.deepEqual(scanned('  bash-1 [000] d..2. 1.5: sched_process_fork: comm=bash pid=1 child_comm=sh child_pid=2 ')?.payload, { comm: 'bash', pid: 1, other: 2 });
  assert.deepEqual(scanned('  storm-7 [001] ..... 1.5: sched_process_exit: comm=storm pid=7 prio=120 group_dead=1')?.payload, { comm: 'storm', pid: 7, other: 0 });
  assert.deepEqual(scanned('  kworker/0:1-30 [000] d..2. 1.5: sched_migrate_task: comm=kworker/1:2 pid=80 prio=-51 orig_cpu=1 dest_cpu=0')?.payload, { comm: 'kworker/1:2', pid: 80, other: 1 });
  assert.deepEqual(scanned('     rcu_preempt-15      [000] d..2.  1065.241125: sched_switch: prev_comm=rcu_preempt prev_pid=15 prev_prio=120 prev_state=I ==> next_comm=bash next_pid=22898 next_prio=120'), {
    prefix: { comm: 'rcu_preempt', pid: 15, tgid: -1, cpu: 0, t: [1065, 241_125_000], event: 'sched_switch', payload: 'prev_comm=rcu_preempt prev_pid=15 prev_prio=120 prev_state=I ==> next_comm=bash next_pid=22898 next_prio=120' },
    payload: { prevComm: 'rcu_preempt', prevPid: 15, prevState: 'I', nextComm: 'bash', nextPid: 22898 },
  });
  assert.deepEqual(scanned('          worker-2001  ( 2001) [001] ....  5000.000100: sched_waking: comm=k-9 pid=9 prio=-2 success=1 target_cpu=003  ')?.payload, { pid: 9, targetCpu: 3 });
  assert.equal(scanned('          <idle>-0     (-------) [001] d..3  5000.000100: sched_wakeup: comm=a pid=1 prio=1')?.prefix.tgid, -1);
});

test('other events give their prefix only; names with blanks and other printings are left to the backward scanners', () => {
  assert.deepEqual(Object.keys(scanned('  storm-22986   [001] .....  1065.240395: sched_process_exec: filename=./storm pid=22986 old_pid=22986')!), ['prefix']);
  assert.equal(scanned('  Web Content-2001 [000] d..2. 1.5: sched_waking: comm=a pid=1 prio=1'), null, 'a blank in the task name');
  assert.deepEqual(Object.keys(scanned('  bash-1 [000] d..2. 1.5: sched_switch: prev_comm=Web Content prev_pid=2001 prev_prio=120 prev_state=X ==> next_comm=a next_pid=0 next_prio=120')!), ['prefix'], 'a blank in prev_comm');
  assert.deepEqual(Object.keys(scanned('  rcu_preempt-15 [000]  1063.645173151: sched_switch:         rcu_preempt:15 [120] W ==> node:22755 [120]')!), ['prefix'], "trace-cmd report's sched plugin");
  assert.equal(scanned('  bash-1 [000] d..2. 1.5: sched_switch'), null, 'no colon after the event');
  assert.equal(scanned('  bash- [000] d..2. 1.5: e: p'), null, 'no pid');
});

test('the modelled events are told from names of the same length', () => {
  for (const name of ['sched_switch', 'sched_waking', 'sched_wakeup', 'sched_wakeup_new', 'sched_process_fork', 'sched_process_exit', 'sched_process_free', 'sched_migrate_task', 'sched_wakeupx', 'sched_switcH', 'xched_switch', 'sched_process_exec', 'irq']) {
    const b = enc.encode(name);
    assert.equal(modelledEventAt(viewOf(b), 0, b.length), ftraceEventOf(name), name);
  }
});

test('every event line of the real tracefs capture is read, the modelled events whole', () => {
  const counts = [0, 0, 0];
  for (const line of fixture('linux-tracefs-storm.txt').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const got = scanned(line);
    counts[got === null ? 0 : 'payload' in got ? 2 : 1]!++;
    const want = expected(line, got!.prefix.payload)!;
    assert.deepEqual(got, 'payload' in got! ? want : { prefix: want.prefix }, line);
  }
  // 511 events (the header's count): 244 switches, 111 + 111 + 11 wakeups (waking, wakeup, wakeup_new), 11 forks,
  // 11 exits and 10 frees whole, the 2 execs by their prefix
  assert.deepEqual(counts, [0, 2, 509]);
});

/** Mostly what a kernel prints, sometimes a byte or a piece that changes how the line splits. */
const often = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: usual, weight: 9 }, { arbitrary: odd, weight: 1 });
const name = often(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', '-', '/', ':', '_', '<', '>', '~'), minLength: 1, maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', '-', ' ', '=', '[', '(', 'é', '\t', '\r', '\u007f', '\u2028'), maxLength: 6 }),
);
const num = often(fc.nat(4194304).map(String), fc.constantFrom('-1', '007', '', 'x', '1234567890123456'));
const state = often(fc.constantFrom('R', 'S', 'D', 'R+', 'X', 'Z', 'I'), fc.constantFrom('', 'S|W', 'é', '\t'));
const gap = often(fc.constantFrom('', ' '), fc.constantFrom('  ', '\t', '\r', '\u00a0'));
const tgidColumn = often(fc.constantFrom('', ' (-------)', ' ( 2001)', ' (12)'), fc.constantFrom(' (--5)', ' ( )', ' (1)x', '\t(1)'));
const flags = often(fc.constantFrom('d..2.', 'dN.3', '....', ''), fc.constantFrom('d..2..', 'é...', 'd..2.\t'));
const time = often(fc.constantFrom('5000.000060', '1.5', '1063.645173151'), fc.constantFrom('1.1234567890', '12', '.5', '1.5\r'));
const event = often(
  fc.constantFrom('sched_switch', 'sched_waking', 'sched_wakeup', 'sched_wakeup_new', 'sched_process_fork', 'sched_process_exit', 'sched_process_free', 'sched_migrate_task'),
  fc.constantFrom('sched_process_exec', 'sched_switcH', 'e'),
);

const switchPayload = fc.tuple(name, num, num, state, name, num, num, gap).map(([pc, pp, pr, st, nc, np, nr, tail]) =>
  `prev_comm=${pc} prev_pid=${pp} prev_prio=${pr} prev_state=${st} ==> next_comm=${nc} next_pid=${np} next_prio=${nr}${tail}`);
const wakeupPayload = fc.tuple(name, num, num, fc.option(num), fc.option(num), gap).map(([c, pid, prio, success, cpu, tail]) =>
  `comm=${c} pid=${pid} prio=${prio}${success === null ? '' : ` success=${success}`}${cpu === null ? '' : ` target_cpu=${cpu}`}${tail}`);
const forkPayload = fc.tuple(name, num, name, num, gap).map(([c, pid, cc, child, tail]) => `comm=${c} pid=${pid} child_comm=${cc} child_pid=${child}${tail}`);
const field = often(fc.constantFrom(' prio=120', ' prio=-1', ' group_dead=1'), fc.constantFrom(' pid=3', ' x', ' a=', ' =b', ' n=1234567890123456', ' v=é', ' w=\r', '  g=1'));
const exitPayload = fc.tuple(name, num, fc.array(field, { maxLength: 3 }), gap).map(([c, pid, fields, tail]) => `comm=${c} pid=${pid}${fields.join('')}${tail}`);
const migratePayload = fc.tuple(name, num, num, num, num, gap).map(([c, pid, prio, orig, dest, tail]) => `comm=${c} pid=${pid} prio=${prio} orig_cpu=${orig} dest_cpu=${dest}${tail}`);
const otherPayload = fc.constantFrom('filename=./storm pid=22986 old_pid=22986', 'rcu_preempt:15 [120] W ==> node:22755 [120]', '');
const PAYLOADS: Record<string, fc.Arbitrary<string>> = {
  sched_switch: switchPayload, sched_waking: wakeupPayload, sched_wakeup: wakeupPayload, sched_wakeup_new: wakeupPayload,
  sched_process_fork: forkPayload, sched_process_exit: exitPayload, sched_process_free: exitPayload, sched_migrate_task: migratePayload,
};
/** An event and a payload near its grammar (sometimes another one's). */
const eventAndPayload = event.chain((e) => fc.tuple(fc.constant(e), often(PAYLOADS[e] ?? otherPayload, fc.oneof(switchPayload, wakeupPayload, forkPayload, otherPayload))));

test('on lines near the grammar the pass reads what the expressions read, or declines (seeded)', () => {
  const counts = [0, 0, 0];
  fc.assert(
    fc.property(name, num, tgidColumn, fc.nat(70000), flags, time, eventAndPayload, (c, pid, tgid, cpu, fl, t, [e, p]) => {
      const line = `${c.padStart(16)}-${pid}${tgid} [${String(cpu).padStart(3, '0')}] ${fl} ${t}: ${e}: ${p}`;
      const got = scanned(line);
      counts[got === null ? 0 : 'payload' in got ? 2 : 1]!++;
      if (got === null) return;
      const want = expected(line, got.prefix.payload);
      assert.ok(want, JSON.stringify(line));
      if ('payload' in got) assert.ok(want.payload, `read whole, not by the expression: ${JSON.stringify(line)}`);
      if ('payload' in got) assert.deepEqual(got, want, JSON.stringify(line));
      else assert.deepEqual(got.prefix, want.prefix, JSON.stringify(line));
    }),
    { numRuns: 6000, seed: 31 },
  );
  // the generator must reach every outcome often, or nothing is checked
  assert.ok(counts.every((n) => n > 300), `declined, prefix only, whole: ${counts.join(', ')}`);
});

/** A generated line as tracefs prints it, scanned by the forward pass from its first non-blank byte. */
function scanGenerated(c: string, pid: string, tgid: string, cpu: number, fl: string, t: string, e: string, p: string) {
  const b = enc.encode(`${c.padStart(16)}-${pid}${tgid} [${String(cpu).padStart(3, '0')}] ${fl} ${t}: ${e}: ${p}`);
  let i = 0;
  while (i < b.length && b[i] === 32) i++;
  const f = newFtraceLineFields();
  return { b, i, f, outcome: scanFtraceLine(b, i, b.length, f) };
}

test('where the pass reads a prefix, the backward prefix scanner reads the same one (seeded)', () => {
  let read = 0;
  fc.assert(
    fc.property(name, num, tgidColumn, fc.nat(70000), flags, time, eventAndPayload, (c, pid, tgid, cpu, fl, t, [e, p]) => {
      const { b, i, f, outcome } = scanGenerated(c, pid, tgid, cpu, fl, t, e, p);
      if (outcome === LineScan.Declined) return;
      read++;
      const want = newFtracePrefix();
      assert.ok(scanFtracePrefix(b, i, b.length, want), dec.decode(b));
      const got = { commStart: f.commStart, commEnd: f.commEnd, pid: f.pid, tgid: f.tgid, cpu: f.cpu, t: f.t, eventStart: f.eventStart, eventEnd: f.eventEnd, payloadStart: f.payloadStart };
      assert.deepEqual(got, want, dec.decode(b));
    }),
    { numRuns: 4000, seed: 32 },
  );
  assert.ok(read > 1000, `${read} of 4000 lines read`);
});

test('where the pass reads a payload, the backward payload scanner reads the same fields (seeded)', () => {
  let read = 0;
  fc.assert(
    fc.property(name, num, tgidColumn, fc.nat(70000), flags, time, eventAndPayload, (c, pid, tgid, cpu, fl, t, [e, p]) => {
      const { b, f, outcome } = scanGenerated(c, pid, tgid, cpu, fl, t, e, p);
      if (outcome !== LineScan.Event) return;
      read++;
      const line = dec.decode(b);
      const at = f.payloadStart;
      if (f.event === FtraceEvent.Switch) {
        const s = newSwitchFields();
        assert.ok(scanSwitchPayload(b, at, b.length, s), line);
        assert.deepEqual([f.prevCommStart, f.prevCommEnd, f.prevPid, f.prevState, f.nextCommStart, f.nextCommEnd, f.nextPid], [s.prevCommStart, s.prevCommEnd, s.prevPid, s.prevState, s.nextCommStart, s.nextCommEnd, s.nextPid], line);
      } else if (f.event === FtraceEvent.Waking || f.event === FtraceEvent.Wakeup || f.event === FtraceEvent.WakeupNew) {
        const w = newWakeupFields();
        assert.ok(scanWakeupPayload(b, at, b.length, w), line);
        assert.deepEqual([f.wokenPid, f.targetCpu], [w.pid, w.targetCpu], line);
      } else {
        const task = newTaskFields();
        const scan = f.event === FtraceEvent.Fork ? scanForkPayload : f.event === FtraceEvent.Migrate ? scanMigratePayload : scanTaskPayload;
        assert.ok(scan(b, at, b.length, task), line);
        assert.deepEqual(f.task, task, line);
      }
    }),
    { numRuns: 6000, seed: 34 },
  );
  assert.ok(read > 1500, `${read} of 6000 payloads read`);
});
