import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasLineTerminator, newFtracePrefix, scanFtracePrefix } from '../../../../src/core/trace/ftrace-prefix-scan';
import { parseFtraceLine } from '../../../../src/core/trace/ftrace-line';
import { scanSecondsDotFraction } from '../../../../src/core/trace/number-scan';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** What the scanner read, as parseFtraceLine's fields (time as seconds and ns), or null when it declined. */
function scanned(line: string) {
  const bytes = enc.encode(line);
  let i = 0;
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9)) i++;
  const p = newFtracePrefix();
  if (!scanFtracePrefix(bytes, i, bytes.length, p)) return null;
  return { comm: dec.decode(bytes.subarray(p.commStart, p.commEnd)), pid: p.pid, tgid: p.tgid, cpu: p.cpu, t: [p.t.sec, p.t.ns], event: dec.decode(bytes.subarray(p.eventStart, p.eventEnd)), payload: dec.decode(bytes.subarray(p.payloadStart)) };
}

/** The same through the expression (the reference), or null when it does not match or the time does not scan. */
function expected(line: string) {
  const f = parseFtraceLine(line);
  const t = { sec: 0, ns: 0 };
  if (!f || !scanSecondsDotFraction(f.time, 0, f.time.length, t) || f.cpu > 0xffff) return null;
  return { comm: f.comm, pid: f.pid, tgid: f.tgid, cpu: f.cpu, t: [t.sec, t.ns], event: f.event, payload: f.payload };
}

test('the three printings: tracefs with 5 flags, with the TGID column and 4 flags, trace-cmd report', () => {
  assert.deepEqual(scanned('            bash-1977    [000] d..2.  5000.000060: sched_wakeup_new: comm=bash pid=2001 prio=120 target_cpu=001'), {
    comm: 'bash', pid: 1977, tgid: -1, cpu: 0, t: [5000, 60_000], event: 'sched_wakeup_new', payload: 'comm=bash pid=2001 prio=120 target_cpu=001',
  });
  assert.deepEqual(scanned('          worker-2001  ( 2001) [001] ....  5000.000200: sched_process_exit: comm=worker pid=2001 prio=120'), {
    comm: 'worker', pid: 2001, tgid: 2001, cpu: 1, t: [5000, 200_000], event: 'sched_process_exit', payload: 'comm=worker pid=2001 prio=120',
  });
  assert.equal(scanned('          <idle>-0     (-------) [001] d..3  5000.000100: sched_switch: x')?.tgid, -1);
  // trace-cmd report: ns times, no flags, the payload padded
  assert.deepEqual(scanned('     rcu_preempt-15    [000]  1063.645173151: sched_switch:         rcu_preempt:15 [120] W ==> node:22755 [120]'), {
    comm: 'rcu_preempt', pid: 15, tgid: -1, cpu: 0, t: [1063, 645_173_151], event: 'sched_switch', payload: 'rcu_preempt:15 [120] W ==> node:22755 [120]',
  });
  // a task name with a dash and a space (the name is what comes before the last -PID)
  assert.equal(scanned('  kworker/u4:2-ev x-99 [001] d..2. 1.5: e: p')?.comm, 'kworker/u4:2-ev x');
});

test('it declines what it leaves to the expression: a CR in the task name, a 16-digit pid, an empty name', () => {
  assert.equal(scanned('  ba\rsh-1 [000] d..2. 1.5: e: p'), null);
  assert.equal(scanned('  bash-1234567890123456 [000] d..2. 1.5: e: p'), null);
  assert.equal(scanned('-1 [000] d..2. 1.5: e: p'), null);
  assert.equal(scanned('  bash-1 [70000] d..2. 1.5: e: p'), null, 'a CPU past 0xffff');
  assert.equal(scanned('  bash-1 [000] d..2. 1.1234567890: e: p'), null, 'ten fraction digits');
});

test('hasLineTerminator finds CR, U+2028 and U+2029 only', () => {
  for (const [text, has] of [['a\rb', true], ['a\u2028b', true], ['a\u2029b', true], ['a\u2027b€é', false], ['plain', false]] as const) {
    const b = enc.encode(text);
    assert.equal(hasLineTerminator(b, 0, b.length), has, JSON.stringify(text));
  }
});

/** Pieces a line is made of, so generated lines are near the grammar and often in it. */
const piece = fc.constantFrom(' ', '  ', '\t', '-', '[', ']', '(', ')', ':', '.', '0', '1', '42', '-7', 'bash', 'kworker/0:1', '<idle>', 'd..2.', 'dN.3', '....', '5000.000060', '1.5', '(-------)', '( 2001)', '[001]', ': ', 'sched_switch', 'x_y', 'é', '\u00a0', '\r', '==>');

test('on lines built from pieces of the grammar the scanner reads what the expression reads, or declines', () => {
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 24 }), (parts) => {
      const line = parts.join('');
      const got = scanned(line);
      if (got === null) return;
      // the one documented difference: a second complete prefix inside the line (the expression takes the last)
      const want = expected(line);
      if (want !== null && want.comm.length > got.comm.length && parseFtraceLine(got.payload) === null && expected(`${got.comm}-${got.pid} [0] 1.1: ${got.event}: ${got.payload}`) !== null) return;
      assert.deepEqual(got, want, JSON.stringify(line));
    }),
    { numRuns: 3000, seed: 14 },
  );
});

test('on lines in the tracefs shape with any task name (not blank) the scanner reads what the expression reads', () => {
  const comm = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', ' ', '/', ':', '.', '_', '<', '>', '[', ']', '(', ')', 'é'), minLength: 1, maxLength: 16 });
  fc.assert(
    fc.property(comm, fc.nat(4194304), fc.option(fc.nat(4194304)), fc.nat(255), fc.constantFrom('d..2.', 'dN.3', '', '.....'), fc.nat(99999), fc.nat(999999), (c, pid, tgid, cpu, flags, sec, us) => {
      const line = `${c.padStart(16)}-${String(pid).padEnd(7)}${tgid === null ? '' : ` (${String(tgid).padStart(5)})`} [${String(cpu).padStart(3, '0')}] ${flags} ${String(sec).padStart(5)}.${String(us).padStart(6, '0')}: sched_waking: comm=a pid=1 prio=120 target_cpu=001`;
      // a name of blanks only is left to the expression (the scanner starts at the first non-blank)
      const got = scanned(line);
      if (c.trim() === '') assert.equal(got, null);
      else assert.deepEqual(got, expected(line), JSON.stringify(line));
    }),
    { numRuns: 2000, seed: 15 },
  );
});
