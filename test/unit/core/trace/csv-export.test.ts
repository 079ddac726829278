/** CSV text of trace metrics: the btrace sample's figures, number formatting and quoting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv } from '../../../../src/core/trace/csv-export';
import { summarizeTrace } from '../../../../src/core/analysis/trace-summary';
import { fixture, read } from './trace-test-helpers';

test('the btrace sample summary as metric rows: integers as they are, ratios to 12 significant digits', () => {
  const s = summarizeTrace(read(fixture('btrace-baseline.txt')));
  const csv = toCsv(['metric', 'unit', 'value'], [
    ['spanNs', 'ns', s.spanNs],
    ['exitToReapNs.p50', 'ns', s.exitToReapNs.p50],
    ['utilisation.cpu0', 'ratio', s.utilisationPerCpu[0]!],
    ['utilisation.cpu1', 'ratio', s.utilisationPerCpu[1]!],
    ['exitToFree.count', 'count', s.exitToFree?.count ?? null],
  ]);
  // 1000 / 59500 = 0.01680672268907563… → 0.0168067226891; 53600 / 59500 = 0.90084033613445… → 0.900840336134
  assert.equal(csv, [
    'metric,unit,value',
    'spanNs,ns,59500',
    'exitToReapNs.p50,ns,8500',
    'utilisation.cpu0,ratio,0.0168067226891',
    'utilisation.cpu1,ratio,0.900840336134',
    'exitToFree.count,count,',
    '',
  ].join('\n'));
});

test('trailing zeros dropped, negatives and large values kept, fields quoted when they must be', () => {
  assert.equal(toCsv(['a'], [[0.5], [0.672], [-2.25], [1e21], [0.1 + 0.2]]), 'a\n0.5\n0.672\n-2.25\n1e+21\n0.3\n');
  assert.equal(toCsv(['name', 'note'], [['exit→reap, p99', 'say "hi"'], ['two\nlines', '']]), 'name,note\n"exit→reap, p99","say ""hi"""\n"two\nlines",\n');
  assert.equal(toCsv(['only'], []), 'only\n');
});
