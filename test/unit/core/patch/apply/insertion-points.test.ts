import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insertionPoints } from '../../../../../src/core/patch/apply/insertion-points';
import { placementsFromStarts } from '../../../../../src/core/patch/apply/hunk-placement';
import { readPatch } from '../../../../../src/core/patch/read-patch';

const diff = [
  '--- a/f.c', '+++ b/f.c',
  '@@ -10,4 +10,6 @@',
  ' a', '+x', '+y', ' b', '-c', '+C', ' d',
  '',
].join('\n');

test('a block that only adds lines is marked on the line before it; a replaced line is not an insertion', async () => {
  const patch = await readPatch(new TextEncoder().encode(diff), { fileName: 'f.diff' });
  const file = patch.files[0]!;
  // The hunk starts at line 10 (`a`); x and y go after it: line 10, 2 lines. `c` → `C` is a change.
  assert.deepEqual(insertionPoints(file, placementsFromStarts(file.hunks, [10])), [{ line: 10, added: 2 }]);
  // Applied 3 lines further down, the mark moves with it; a hunk that does not apply has none.
  assert.deepEqual(insertionPoints(file, placementsFromStarts(file.hunks, [13])), [{ line: 13, added: 2 }]);
  assert.deepEqual(insertionPoints(file, placementsFromStarts(file.hunks, [null])), []);
});

