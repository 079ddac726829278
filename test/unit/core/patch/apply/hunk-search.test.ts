import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findHunk, type HunkSearch } from '../../../../../src/core/patch/apply/hunk-search';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import type { Hunk } from '../../../../../src/core/patch/model';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/diffs/${name}`, import.meta.url), 'utf8');

/** small-sched.c (32 lines) and the two hunks no-prefix.diff has for it: `-8,7` (sched_init_cpu) and `-27,6` (sched_toidle). */
const image = fixture('small-sched.c').split('\n').slice(0, -1);
const [initHunk, idleHunk] = parseDiff(fixture('no-prefix.diff')).files[0]!.hunks as [Hunk, Hunk];

/** A search of `lines` for a hunk expected at its header's line, as patch(1) starts. */
const search = (hunk: Hunk, lines: readonly string[], more: Partial<HunkSearch> = {}): HunkSearch =>
  ({ image: lines, minStart: 0, expected: hunk.oldStart - 1, maxFuzz: 2, normalize: (t) => t, ...more });

test('a hunk is found at the line its header names, without fuzz', () => {
  assert.equal(image.length, 32);
  assert.deepEqual(findHunk(initHunk, search(initHunk, image)), { start: 7, lead: 0, trail: 0, fuzz: 0 });
  assert.deepEqual(findHunk(idleHunk, search(idleHunk, image)), { start: 26, lead: 0, trail: 0, fuzz: 0 });
});

test('lines added or removed above move the hunk: found at the nearest offset', () => {
  const moved = ['/* three */', '/* new */', '/* lines */', ...image];
  assert.equal(findHunk(initHunk, search(initHunk, moved))?.start, 7 + 3);
  // Lines removed above: found 1 or 2 lines earlier than its header says.
  assert.equal(findHunk(initHunk, search(initHunk, image.filter((_, i) => i !== 1)))?.start, 7 - 1);
  assert.equal(findHunk(idleHunk, search(idleHunk, image.filter((_, i) => i !== 1 && i !== 5)))?.start, 26 - 2);
});

test('of two places at the same distance the later is taken; a nearer one wins over both', () => {
  // The 6 old lines of the idle hunk at 0-based 20 and 30 around an expected 25.
  const old = idleHunk.lines.filter((l) => l.kind !== 'add').map((l) => l.text);
  const twice = [...Array<string>(20).fill('x'), ...old, ...Array<string>(4).fill('x'), ...old];
  assert.equal(twice.indexOf(old[0]!, 21), 30);
  assert.equal(findHunk(idleHunk, search(idleHunk, twice, { expected: 25 }))?.start, 30);
  assert.equal(findHunk(idleHunk, search(idleHunk, twice, { expected: 24 }))?.start, 20);
});

test('with changed context at its ends, the hunk is found with fuzz: the context lines ignored at the start and the end', () => {
  // sched_init_cpu renamed: the hunk's first context line (file line 8) no longer matches.
  const renamed = image.map((l) => l.replace('sched_init_cpu(', 'sched_init_cpu_mp('));
  assert.equal(findHunk(initHunk, search(initHunk, renamed, { maxFuzz: 0 })), null);
  // Fuzz 1 drops one context line at each end (the hunk has 3 before and 3 after its change): found from file line 9.
  assert.deepEqual(findHunk(initHunk, search(initHunk, renamed, { maxFuzz: 1 })), { start: 8, lead: 1, trail: 1, fuzz: 1 });
  // A changed line next to the change (line 10, 2 lines into the context) needs fuzz 3, more than the 2 patch(1) allows.
  const changed = image.map((l, i) => (i === 9 ? l.replace('spc =', 'spc  =') : l));
  assert.equal(findHunk(initHunk, search(initHunk, changed)), null);
  assert.equal(findHunk(initHunk, search(initHunk, changed, { maxFuzz: 3 }))?.fuzz, 3);
});

test('fuzz ignores no more context lines at an end than the hunk has there', () => {
  // A hunk that starts with its change (no context before it) and has 2 context lines after.
  const [hunk] = parseDiff('--- a/f\n+++ b/f\n@@ -11,3 +11,3 @@\n-\tint i;\n+\tint i, n;\n \n \tfor (i = 0; i < SCHED_NQS; i++)\n').files[0]!.hunks as [Hunk];
  const changed = image.map((l) => l.replace('i < SCHED_NQS', 'i < nqs'));
  // Fuzz 1: the last context line ignored, none at the start; found at `int i;` (file line 11).
  assert.deepEqual(findHunk(hunk, search(hunk, changed)), { start: 10, lead: 0, trail: 1, fuzz: 1 });
});

test('a hunk is not found before the end of the previous one, nor where its removed line is gone', () => {
  assert.equal(findHunk(initHunk, search(initHunk, image, { minStart: 8, maxFuzz: 0 })), null);
  // With fuzz, the rest of the hunk from line 9 on still fits after the previous hunk.
  assert.deepEqual(findHunk(initHunk, search(initHunk, image, { minStart: 8 })), { start: 8, lead: 1, trail: 1, fuzz: 1 });
  // The idle hunk only adds: its context is all it needs, and it is there from line 27 on.
  assert.equal(findHunk(idleHunk, search(idleHunk, image, { minStart: 26 }))?.start, 26);
  const without = image.filter((l) => l !== '\tint i;');
  assert.equal(findHunk(initHunk, search(initHunk, without)), null);
});

test('a hunk with no old lines goes where it is expected, kept between the previous hunk and the end of the file', () => {
  const [insert] = parseDiff('--- a/f\n+++ b/f\n@@ -5,0 +6 @@\n+x\n').files[0]!.hunks as [Hunk];
  assert.deepEqual(findHunk(insert, search(insert, image, { expected: 5 })), { start: 5, lead: 0, trail: 0, fuzz: 0 });
  assert.equal(findHunk(insert, search(insert, image, { expected: 5, minStart: 9 }))?.start, 9);
  assert.equal(findHunk(insert, search(insert, image, { expected: 99 }))?.start, 32);
});

test('lines are compared as the normalizer makes them (white space removed for a flattened patch)', () => {
  const squeeze = (t: string): string => t.replace(/\s+/g, '');
  const flattened = image.map((l) => l.replace(/\t/g, '  '));
  assert.equal(findHunk(idleHunk, search(idleHunk, flattened)), null);
  assert.deepEqual(findHunk(idleHunk, search(idleHunk, flattened.map(squeeze), { normalize: squeeze })), { start: 26, lead: 0, trail: 0, fuzz: 0 });
});
