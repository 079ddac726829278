import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyLayout, learnLayout, parseLayoutLine, tokenize, type ColumnLayout } from '../../../../src/core/trace/btrace-columns';
import { newRecord, parseDocumentedLine, type BtraceRecord } from '../../../../src/core/trace/btrace-record';

const decoder = new TextDecoder();

/** What both paths fill: time, thread, CPU, probe, thread name, arguments. */
function facts(rec: BtraceRecord, probe: string, comm: string): unknown {
  return { t: { ...rec.t }, cpu: rec.cpu, tid: rec.tid, pid: rec.pid, probe, comm, args: rec.args.slice(0, rec.argCount) };
}

/** `nsecs cpu tid pid comm probe arg0 arg1`, learnt from lines of that shape. */
const LAYOUT: ColumnLayout = learnLayout(
  ['1720624895000001000 3 100123 4567 sh tracepoint:sched:off__cpu 100007 12', '1720624895000002000 15 100200 4 ksh syscall:exit:entry 0 0']
    .map((l) => tokenize(l)!),
);

test('the layout of the generic btrace shape is learnt', () => {
  assert.deepEqual(LAYOUT.before, ['nsecs', 'cpu', 'tid', 'pid', 'comm']);
});

test('the byte fast path reads a line as tokenize + applyLayout do, or leaves it to them', () => {
  const token = fc.oneof(
    fc.stringMatching(/^\d{1,20}$/),
    fc.constantFrom('sh', 'on__cpu', 'a:b', 'x=1', 'tracepoint:sched:wakeup', 'syscall:exit:entry', 'sched:on__cpu', '', 'make -j4', 'é', 'a\tb', 'x\u00a0y', '-3'),
  );
  const line = fc.array(token, { minLength: 1, maxLength: 10 }).map((ts) => ts.join(' '));
  const shaped = fc.tuple(fc.stringMatching(/^\d{1,19}$/), fc.nat(300), fc.integer({ min: 100_000, max: 999_999 }), fc.nat(99_999), fc.constantFrom('sh', 'ksh', 'x y'), fc.constantFrom('tracepoint:sched:wakeup', 'syscall:exit:entry'), fc.array(fc.stringMatching(/^\d{1,16}$/), { maxLength: 4 }), fc.constantFrom('', ' tail', ' b=2'))
    .map(([t, cpu, tid, pid, comm, probe, args, tail]) => `${t} ${cpu} ${tid} ${pid} ${comm} ${probe}${args.map((a) => ` ${a}`).join('')}${tail}`);
  let fast = 0;
  fc.assert(
    fc.property(fc.oneof(line, shaped), (text) => {
      const bytes = new TextEncoder().encode(text);
      const a = newRecord();
      if (!parseLayoutLine(bytes, 0, bytes.length, LAYOUT, a)) return;
      fast++;
      const tok = tokenize(text);
      assert.ok(tok, text);
      const b = newRecord();
      assert.ok(applyLayout(tok.tokens, tok.probeAt, LAYOUT, b), text);
      assert.deepEqual(
        facts(a, decoder.decode(bytes.subarray(a.probeStart, a.probeEnd)), decoder.decode(bytes.subarray(a.commStart, a.commEnd))),
        facts(b, b.probe, b.comm),
        text,
      );
    }),
    { numRuns: 2000, seed: 5 },
  );
  assert.ok(fast > 200, `the fast path took ${fast} of the lines`);
});

/** The documented format's columns as the general path learns them: `NSECS CPU TID PID PROBE ARG0 ARG1 ARG2 COMM`. */
const DOCUMENTED: ColumnLayout = learnLayout(
  ['1720624895000001000 3 100123 4567 tracepoint:sched:off__cpu 100007 12 0 sh', '1720624895000002000 15 100200 4 syscall:exit:entry 0 0 0 ksh']
    .map((l) => tokenize(l)!),
);

test('the documented-line scanner reads a line as the general columns do, on generated and mutated lines', () => {
  assert.deepEqual(DOCUMENTED.before, ['nsecs', 'cpu', 'tid', 'pid']);
  const documented = fc.tuple(
    fc.bigInt({ min: 0n, max: 9_999_999_999_999_999_999n }), fc.nat(255), fc.integer({ min: 100_000, max: 999_999 }), fc.nat(99_999),
    fc.constantFrom('tracepoint:sched:off__cpu', 'tracepoint:sched:on__cpu', 'syscall:exit:entry', 'kprobe:uvm_exit:entry'),
    fc.array(fc.nat(2 ** 31), { minLength: 3, maxLength: 3 }), fc.constantFrom('sh', 'reaper3', 'idle0', 'Web Content', 'x-y'),
  ).map(([ns, cpu, tid, pid, probe, args, comm]) => `${ns} ${cpu} ${tid} ${pid} ${probe} ${args.join(' ')} ${comm}`);
  // a mutation: a byte replaced by one that changes how the line splits or reads, or a range cut out
  const mutation = fc.oneof(
    fc.tuple(fc.nat(), fc.constantFrom(' ', 'x', '9', ':', '\t', '=', '')).map(([at, c]) => (l: string) => l.slice(0, at % l.length) + c + l.slice((at % l.length) + 1)),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 })).map(([at, n]) => (l: string) => l.slice(0, at % l.length) + l.slice((at % l.length) + n)),
  );
  let read = 0;
  let mutatedRead = 0;
  let compared = 0;
  fc.assert(
    fc.property(documented, fc.array(mutation, { maxLength: 3 }), (line, mutations) => {
      const text = mutations.reduce((l, m) => m(l), line);
      const bytes = new TextEncoder().encode(text);
      const a = newRecord();
      const ok = parseDocumentedLine(bytes, 0, bytes.length, a);
      if (mutations.length === 0) assert.ok(ok, `a generated line is read: ${text}`);
      if (!ok) return;
      read++;
      if (mutations.length > 0) mutatedRead++;
      const tok = tokenize(text);
      // the general path finds the probe by its provider:function:name shape; the scanner by a colon
      if (!tok || tok.probeAt !== 4) return;
      const b = newRecord();
      assert.ok(applyLayout(tok.tokens, tok.probeAt, DOCUMENTED, b), text);
      // the scanner splits at single spaces and reads exactly three arguments, then the name as
      // printed (which may start with a digit or hold `=`); the general path splits at any run
      // of blanks and reads such tokens as arguments and labels
      const comm = decoder.decode(bytes.subarray(a.commStart, a.commEnd));
      if (b.argCount !== 3 || /[^\S ]| {2}|^ | $/.test(text) || comm.includes('=')) return;
      assert.deepEqual(
        facts(a, decoder.decode(bytes.subarray(a.probeStart, a.probeEnd)), comm),
        facts(b, b.probe, b.comm),
        text,
      );
      compared++;
    }),
    { numRuns: 3000, seed: 41 },
  );
  assert.ok(read > 1000 && mutatedRead > 100 && compared > 1000, `lines read: ${read}, of them mutated: ${mutatedRead}; compared: ${compared}`);
});
