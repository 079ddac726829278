// Fuzz: the seed fixtures and the real-format diffs, mutated thousands of times (fast-check,
// fixed seed so failures replay): parseDiff never throws or hangs, every line number it
// reports lies within the input, and applying what it read never throws either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { applyFilePatch } from '../../../../../src/core/patch/apply/apply';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';

const read = (name: string): string => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');
const inputs = [
  'one-reaper-per-cpu.patch', 'one-reaper-per-cpu.review.eml', 'one-reaper-per-cpu.marc.txt',
  'diffs/git-features.diff', 'diffs/crlf.diff', 'diffs/diff-ru.diff', 'c/kern_sched_like.diff',
].map(read);
const preImage = read('c/kern_sched_like.c');

type Mutation = (lines: string[]) => void;
const at = (lines: string[], k: number): number => (lines.length === 0 ? 0 : k % lines.length);

/** Line-level edits of the kind damaged patches show, plus random garbage. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((k): Mutation => (lines) => { lines.splice(at(lines, k), 1); }),
  fc.nat().map((k): Mutation => (lines) => { lines.splice(at(lines, k), 0, lines[at(lines, k)] ?? ''); }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (lines) => {
    const i = at(lines, a); const j = at(lines, b);
    [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
  }),
  fc.nat().map((k): Mutation => (lines) => { const i = at(lines, k); lines[i] = (lines[i] ?? '').slice(1); }),
  fc.nat().map((k): Mutation => (lines) => { lines.splice(at(lines, k), 0, ''); }),
  fc.nat().map((k): Mutation => (lines) => { const i = at(lines, k); lines[i] = `${lines[i] ?? ''}\r`; }),
  fc.tuple(fc.nat(), fc.string({ maxLength: 40 })).map(([k, s]): Mutation => (lines) => { lines.splice(at(lines, k), 0, s); }),
  fc.tuple(fc.nat(), fc.constantFrom('@@ -1 +1 @@', '@@ -0,0 +1,99999 @@', '@@ -5,2 +5', '\\ No newline at end of file',
    'diff --git a/x', 'diff --git "a/\\303" "b/\\', '--- /dev/null', '+++ b/new', 'GIT binary patch', 'literal 3', 'rename from "x',
    'index zz..yy', 'similarity index 999%', 'Binary files a and b differ', '-- ')).map(([k, s]): Mutation => (lines) => {
    lines.splice(at(lines, k), 0, s);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 99999 })).map(([k, n]): Mutation => (lines) => {
    const i = at(lines, k);
    lines[i] = (lines[i] ?? '').replace(/\d+/, String(n));
  }),
  fc.nat().map((k): Mutation => (lines) => { lines.length = at(lines, k); }),
);

function checkParse(text: string, whitespaceDamaged: boolean): void {
  const lineCount = Math.max(1, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
  const result = parseDiff(text, { whitespaceDamaged });
  for (const d of result.diagnostics) {
    assert.ok(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount, `diagnostic ${d.code} on line ${d.line} of ${lineCount}`);
    assert.ok(d.message.length > 0);
  }
  assert.ok(result.firstDiffLine >= -1 && result.firstDiffLine < lineCount);
  for (const file of result.files) {
    assert.ok(file.sourceLine >= 1 && file.sourceLine <= lineCount);
    for (const hunk of file.hunks) {
      assert.ok(hunk.sourceLine >= 1 && hunk.sourceLine <= lineCount);
      for (const line of hunk.lines) assert.ok(line.sourceLine > hunk.sourceLine && line.sourceLine <= lineCount);
    }
    applyFilePatch(file, preImage, { ignoreWhitespace: whitespaceDamaged });
  }
}

test('mutated fixtures: parseDiff never throws, reports lines within the input, apply never throws', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(fc.nat({ max: inputs.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (which, edits, damaged) => {
      const lines = inputs[which]!.split('\n');
      for (const edit of edits) edit(lines);
      checkParse(lines.join('\n'), damaged);
    }),
    { seed: 20240710, numRuns: 3000 },
  );
});

test('random text and random bytes decoded as text never throw', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.boolean(), (text, damaged) => checkParse(text, damaged)),
    { seed: 7, numRuns: 2000 },
  );
});
