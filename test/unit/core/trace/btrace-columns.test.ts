import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyLayout, learnLayout, parseLayoutLine, tokenize, type ColumnLayout } from '../../../../src/core/trace/btrace-columns';
import { newRecord, type BtraceRecord } from '../../../../src/core/trace/btrace-record';

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
