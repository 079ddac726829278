import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hunkStartMeaning, patchMailMeanings } from '../../../../../src/core/patch/mail/line-meaning';

/**
 * A patch mail body, counted by hand: lines 0-1 the commit message, 2 `---`, 3 the diffstat, 4
 * blank, 5-7 the file header, 8 the hunk `@@ -20,3 +20,3 @@`, then ` a` 20/20, `-b` old 21,
 * `+c` new 21, ` d` 22/22, and the signature.
 */
const BODY = [
  'Reap on the CPU that exits.', '', '---', ' sys/kern/kern_exit.c | 2 +-', '',
  'diff --git a/sys/kern/kern_exit.c b/sys/kern/kern_exit.c', '--- a/sys/kern/kern_exit.c', '+++ b/sys/kern/kern_exit.c',
  '@@ -20,3 +20,3 @@ exit2(struct proc *p)', ' \ta();', '-\tb();', '+\tc();', ' \td();', '-- ', '2.45.2',
].join('\n');

test('a patch mail: commit message, general lines, headers on the first hunk line, each diff line on its side and number', () => {
  const { lines, meanings } = patchMailMeanings(BODY);
  assert.equal(lines.length, 15);
  const file = 'sys/kern/kern_exit.c';
  assert.deepEqual(meanings, [
    { kind: 'text', about: 'commit-message' }, { kind: 'text', about: 'commit-message' },
    { kind: 'text', about: 'general' }, { kind: 'text', about: 'general' }, { kind: 'text', about: 'general' },
    ...[0, 1, 2, 3].map(() => ({ kind: 'patch', file, side: 'new', line: 20 })),
    { kind: 'patch', file, side: 'new', line: 20 }, { kind: 'patch', file, side: 'old', line: 21 },
    { kind: 'patch', file, side: 'new', line: 21 }, { kind: 'patch', file, side: 'new', line: 22 },
    { kind: 'text', about: 'general' }, { kind: 'text', about: 'general' },
  ]);
});

test('a cover letter, and a mail without a diff, are text about the cover letter and the commit message', () => {
  assert.deepEqual(new Set(patchMailMeanings('This series...\n\nThanks', true).meanings.map((m) => JSON.stringify(m))), new Set(['{"kind":"text","about":"cover-letter"}']));
  assert.deepEqual(new Set(patchMailMeanings('Just words.\nNo diff.').meanings.map((m) => JSON.stringify(m))), new Set(['{"kind":"text","about":"commit-message"}']));
});

test('a hunk that only removes lines starts on the old side', () => {
  assert.deepEqual(hunkStartMeaning('f.c', { oldStart: 7, newStart: 6, newLines: 0 }), { kind: 'patch', file: 'f.c', side: 'old', line: 7 });
  assert.deepEqual(hunkStartMeaning('f.c', { oldStart: 7, newStart: 6, newLines: 2 }), { kind: 'patch', file: 'f.c', side: 'new', line: 6 });
});
