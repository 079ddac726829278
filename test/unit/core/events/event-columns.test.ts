import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyRow, emptyColumns } from '../../../../src/core/events/event-columns';

const COLUMNS = ['ts', 'cpu', 'kind', 'tid', 'pid', 'comm', 'arg0', 'arg1'] as const;

test('copyRow copies every column of a row, within one set of columns and between two', () => {
  const a = emptyColumns(3);
  // row 2: a value per column that each column's type holds exactly
  const row = { ts: 1_720_624_895.5, cpu: 65_535, kind: 9, tid: 100_042, pid: -1, comm: 4_000_000_000, arg0: -7, arg1: 302 };
  for (const c of COLUMNS) a[c][2] = row[c];
  copyRow(a, 0, a, 2);
  const held = emptyColumns(1);
  copyRow(held, 0, a, 0);
  for (const c of COLUMNS) {
    assert.equal(a[c][0], row[c], c);
    assert.equal(held[c][0], row[c], c);
    assert.equal(a[c][1], 0, `${c}: row 1 untouched`);
  }
});
