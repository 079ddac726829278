import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NumberColumn } from '../../../../src/core/analysis/number-column';

test('grows past its first capacity keeping every value, non-integers and infinities included', () => {
  const c = new NumberColumn();
  assert.equal(c.last(-1), -1, 'empty: the fallback');
  // 40 values: more than the 16 it starts with, so it grows twice (16 → 32 → 64)
  const values = Array.from({ length: 40 }, (_, k) => (k === 7 ? -Infinity : k * 1.5e9 + 0.25));
  for (const v of values) c.push(v);
  assert.equal(c.length, 40);
  assert.deepEqual(c.toArray(), values);
  assert.equal(c.at(7), -Infinity);
  assert.equal(c.last(0), 39 * 1.5e9 + 0.25);
  const copy = c.toFloat64();
  copy[0] = 99;
  assert.equal(c.at(0), 0.25, 'toFloat64 is a copy');
  assert.deepEqual(NumberColumn.of([3, 1]).toArray(), [3, 1]);
});

test('a column made with room for some values holds more all the same; its view shows the values without a copy', () => {
  const c = new NumberColumn(2);
  for (const v of [5, 6, 7]) c.push(v); // one past the room it was made with
  const view = c.view();
  assert.deepEqual([...view], [5, 6, 7]);
  view[0] = 50;
  assert.equal(c.at(0), 50, 'the view is the column');
  assert.equal(new NumberColumn(0).length, 0);
});
