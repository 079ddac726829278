// The replacements the apply command makes in place of each file's whole text: checked on the
// seed patch against the test workspace (LF, CRLF, no final newline), on small git-format diffs
// (edges of the file, adjacent hunks, pure insertions and deletions; expected texts checked
// with patch(1)), and as properties over jsdiff-made patches applied as they are, at an offset,
// with fuzz, and ignoring white space.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTwoFilesPatch } from 'diff';
import type { FilePatch, Hunk } from '../../../../../src/core/patch/model';
import { applyFilePatch } from '../../../../../src/core/patch/apply/apply';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import { checkFilePatch } from '../../../../../src/core/patch/apply/file-check';
import { placementsFromStarts } from '../../../../../src/core/patch/apply/hunk-placement';
import { editorPositions, lineReplacements, type LineReplacement } from '../../../../../src/core/patch/apply/line-replacements';
import { fileOf, lineOf, seedPatch, workspaceText } from '../../../seed';

/** The dry run of `file` on `current` and the replacements the apply command would make. */
function replacementsFor(current: string, file: FilePatch, ignoreWhitespace = false): { patched: string; starts: (number | null)[]; replacements: LineReplacement[] } {
  const outcome = checkFilePatch(file, { text: current }, { ignoreWhitespace });
  assert.ok(outcome.patchedText !== null, JSON.stringify(outcome.failures));
  const placements = placementsFromStarts(file.hunks, outcome.starts);
  return { patched: outcome.patchedText, starts: outcome.starts, replacements: lineReplacements(current, outcome.patchedText, file.hunks, placements) };
}

/** Applies replacements the way an editor does: each range of the original text, by offset. */
function applyReplacements(current: string, replacements: readonly LineReplacement[]): string {
  let text = current;
  for (const r of [...replacements].reverse()) text = text.slice(0, r.startOffset) + r.text + text.slice(r.endOffset);
  return text;
}

/** The current text's lines with their '\n' (or '\r\n', or none at the end). */
function rawLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Replacements are in order, apart, and their lines agree with their offsets. */
function assertWellFormed(current: string, replacements: readonly LineReplacement[]): void {
  const lines = rawLines(current);
  const offsetOf = (line: number) => lines.slice(0, line).join('').length;
  let previousEnd = -1;
  for (const r of replacements) {
    assert.ok(r.startLine > previousEnd, `replacements overlap or touch at line ${r.startLine}`);
    assert.ok(r.endLine >= r.startLine && r.endLine <= lines.length);
    assert.equal(r.startOffset, offsetOf(r.startLine));
    assert.equal(r.endOffset, offsetOf(r.endLine));
    assert.ok(r.endLine > r.startLine || r.text !== '', 'an empty replacement');
    previousEnd = r.endLine;
  }
}

/** The removed and added lines of each change block (a run of -/+ lines) of the hunks, in order. */
function changeBlocks(hunks: readonly Hunk[]): { removed: string; added: string }[] {
  const blocks: { removed: string; added: string }[] = [];
  for (const hunk of hunks) {
    let open: { removed: string; added: string } | null = null;
    for (const line of hunk.lines) {
      if (line.kind === 'context') {
        open = null;
        continue;
      }
      if (!open) blocks.push((open = { removed: '', added: '' }));
      if (line.kind === 'remove') open.removed += `${line.text}\n`;
      else open.added += `${line.text}\n`;
    }
  }
  return blocks;
}

const seedFiles = ['sys/kern/init_main.c', 'sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/sys/proc.h'];

test('on the seed patch, each replacement is one change block of the patch: its removed lines out, its added lines in', async () => {
  const patch = await seedPatch();
  for (const path of seedFiles) {
    const file = fileOf(patch, path);
    const current = workspaceText(path);
    const { patched, replacements } = replacementsFor(current, file);
    assertWellFormed(current, replacements);
    assert.equal(applyReplacements(current, replacements), patched, path);
    assert.deepEqual(
      replacements.map((r) => ({ removed: current.slice(r.startOffset, r.endOffset), added: r.text })),
      changeBlocks(file.hunks),
      path,
    );
  }
});

test('kern_sched.c: eleven replacements, none above the first hunk; the first inserts the sched_toproc prototype', async () => {
  const patch = await seedPatch();
  const current = workspaceText('sys/kern/kern_sched.c');
  const { replacements, starts } = replacementsFor(current, fileOf(patch, 'sys/kern/kern_sched.c'));
  // Hunk blocks: +1 | +1 | +5 | −2, −5 | −1+5, −1+1, −1 | −2+5, −3+3, +7.
  assert.equal(replacements.length, 11);
  assert.equal(starts[0], 32);
  const first = replacements[0]!;
  assert.equal(first.startLine, lineOf(current, 'int sched_proc_to_cpu_cost') - 1);
  assert.equal(first.endLine, first.startLine);
  assert.equal(first.text, 'void sched_toproc(struct proc *);\n');
  // The sched_idle hunk removes `struct proc *dead;` and the blank line after it, nothing else there.
  const dead = replacements.find((r) => r.startLine === lineOf(current, 'struct proc *dead;') - 1);
  assert.ok(dead);
  assert.deepEqual([dead.endLine - dead.startLine, dead.text], [2, '']);
});

test('kern_exit.c: the replacements cover the 43 lines the patch removes and no other line', async () => {
  const patch = await seedPatch();
  const current = workspaceText('sys/kern/kern_exit.c');
  const file = fileOf(patch, 'sys/kern/kern_exit.c');
  const { replacements } = replacementsFor(current, file);
  const covered = replacements.reduce((n, r) => n + r.endLine - r.startLine, 0);
  // The kern_exit.c part of the seed patch has 43 '-' lines and 16 '+' lines (grep of the fixture).
  assert.equal(covered, 43);
  assert.equal(replacements.reduce((n, r) => n + rawLines(r.text).length, 0), 16);
  assert.ok(replacements[0]!.startLine >= 88, 'nothing above the first hunk (line 89) is replaced');
});

test('a CRLF copy of kern_sched.c gets the same line ranges, with CRLF line breaks in the new lines', async () => {
  const patch = await seedPatch();
  const file = fileOf(patch, 'sys/kern/kern_sched.c');
  const lf = replacementsFor(workspaceText('sys/kern/kern_sched.c'), file);
  const crlfText = workspaceText('sys/kern/kern_sched.c').replace(/\n/g, '\r\n');
  const crlf = replacementsFor(crlfText, file);
  assert.equal(crlf.patched, lf.patched.replace(/\n/g, '\r\n'));
  assertWellFormed(crlfText, crlf.replacements);
  assert.equal(applyReplacements(crlfText, crlf.replacements), crlf.patched);
  assert.deepEqual(crlf.replacements.map((r) => [r.startLine, r.endLine, r.text]), lf.replacements.map((r) => [r.startLine, r.endLine, r.text.replace(/\n/g, '\r\n')]));
  // Editor positions: the same lines, and characters that never count the '\r'.
  const at = editorPositions(crlfText);
  for (const r of crlf.replacements) assert.deepEqual([at(r.startOffset), at(r.endOffset)], [{ line: r.startLine, character: 0 }, { line: r.endLine, character: 0 }]);
});

test('kern_exit.c without its final newline: same replacements, and the last line keeps having none', async () => {
  const patch = await seedPatch();
  const file = fileOf(patch, 'sys/kern/kern_exit.c');
  const withNewline = workspaceText('sys/kern/kern_exit.c');
  const without = withNewline.slice(0, -1);
  const a = replacementsFor(withNewline, file);
  const b = replacementsFor(without, file);
  assert.equal(b.patched, a.patched.slice(0, -1));
  assert.equal(applyReplacements(without, b.replacements), b.patched);
  assert.deepEqual(b.replacements, a.replacements);
});

/** Small git-format diffs of `f.c`; each expected text was checked with `patch -p1`. */
const samples: { name: string; current: string; diff: string; patched: string; ranges: [number, number, string][] }[] = [
  {
    name: 'a line added after a last line without a newline',
    current: 'a\nb\nc',
    diff: '@@ -2,2 +2,3 @@\n b\n-c\n\\ No newline at end of file\n+c\n+d\n',
    patched: 'a\nb\nc\nd\n',
    ranges: [[2, 3, 'c\nd\n']],
  },
  {
    name: 'the final newline removed',
    current: 'a\nb\n',
    diff: '@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n',
    patched: 'a\nb',
    ranges: [[1, 2, 'b']],
  },
  {
    name: 'the last line of a file without a newline changed',
    current: 'a\nb\nc',
    diff: '@@ -2,2 +2,2 @@\n b\n-c\n\\ No newline at end of file\n+C\n\\ No newline at end of file\n',
    patched: 'a\nb\nC',
    ranges: [[2, 3, 'C']],
  },
  {
    name: 'lines inserted at the very start (no context)',
    current: 'a\nb\n',
    diff: '@@ -0,0 +1,2 @@\n+x\n+y\n',
    patched: 'x\ny\na\nb\n',
    ranges: [[0, 0, 'x\ny\n']],
  },
  {
    name: 'the first line removed and the last two removed (hunks at both ends)',
    current: 'a\nb\nc\nd\ne\nf\ng\n',
    diff: '@@ -1,3 +1,2 @@\n-a\n b\n c\n@@ -5,3 +4,1 @@\n e\n-f\n-g\n',
    patched: 'b\nc\nd\ne\n',
    ranges: [[0, 1, ''], [5, 7, '']],
  },
  {
    name: 'adjacent hunks (diff -U0) become one replacement',
    current: 'a\nb\nc\nd\n',
    diff: '@@ -2 +2 @@\n-b\n+B\n@@ -3 +3 @@\n-c\n+C\n',
    patched: 'a\nB\nC\nd\n',
    ranges: [[1, 3, 'B\nC\n']],
  },
  {
    name: 'a pure insertion and a pure deletion in the middle, context between them kept',
    current: 'a\nb\nc\nd\ne\n',
    diff: '@@ -1,5 +1,5 @@\n a\n+x\n b\n c\n-d\n e\n',
    patched: 'a\nx\nb\nc\ne\n',
    ranges: [[1, 1, 'x\n'], [3, 4, '']],
  },
  {
    name: 'a removed line put back unchanged is not replaced',
    current: 'a\nb\nc\n',
    diff: '@@ -1,3 +1,4 @@\n a\n-b\n+b\n+b2\n c\n',
    patched: 'a\nb\nb2\nc\n',
    ranges: [[2, 2, 'b2\n']],
  },
];

for (const sample of samples) {
  test(`git-format diff: ${sample.name}`, () => {
    const { files, diagnostics } = parseDiff(`diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n${sample.diff}`);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    const { patched, replacements } = replacementsFor(sample.current, files[0]!);
    assert.equal(patched, sample.patched);
    assertWellFormed(sample.current, replacements);
    assert.equal(applyReplacements(sample.current, replacements), sample.patched);
    assert.deepEqual(replacements.map((r) => [r.startLine, r.endLine, r.text]), sample.ranges);
  });
}

test('editor positions count a lone \\r as a line break, as VS Code does, and a last line without one', () => {
  const at = editorPositions('a\rb\r\nc\nd');
  assert.deepEqual([0, 2, 5, 7, 8].map(at), [
    { line: 0, character: 0 }, { line: 1, character: 0 }, { line: 2, character: 0 }, { line: 3, character: 0 }, { line: 3, character: 1 },
  ]);
});

test('when the hunks do not match the texts, the result is still exact: one replacement between the common ends', () => {
  const hunk = parseDiff('--- a/f.c\n+++ b/f.c\n@@ -1,1 +1,1 @@\n-a\n+A\n').files[0]!.hunks;
  const replacements = lineReplacements('a\nb\nc\nd\n', 'a\nB\nx\nC\nd\n', hunk, [{ startLine: 1, newStartLine: 1 }]);
  assert.equal(applyReplacements('a\nb\nc\nd\n', replacements), 'a\nB\nx\nC\nd\n');
  assert.deepEqual(replacements.map((r) => [r.startLine, r.endLine]), [[1, 3]]);
});

// --- Properties -------------------------------------------------------------------------------

/** Files of a few short lines from a small alphabet, so that diffs have repeated context. */
const lineText = fc.constantFrom('{', '}', '\tSCHED_LOCK();', '\tSCHED_UNLOCK();', 'void', 'reaper(void *arg)', '', '\tp = NULL;', '\treturn;');
const fileLines = fc.array(lineText, { maxLength: 40 });
const join = (lines: string[], finalNewline: boolean, crlf: boolean): string =>
  lines.length === 0 ? '' : (lines.join('\n') + (finalNewline ? '\n' : '')).replace(/\n/g, crlf ? '\r\n' : '\n');

/** The current lines each hunk's old side covers as placed: [start − 1, start − 1 + old-side lines), clipped. */
function hunkRegions(hunks: readonly Hunk[], starts: readonly (number | null)[], lineCount: number): [number, number][] {
  return hunks.map((hunk, i) => {
    const begin = (starts[i] ?? 1) - 1;
    const end = begin + hunk.lines.filter((l) => l.kind !== 'add').length;
    return [Math.max(0, begin), Math.min(lineCount, end)];
  });
}

/** Exact, inside the hunks, and trimmed to lines that differ. */
function assertProperties(current: string, file: FilePatch, ignoreWhitespace: boolean): void {
  const { patched, starts, replacements } = replacementsFor(current, file, ignoreWhitespace);
  assertWellFormed(current, replacements);
  assert.equal(applyReplacements(current, replacements), patched);
  const regions = hunkRegions(file.hunks, starts, rawLines(current).length);
  const before = rawLines(current);
  for (const r of replacements) {
    assert.ok(regions.some(([a, b]) => a <= r.startLine && r.endLine <= b), `lines ${r.startLine}..${r.endLine} are outside every hunk ${JSON.stringify(regions)}`);
    const added = rawLines(r.text);
    if (r.endLine > r.startLine && added.length > 0) {
      assert.notEqual(before[r.startLine], added[0], 'starts with a line that is the same in both');
      assert.notEqual(before[r.endLine - 1], added[added.length - 1], 'ends with a line that is the same in both');
    }
  }
}

const diffOf = (before: string, after: string, context: number): FilePatch => parseDiff(createTwoFilesPatch('a/f.c', 'b/f.c', before, after, undefined, undefined, { context })).files[0]!;

test('property: for jsdiff-made patches (LF/CRLF, with or without final newline), replacements are exact, inside the hunks, trimmed', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(fileLines, fileLines, fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 3 }), (a, b, endA, endB, crlf, context) => {
      const before = join(a, endA, crlf);
      const after = join(b, endB, crlf);
      // A file without any line break does not say which ending it uses: CRLF only with breaks in both.
      fc.pre(before !== after && (!crlf || (before.includes('\n') && after.includes('\n'))));
      const file = diffOf(before, after, context);
      assertProperties(before, file, false);
      assert.equal(replacementsFor(before, file).patched, after);
    }),
    { seed: 20241125, numRuns: 1500 },
  );
});

test('property: the same patches applied at an offset, with fuzz, or ignoring white space still give exact replacements inside the hunks', { timeout: 120_000 }, () => {
  const seen = { offset: 0, fuzz: 0, whitespace: 0 };
  fc.assert(
    fc.property(
      fileLines, fileLines, fc.integer({ min: 1, max: 3 }), fc.nat(), fc.constantFrom('pad', 'change', 'space'), fc.integer({ min: 1, max: 5 }),
      (a, b, context, where, how, pad) => {
        const before = join(a, true, false);
        const after = join(b, true, false);
        fc.pre(before !== after && a.length > 0);
        const file = diffOf(before, after, context);
        const lines: string[] = [...a];
        const at = where % lines.length;
        if (how === 'pad') lines.splice(at, 0, ...Array<string>(pad).fill('/* pad */'));
        else if (how === 'change') lines[at] = '/* changed */';
        else lines[at] = `  ${lines[at]!.replace(/\t/g, '    ')} `;
        const current = join(lines, true, false);
        const ignoreWhitespace = how === 'space';
        const result = applyFilePatch(file, current, { ignoreWhitespace });
        if (!result.ok) return;
        if (result.outcomes.some((o) => o.status === 'offset')) seen.offset++;
        if (result.outcomes.some((o) => o.status === 'fuzz')) seen.fuzz++;
        if (ignoreWhitespace && current !== before) seen.whitespace++;
        assertProperties(current, file, ignoreWhitespace);
      },
    ),
    { seed: 1720624895, numRuns: 2000 },
  );
  // The run must have met each case, or it proves little.
  assert.ok(seen.offset > 50 && seen.fuzz > 20 && seen.whitespace > 50, JSON.stringify(seen));
});
