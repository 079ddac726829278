/** The bounded diagnostic log, directly and under the btrace reader with many junk lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, DiagnosticLog } from '../../../../src/core/trace/diagnostic-log';
import { fixture, read } from './trace-test-helpers';

test('kept up to the limit per code, in line order, then one -more summary per code', () => {
  const log = new DiagnosticLog(2);
  log.add(9, 'warning', 'a', 'a9');
  log.add(3, 'warning', 'a', 'a3');
  log.add(5, 'info', 'b', 'b5');
  log.add(7, 'warning', 'a', 'a7');
  log.add(8, 'warning', 'a', 'a8');
  assert.equal(log.count('a'), 4);
  assert.equal(log.count('b'), 1);
  assert.equal(log.count('c'), 0);
  assert.deepEqual(log.list().map((d) => [d.line, d.code, d.message]), [
    [3, 'a', 'a3'], [5, 'b', 'b5'], [9, 'a', 'a9'],
    // the 3rd and 4th 'a' (lines 7 and 8) only counted: 4 - 2 = 2 more from line 7
    [7, 'a-more', "2 more 'a' lines from line 7 on are not listed (4 in all)."],
  ]);
});

test('the btrace sample with 120 junk lines appended: 50 listed, the other 71 summed up', () => {
  const text = fixture('btrace-baseline.txt') + 'not a line\n'.repeat(120);
  const r = read(text);
  const junk = r.diagnostics.filter((d) => d.code === 'junk-line');
  // the sample's own junk line (14, the drop notice) and lines 16.. of the appended ones: 121 in all
  assert.equal(r.junkLines, 121);
  assert.equal(junk.length, 50);
  assert.deepEqual([junk[0]!.line, junk[49]!.line], [14, 16 + 48]);
  const more = r.diagnostics.find((d) => d.code === 'junk-line-more');
  assert.equal(more?.line, 16 + 49);
  assert.equal(more?.message, "71 more 'junk-line' lines from line 65 on are not listed (121 in all).");
});

test('clip: up to 80 characters kept, longer ones cut to 77 and an ellipsis', () => {
  assert.equal(clip('x'.repeat(80)), 'x'.repeat(80));
  assert.equal(clip('x'.repeat(81)), `${'x'.repeat(77)}...`);
  assert.equal(clip('x'.repeat(81)).length, 80);
});
