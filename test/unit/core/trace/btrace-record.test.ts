import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { newRecord, parseDocumentedLine } from '../../../../src/core/trace/btrace-record';

const enc = new TextEncoder();

function parse(line: string) {
  const bytes = enc.encode(line);
  const rec = newRecord();
  return parseDocumentedLine(bytes, 0, bytes.length, rec) ? rec : null;
}

test('nsecs of any length up to 19 digits splits exactly into seconds and ns', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 9_999_999_999_999_999_999n }), (ns) => {
      const rec = parse(`${ns} 3 100042 7 tracepoint:sched:on__cpu 0 0 0 reaper3`);
      assert.ok(rec);
      assert.equal(BigInt(rec.t.sec) * 1_000_000_000n + BigInt(rec.t.ns), ns);
      assert.deepEqual([rec.cpu, rec.tid, rec.pid], [3, 100042, 7]);
    }),
    { numRuns: 500, seed: 19 },
  );
});

test('lines not in the documented shape are refused (the general reader takes them)', () => {
  const ok = '1720624895000000001 3 100042 7 tracepoint:sched:off__cpu 100011 0 0 reaper3';
  assert.ok(parse(ok));
  for (const bad of [
    '17206248950000000011 3 100042 7 tracepoint:sched:off__cpu 100011 0 0 reaper3', // 20 digits
    '172062489500000x001 3 100042 7 tracepoint:sched:off__cpu 100011 0 0 reaper3',
    '1720624895000000001 3 100042 7 off__cpu 100011 0 0 reaper3', // no provider:function
    '1720624895000000001 3 100042 tracepoint:sched:off__cpu 100011 0 0 reaper3', // a column short
    '1720624895000000001 3 100042 7 tracepoint:sched:off__cpu 100011 0', // no comm
    '1720624895000000001 3 100042 7 tracepoint:sched:off__cpu\t100011 0 0 0 reaper3', // a tab ends the probe for the general reader
  ]) assert.equal(parse(bad), null, bad);
  const rec = parse('1720624895000000001 3 100042 7 tracepoint:sched:off__cpu 100011 0 0 Web Content')!;
  assert.deepEqual([rec.args[0], rec.commEnd - rec.commStart], [100011, 'Web Content'.length]);
});
