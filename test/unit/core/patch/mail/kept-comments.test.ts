import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readKeptComments, unsentCount } from '../../../../../src/core/patch/mail/kept-comments';

test('kept comments read back as written; damaged entries are dropped, not thrown on', () => {
  const good = { path: 'sys/kern/kern_exit.c', line: 427, anchor: { hunkIndex: 2, lineIndex: 20 }, reviewerIndex: 0, text: 'Agreed.', sent: false };
  const loose = { path: 'sys/kern/kern_sched.c', line: 40, anchor: null, reviewerIndex: null, text: 'Unrelated.', sent: true };
  const stored = JSON.parse(JSON.stringify([good, loose, { path: 'x', line: 0, text: 'line 0' }, { line: 3, text: 'no path' }, null, 'text', { ...good, anchor: { hunkIndex: -1, lineIndex: 2 } }]));
  const read = readKeptComments(stored);
  assert.deepEqual(read.slice(0, 2), [good, loose]);
  // The last one keeps its text and line; only its broken anchor is dropped.
  assert.deepEqual(read[2], { ...good, anchor: null });
  assert.equal(read.length, 3);
  assert.equal(unsentCount(read), 2);
  assert.deepEqual(readKeptComments(undefined), []);
  assert.deepEqual(readKeptComments({ path: 'x' }), []);
});
