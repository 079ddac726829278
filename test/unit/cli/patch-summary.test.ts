import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPatch } from '../../../src/core/patch/read-patch';
import type { FilePatch } from '../../../src/core/patch/model';
import { diagnosticLines, filePathLabel, patchSummary } from '../../../src/cli/patch-summary';
import { fixturePath } from './run-cli';

const read = async (name: string, text?: string) => readPatch(text ?? readFileSync(fixturePath(name)), { fileName: name });

test('the seed mail: headers, a row per file, the totals checked against the mail\'s diffstat, each hunk\'s functions', async () => {
  const summary = patchSummary(await read('one-reaper-per-cpu.patch'), 'seed.patch');
  const lines = summary.split('\n');
  assert.deepEqual(lines.slice(0, 4), ['One reaper per CPU', 'From: Christian Ludwig', 'Date: Wed, 10 Jul 2024 17:21:35 +0200', '']);
  // The four files of the fixture's diffstat, paths padded to the longest (21: sys/kern/kern_sched.c).
  assert.equal(lines[5], 'sys/kern/kern_exit.c   +  16 -  43  3 hunks   ba87dcd42cd0..a5cc37ac0f74');
  assert.equal(lines[7], 'sys/sys/proc.h         +   0 -   1  1 hunk    50b708954bff..6139f25c3640');
  assert.equal(lines[8], '4 files, +44 -64, 12 hunks; the mail\'s diffstat (4 files, +44 -64) matches');
  // `struct plimit limit0;` in init_main.c's first @@ line is not a function; ranges are padded to 26, then a space (19 + 7 + 1).
  assert.equal(lines[11], '  @@ -117,7 +117,6 @@        (outside functions)');
  assert.ok(summary.endsWith('\n') && !summary.includes('Review comments:'));
});

test('a diffstat that does not add up says so; a bare diff has no mail lines and no diffstat', async () => {
  const seed = readFileSync(fixturePath('one-reaper-per-cpu.patch'), 'utf8');
  const claimed = seed.replace('4 files changed, 44 insertions(+)', '4 files changed, 43 insertions(+)');
  assert.match(patchSummary(await read('seed', claimed), 'seed'), /^4 files, \+44 -64, 12 hunks; the mail's diffstat \(4 files, \+43 -64\) does NOT match$/m);
  const bare = patchSummary(await read('diffs/pure-rename.diff'), 'r.diff');
  assert.equal(bare.split('\n')[0]!.startsWith('dir/renamed.txt → dir/moved.txt'), true);
  // A pure rename has no hunk, so no per-hunk section either.
  assert.match(bare, /^1 file, \+0 -0, 0 hunks; no diffstat in the mail\n$/m);
  assert.ok(!bare.includes('@@'));
});

test('review comments are listed under their place; white-space damage and diagnostics are named', async () => {
  const review = patchSummary(await read('one-reaper-per-cpu.review.eml'), 'review.eml');
  // The fixture's one comment, Mark Kettenis on kern_exit.c new line 427.
  assert.match(review, /\nReview comments:\n {2}sys\/kern\/kern_exit\.c:427 \(new side\), Mark Kettenis:\n {4}\S/);
  const archive = patchSummary(await read('one-reaper-per-cpu.marc.txt'), 'marc.txt');
  assert.match(archive, /^White space was lost on the way: context is matched ignoring white space\.$/m);
  // The archive text's repairs are diagnostics, compiler style, at the end.
  assert.match(archive, /\nmarc\.txt:143: info: Hunk "@@ -441,20 \+408,26 @@" was 1 line short.* \[hunk-repaired\]\n/);
  const short = await read('short', '--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n');
  assert.deepEqual(diagnosticLines(short.diagnostics, '<stdin>'), ['<stdin>:6: error: Hunk @@ -1,3 +1,3 @@ (line 3) has 2 old and 2 new lines, not the 3 and 3 its header says. [hunk-count-mismatch]']);
  assert.deepEqual(diagnosticLines([], 'x'), []);
});

test('file labels: one path, old → new for a rename, quoted like git when a path holds a control character or a quote', () => {
  const file = (oldPath: string | null, newPath: string | null): FilePatch => ({ oldPath, newPath, status: 'modified', binary: false, hunks: [], added: 0, removed: 0, sourceLine: 1 });
  assert.equal(filePathLabel(file('a.c', 'a.c')), 'a.c');
  assert.equal(filePathLabel(file(null, 'new.c')), 'new.c');
  assert.equal(filePathLabel(file('gone.c', null)), 'gone.c');
  assert.equal(filePathLabel(file('a.c', 'b.c')), 'a.c → b.c');
  assert.equal(filePathLabel(file('tab\there.c', 'q"uote.c')), '"tab\\there.c" → "q\\"uote.c"');
  assert.equal(filePathLabel(file(null, null)), '(unknown)');
});
