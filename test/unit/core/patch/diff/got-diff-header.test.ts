import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readGotBlobLine } from '../../../../../src/core/patch/diff/got-diff-header';

/** Reads the first line of `text` (up to its LF) as parseDiff hands it over. */
function first(text: string) {
  const lf = text.indexOf('\n');
  return readGotBlobLine(text, 0, lf < 0 ? text.length : lf);
}

// The lines as got's lib/diff.c prints them: "blob - %s", "blob + %s", " (mode %o)" when the mode changes.
test('`blob -` and `blob +` lines give the old and new git blob id, in lower case', () => {
  assert.deepEqual(first('blob - DAA834D0D2B0C4AFB4A33C1A1CD1B8F9F5D1F0E1\n--- x'), { side: 'old', id: 'daa834d0d2b0c4afb4a33c1a1cd1b8f9f5d1f0e1' });
  assert.deepEqual(first('blob + 25456be2f6c7e7a1f2b0d3e4c5a6b7c8d9e0f1a2'), { side: 'new', id: '25456be2f6c7e7a1f2b0d3e4c5a6b7c8d9e0f1a2' });
  assert.deepEqual(first('blob - 0123456789abcdef0123456789abcdef01234567 (mode 644)\n'), { side: 'old', id: '0123456789abcdef0123456789abcdef01234567' });
  // Trailing white space (a mail client's) is allowed.
  assert.deepEqual(first('blob + d571b0855cff  \n'), { side: 'new', id: 'd571b0855cff' });
});

test('a line in the middle of a text is read between the given offsets only', () => {
  const text = 'commit - 5f3c\nblob - ba87dcd42cd0\nblob + a5cc37ac0f74\n';
  const start = text.indexOf('blob +');
  assert.deepEqual(readGotBlobLine(text, start, text.length - 1), { side: 'new', id: 'a5cc37ac0f74' });
  // The end cuts the id: 6 hex digits are too short for a blob id (7 at least).
  assert.equal(readGotBlobLine(text, start, start + 'blob + a5cc37'.length), null);
});

test('other lines are not blob lines: a work-tree `file +`, other markers, bad ids', () => {
  for (const line of [
    'file + sys/kern/kern_exit.c (mode 755)',
    'blob * 0123456789abc',
    'blob - ',
    'blob - 012345',
    'blob - 0123456789abcdefg',
    'blob - 01234567 (mode 64x)',
    'blob -0123456789',
    ' blob - 0123456789',
    'commit - 5f3c0a1d2e4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d',
  ]) assert.equal(first(line), null, line);
});
