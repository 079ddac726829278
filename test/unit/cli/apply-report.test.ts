import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPatch } from '../../../src/core/patch/read-patch';
import { checkFilePatch } from '../../../src/core/patch/apply/file-check';
import type { Patch } from '../../../src/core/patch/model';
import { applyFileJson, applyText, type AppliedFile } from '../../../src/cli/apply-report';
import { fixturePath } from './run-cli';

const pre = readFileSync(fixturePath('c/kern_sched_like.c'), 'utf8');
const post = readFileSync(fixturePath('c/kern_sched_like.post.c'), 'utf8');
const diff = (): Promise<Patch> => readPatch(readFileSync(fixturePath('c/kern_sched_like.diff')), { fileName: 'p.diff' });

/** The report's entry for the one file of the fixture diff checked against `text`. */
async function applied(text: string, reverse = false): Promise<AppliedFile> {
  const file = (await diff()).files[0]!;
  const check = checkFilePatch(file, { text }, { reverse });
  return { file, result: check.result, alreadyApplied: check.alreadyApplied, functions: check.functions };
}

// The fixture diff's four hunks (their @@ lines), and the functions the reader finds in them.
const RANGES = ['@@ -11,6 +11,7 @@', '@@ -83,17 +84,10 @@', '@@ -130,14 +124,17 @@', '@@ -146,17 +143,27 @@'];
const FUNCTIONS = ['', 'sched_idle', 'sched_exit, sched_toidle, sched_toproc', 'sched_toidle'];

test('text: a line per file with both blob checks, a line per hunk with its outcome and functions, then the outcome', async () => {
  // kern_sched_like.c is the diff's base: `git hash-object` gives 8e95daa9…, the index line's
  // old id, and kern_sched_like.post.c the new one, f8c69c13….
  const text = applyText([await applied(pre)], 'dry run: every hunk applies; nothing written');
  const hunk = (i: number, outcome: string): string => `  hunk ${i + 1}  ${RANGES[i]!.padEnd(26)} ${outcome.padEnd(24)}${FUNCTIONS[i] ? `  ${FUNCTIONS[i]}` : ''}`;
  assert.equal(text, [
    'sys/kern/kern_sched_like.c: applies; old blob 8e95daa matches, new blob f8c69c1 matches',
    hunk(0, 'exact at line 11'), hunk(1, 'exact at line 83'), hunk(2, 'exact at line 130'), hunk(3, 'exact at line 146'),
    'dry run: every hunk applies; nothing written', '',
  ].join('\n'));
});

test('text: offsets are signed, a changed file\'s blob differs, failed hunks and "already applied" are named', async () => {
  // Three lines more on top: every hunk 3 lines further down; the file is no longer the base.
  const moved = applyText([await applied(`a\nb\nc\n${pre}`)], 'x');
  assert.match(moved, /^sys\/kern\/kern_sched_like\.c: applies; old blob 8e95daa differs, new blob f8c69c1 differs$/m);
  assert.match(moved, /^ {2}hunk 1 {2}@@ -11,6 \+11,7 @@ +offset \+3 at line 14 *$/m);
  assert.match(moved, /^ {2}hunk 4 {2}@@ -146,17 \+143,27 @@ +offset \+3 at line 149 +sched_toidle$/m);
  // Three lines fewer on top (the file's first three lines are not context of hunk 1): offset -3.
  const shorter = pre.split('\n').slice(3).join('\n');
  assert.match(applyText([await applied(shorter)], 'x'), /hunk 2 {2}@@ -83,17 \+84,10 @@ +offset -3 at line 80 /);
  // The patched file: the patch is in it already; with no post-image the new blob is not checked.
  const twice = applyText([await applied(post)], 'nothing written');
  assert.match(twice, /^sys\/kern\/kern_sched_like\.c: does not apply: already applied \(its git blob is the index line's new id\); old blob 8e95daa differs, new blob not checked$/m);
  assert.match(twice, /^ {2}hunk 3 {2}@@ -130,14 \+124,17 @@ +FAILED +sched_exit, sched_toidle, sched_toproc$/m);
  // Hunk 4 cannot apply once its removed line is gone; 1 of 4 failed.
  const broken = applyText([await applied(pre.replace(/\tidle->p_stat = SRUN;\n/, ''))], 'x');
  assert.match(broken, /^sys\/kern\/kern_sched_like\.c: does not apply: 1 of 4 hunks failed; /m);
  assert.match(broken, /^ {2}hunk 4 .* FAILED {20}sched_toidle$/m); // padded to 24, then two spaces
});

test('JSON: the hunk fields of patch --json plus outcome, offset, fuzz and line; null where nothing was checked', async () => {
  const json = applyFileJson(await applied(`a\nb\nc\n${pre}`));
  assert.deepEqual(Object.keys(json), ['oldPath', 'newPath', 'status', 'ok', 'problem', 'alreadyApplied', 'oldBlob', 'newBlob', 'oldBlobMatches', 'newBlobMatches', 'oldRevision', 'revisionMatches', 'hunks']);
  assert.deepEqual([json.ok, json.problem, json.alreadyApplied, json.oldBlob, json.oldBlobMatches, json.oldRevision, json.revisionMatches], [true, null, false, '8e95daa', false, null, null]);
  assert.deepEqual(json.hunks[3], {
    oldStart: 146, oldLines: 17, newStart: 143, newLines: 27, header: 'sched_toidle(void)', functions: ['sched_toidle'],
    status: 'offset', offset: 3, fuzz: 0, line: 149,
  });
  const failed = applyFileJson(await applied(pre.replace(/\tidle->p_stat = SRUN;\n/, '')));
  assert.deepEqual([failed.ok, failed.hunks[3]!.status, failed.hunks[3]!.line], [false, 'failed', null]);
  // The functions are the report's own copy.
  const entry = await applied(pre);
  applyFileJson(entry).hunks[1]!.functions.push('changed');
  assert.deepEqual(entry.functions[1], ['sched_idle']);
});
