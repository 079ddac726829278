import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quotedHunkMeanings, UNCHECKED } from '../../../../../src/core/patch/mail/quoted-hunks';
import type { LineMeaning } from '../../../../../src/core/patch/mail/line-meaning';

/** Each line's place as `side line (reason)`, or '-' for a line with no meaning. */
const places = (lines: string[]): string[] => quotedHunkMeanings(lines).meanings.map((m: LineMeaning | null) => {
  if (m === null) return '-';
  if (m.kind !== 'patch') return m.kind;
  return `${m.file || '?'} ${m.side} ${m.line}${m.reason ? ` (${m.reason.replace(`${UNCHECKED}; `, '')})` : ''}`;
});

test('a quote with file and hunk headers and every diff marker pins each line: no reason', () => {
  // @@ -5,3 +5,3 @@: ` a` 5/5, `-b` old 6, `+c` new 6, ` d` 7/7.
  assert.deepEqual(places(['diff --git a/x.c b/x.c', '--- a/x.c', '+++ b/x.c', '@@ -5,3 +5,3 @@', ' a', '-b', '+c', ' d']), [
    '-', '-', '-', 'x.c new 5', 'x.c new 5', 'x.c old 6', 'x.c new 6', 'x.c new 7',
  ]);
});

test('no file header, a lost leading space, a snip: still counted, each with the reason', () => {
  const got = places(['@@ -5,3 +5,4 @@', ' a', 'b', '[...]', '+c']);
  assert.deepEqual(got, [
    '? new 5 (no file header was quoted above the hunk)',
    '? new 5 (no file header was quoted above the hunk)',
    // `b` lost its leading space: context 6/6, and from it on the count is a guess.
    '? new 6 (no file header was quoted above the hunk; a quoted line above it in the hunk has no diff marker)',
    '-',
    '? new 7 (no file header was quoted above the hunk; a snip above it in the hunk may have cut lines; a quoted line above it in the hunk has no diff marker)',
  ]);
  const unpinned = quotedHunkMeanings(['@@ -5,1 +5,1 @@', ' a']).meanings[1];
  assert.match(unpinned?.kind === 'patch' ? unpinned.reason ?? '' : '', /^answered message not in the input; line read from the quote; no file header/);
});

test('a hunk cut short just ends; lines past the header\'s counts are the reviewer\'s, not the hunk\'s', () => {
  // @@ -1,1 +1,2 @@ has two new lines: ` a` 1/1 and `+b` new 2; `c` after it is outside the hunk.
  assert.deepEqual(places(['--- a/y.c', '+++ b/y.c', '@@ -1,1 +1,2 @@', ' a', '+b', ' c']), ['-', '-', 'y.c new 1', 'y.c new 1', 'y.c new 2', '-']);
  assert.deepEqual(places(['+++ b/y.c', '@@ -1,3 +1,3 @@', ' a']), ['-', 'y.c new 1', 'y.c new 1']);
});
