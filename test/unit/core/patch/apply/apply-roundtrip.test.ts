// Property: for any two versions of a file, a unified diff made by an independent tool
// (jsdiff's createTwoFilesPatch) is read by parseDiff and applied by applyFilePatch to give
// exactly the new version (LF or CRLF line endings and a missing final newline included), and applied
// in reverse to the new version gives the old one back. Seeded, so failures replay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTwoFilesPatch } from 'diff';
import { applyFilePatch } from '../../../../../src/core/patch/apply/apply';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';

/** Files of a few short lines from a small alphabet, so that diffs have repeated context. */
const fileText = fc.tuple(
  fc.array(fc.constantFrom('{', '}', '\tSCHED_LOCK();', '\tSCHED_UNLOCK();', 'void', 'reaper(void *arg)', '', '\tp = NULL;', '\treturn;'), { maxLength: 40 }),
  fc.boolean(),
).map(([lines, finalNewline]) => (lines.length === 0 ? '' : lines.join('\n') + (finalNewline ? '\n' : '')));

test('jsdiff-made patches apply forward and in reverse to exactly the other version', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(fileText, fileText, fc.integer({ min: 0, max: 4 }), fc.boolean(), (lfBefore, lfAfter, context, crlf) => {
      fc.pre(lfBefore !== lfAfter);
      // Both versions in the same line ending; CRLF files come back CRLF. A file without any
      // line break does not say which ending it uses (inserted lines then get LF): not tested.
      fc.pre(!crlf || (lfBefore.includes('\n') && lfAfter.includes('\n')));
      const before = crlf ? lfBefore.replace(/\n/g, '\r\n') : lfBefore;
      const after = crlf ? lfAfter.replace(/\n/g, '\r\n') : lfAfter;
      const text = createTwoFilesPatch('a/f.c', 'b/f.c', before, after, undefined, undefined, { context });
      const { files, diagnostics } = parseDiff(text);
      assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info'), []);
      assert.equal(files.length, 1);
      const forward = applyFilePatch(files[0]!, before);
      assert.equal(forward.postImage, after);
      const reverse = applyFilePatch(files[0]!, after, { reverse: true });
      assert.equal(reverse.postImage, before);
    }),
    { seed: 424242, numRuns: 1500 },
  );
});

test('lines added above every hunk move them by that offset, and the result is still exact', { timeout: 120_000 }, () => {
  fc.assert(
    // With context (and a non-empty old file) every hunk has lines to find; a context-free
    // insertion has nothing to anchor it and goes where its header says, as with patch(1).
    fc.property(fileText, fileText, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 30 }), (before, after, context, pad) => {
      fc.pre(before !== after && before.endsWith('\n') && after.endsWith('\n'));
      const file = parseDiff(createTwoFilesPatch('a/f.c', 'b/f.c', before, after, undefined, undefined, { context })).files[0]!;
      const top = '/* pad */\n'.repeat(pad);
      const result = applyFilePatch(file, top + before);
      assert.equal(result.postImage, top + after);
      for (const outcome of result.outcomes) assert.deepEqual([outcome.status, outcome.offset], ['offset', pad]);
    }),
    { seed: 1720624895, numRuns: 800 },
  );
});
