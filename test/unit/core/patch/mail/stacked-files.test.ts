import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTwoFilesPatch } from 'diff';
import { applyFilePatch } from '../../../../../src/core/patch/apply/apply';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import type { FilePatch } from '../../../../../src/core/patch/model';
import { stackFiles } from '../../../../../src/core/patch/mail/stacked-files';

const PATH = 'sys/kern/kern_sched.c';

/** The git-style diff (3 lines of context) of `before` → `after` for PATH, read back. */
function filePatch(before: string, after: string): FilePatch {
  const text = `diff --git a/${PATH} b/${PATH}\n${createTwoFilesPatch(`a/${PATH}`, `b/${PATH}`, before, after, '', '', { context: 3 }).split('\n').slice(2).join('\n')}`;
  const files = parseDiff(text).files;
  assert.equal(files.length, 1, text);
  return files[0]!;
}

/** A BSD-style file of `n` numbered lines. */
const lines = (n: number): string[] => Array.from({ length: n }, (_, i) => `\tsched_step_${i + 1}(spc);`);
const text = (l: readonly string[]): string => `${l.join('\n')}\n`;

test('two patches of one file in different places stack into one file patch on the old file', () => {
  const base = lines(40);
  // Patch 1 replaces line 5 and adds a line after 6 (+2 -1: one line more); patch 2, on that
  // result, removes what is line 31 there (line 30 of the old file).
  const one = [...base.slice(0, 4), '\tsched_peg(spc);', base[5]!, '\tsched_reap(spc);', ...base.slice(6)];
  const two = [...one.slice(0, 30), ...one.slice(31)];
  const p1 = filePatch(text(base), text(one));
  const p2 = filePatch(text(one), text(two));
  const { files, sources } = stackFiles([[p1], [p2]]);
  assert.equal(files.length, 1);
  const [file] = files as [FilePatch];
  // Patch 1's hunk: old 2..9 (3 lines of context around lines 5..6); patch 2's: old side 28..34 after patch 1, 27..33 before it.
  assert.deepEqual(file.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]), [[2, 8, 2, 9], [27, 7, 28, 6]]);
  assert.deepEqual(sources, [[{ patch: 0, file: 0, hunk: 0 }, { patch: 1, file: 0, hunk: 0 }]]);
  assert.deepEqual([file.added, file.removed], [2, 2]);
  const removed = file.hunks[1]!.lines.find((l) => l.kind === 'remove')!;
  assert.deepEqual([removed.text, removed.oldLine], [base[29], 30]);
  assert.equal(applyFilePatch(file, text(base)).postImage, text(two));
});

test('a later hunk on lines the earlier patch wrote stays a file patch of its own', () => {
  const base = lines(20);
  const one = [...base.slice(0, 10), '\tsched_peg(spc);', ...base.slice(10)];
  const two = one.map((l) => (l === '\tsched_peg(spc);' ? '\tsched_peg(spc, ci);' : l));
  const { files, sources } = stackFiles([[filePatch(text(base), text(one))], [filePatch(text(one), text(two))]]);
  assert.equal(files.length, 2);
  assert.deepEqual(sources.map((s) => s.map((x) => x.patch)), [[0], [1]]);
});

test('property: patches of one file stacked apply to the old file as the patches one after the other', () => {
  const edit = fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 2 }), add: fc.integer({ min: 0, max: 2 }) });
  let stacked = 0;
  fc.assert(fc.property(fc.integer({ min: 10, max: 80 }), fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 4 }), (n, patches) => {
    let counter = 0;
    const versions = [lines(n)];
    for (const edits of patches) {
      const next = [...versions[versions.length - 1]!];
      for (const e of edits) {
        const at = e.at % (next.length + 1);
        next.splice(at, e.remove, ...Array.from({ length: e.add }, () => `\tnew_call_${++counter}();`));
      }
      versions.push(next);
    }
    const diffs = versions.slice(1).map((v, k) => filePatch(text(versions[k]!), text(v)));
    if (diffs.some((d) => d.hunks.length === 0)) return;
    const { files, sources } = stackFiles(diffs.map((d) => [d]));
    // Every hunk of every patch is in exactly one file, once.
    assert.deepEqual(sources.flat().map((s) => `${s.patch}.${s.hunk}`).sort(), diffs.flatMap((d, p) => d.hunks.map((_, h) => `${p}.${h}`)).sort());
    if (files.length === 1) {
      stacked++;
      assert.equal(applyFilePatch(files[0]!, text(versions[0]!)).postImage, text(versions[versions.length - 1]!));
      sources[0]!.forEach((s, k) => assert.deepEqual(files[0]!.hunks[k]!.lines.map((l) => l.text), diffs[s.patch]!.hunks[s.hunk]!.lines.map((l) => l.text)));
    }
  }), { numRuns: 300, seed: 20241202 });
  // The generator must reach the stacking itself, not only the case kept apart.
  assert.ok(stacked >= 30, `${stacked} of 300 runs stacked`);
});
