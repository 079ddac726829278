/** Skipped lines counted per name: directly, and under the ftrace reader on damaged lines of a real-format trace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkippedLines } from '../../../../src/core/trace/skipped-lines';
import { DiagnosticLog } from '../../../../src/core/trace/diagnostic-log';
import { fixture, read } from './trace-test-helpers';

test('one warning per name at its first line, with the count and the first problem', () => {
  const s = new SkippedLines();
  s.add('sched_switch', 12, 'payload not understood: \'x\'');
  s.add('not an event', 4, "'junk'");
  s.add('sched_switch', 20, 'payload not understood: \'y\'');
  assert.equal(s.total, 3);
  const log = new DiagnosticLog();
  s.report(log, 'skipped-lines');
  assert.deepEqual(log.list().map((d) => [d.line, d.severity, d.message]), [
    [4, 'warning', "not an event: 1 line skipped, first at line 4: 'junk'"],
    [12, 'warning', "sched_switch: 2 lines skipped, first at line 12: payload not understood: 'x'"],
  ]);
});

test('ftrace sample with two damaged sched_switch payloads: one warning naming the first', () => {
  const lines = fixture('ftrace-flags5.txt').split('\n');
  // lines 15 and 17 (1-based) are sched_switch lines of the sample
  assert.match(lines[14]!, /sched_switch: prev_comm=swapper\/1/);
  assert.match(lines[16]!, /sched_switch: prev_comm=worker/);
  for (const i of [14, 16]) lines[i] = lines[i]!.replace(/sched_switch: .*/, 'sched_switch: garbled');
  const r = read(lines.join('\n'));
  const skipped = r.diagnostics.filter((d) => d.code === 'skipped-lines');
  assert.deepEqual(skipped.map((d) => [d.line, d.message]), [[15, "sched_switch: 2 lines skipped, first at line 15: payload not understood: 'garbled'"]]);
});
