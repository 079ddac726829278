import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { applyTraceFixups } from '../../../../src/core/trace/trace-fixups';

test('a synthesized and a recorded on-cpu of one switch become the recorded one with the partner; only the last Dead stays', () => {
  const b = new EventTableBuilder();
  const unknown = b.strings.intern('');
  const sh = b.strings.intern('sh');
  const reaper = b.strings.intern('reaper0');
  b.push(100, 0, EventKind.OffCpu, 100_200, 200, sh, 100_010, 0);
  b.push(100, 0, EventKind.OnCpu, 100_010, 0, unknown, 100_200, 200); // synthesized from off__cpu
  b.push(105, 0, EventKind.OnCpu, 100_010, 0, reaper); // its own on__cpu
  b.push(100, 0, EventKind.Dead, 100_200, 200, sh);
  b.push(300, 1, EventKind.Dead, 100_200, 200, sh);
  const fixed = applyTraceFixups(b.finish(), unknown, { names: new Map([[100_010, reaper]]), duplicates: true });
  const rows = [...fixed.kind].map((k, i) => `${fixed.ts[i]} ${k} ${fixed.tid[i]} ${fixed.strings.get(fixed.comm[i]!)} ${fixed.arg0[i]}`);
  assert.deepEqual(rows, [
    `100 ${EventKind.OffCpu} 100200 sh 100010`,
    `105 ${EventKind.OnCpu} 100010 reaper0 100200`,
    `300 ${EventKind.Dead} 100200 sh -1`,
  ]);
});

test('nothing asked, nothing changed: the same table comes back', () => {
  const b = new EventTableBuilder();
  b.push(1, 0, EventKind.OnCpu, 1, 1, b.strings.intern('x'));
  const t = b.finish();
  assert.equal(applyTraceFixups(t, 0, { names: null, duplicates: false }), t);
});
