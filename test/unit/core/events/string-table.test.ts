import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringTable } from '../../../../src/core/events/string-table';

test('ids in order of first interning; lookup does not add; unknown ids read as empty', () => {
  const s = new StringTable();
  assert.equal(s.intern('sh'), 0);
  assert.equal(s.intern('reaper'), 1);
  assert.equal(s.intern('sh'), 0);
  assert.equal(s.lookup('cc'), -1);
  assert.equal(s.size, 2);
  assert.equal(s.get(1), 'reaper');
  assert.equal(s.get(7), '');
  assert.deepEqual(s.all(), ['sh', 'reaper']);
});
