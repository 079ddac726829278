// Apply tests on pre-images written for these tests (test/fixtures/diffs/small-sched.c and
// the small files of git-features.diff). Expected outcomes were checked with GNU patch 2.7
// (`patch --dry-run`) and blob ids with `git hash-object` when the fixtures were made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyFilePatch } from '../../../../../src/core/patch/apply/apply';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import type { FilePatch } from '../../../../../src/core/patch/model';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/diffs/${name}`, import.meta.url), 'utf8');
const features = parseDiff(fixture('git-features.diff')).files;
const fileOf = (path: string): FilePatch => features.find((f) => (f.newPath ?? f.oldPath) === path)!;
const sched = fileOf('sys/kern/kern_sched.c');
const pre = fixture('small-sched.c');
const post = fixture('small-sched.post.c');
const outcomes = (r: ReturnType<typeof applyFilePatch>) => r.outcomes.map((o) => [o.status, o.offset, o.fuzz, o.line]);

test('exact: both hunks at their lines, post-image and blob ids as git made them', () => {
  const result = applyFilePatch(sched, pre);
  assert.deepEqual(outcomes(result), [['exact', 0, 0, 8], ['exact', 0, 0, 27]]);
  assert.equal(result.postImage, post);
  assert.deepEqual([result.ok, result.oldBlobMatches, result.newBlobMatches], [true, true, true]);
  assert.equal(result.preImageBlob, 'daa834d442bab9b6b4bce4993cf84bbe9f9e3179');
  assert.equal(result.postImageBlob, '25456be1721d069de3f68407c6a5e2e15c72f300');
});

test('blobIds false: the same post-image without the SHA-1 work, and no blob facts', () => {
  const result = applyFilePatch(sched, pre, { blobIds: false });
  assert.equal(result.postImage, post);
  assert.deepEqual([result.ok, result.oldBlobMatches, result.newBlobMatches, result.preImageBlob, result.postImageBlob], [true, null, null, null, null]);
});

test('offset: five lines added on top move both hunks by 5 (patch: "succeeded at 13 (offset 5 lines)")', () => {
  const top = 'one\ntwo\nthree\nfour\nfive\n';
  const result = applyFilePatch(sched, top + pre);
  assert.deepEqual(outcomes(result), [['offset', 5, 0, 13], ['offset', 5, 0, 32]]);
  assert.equal(result.postImage, top + post);
  assert.deepEqual([result.oldBlobMatches, result.newBlobMatches], [false, false]);
});

test('fuzz: a changed first context line needs fuzz 1 (patch: "succeeded at 8 with fuzz 1")', () => {
  const changed = pre.replace('sched_init_cpu(struct cpu_info *ci)', 'sched_init_cpu(struct cpu_info *cpu)');
  const result = applyFilePatch(sched, changed);
  assert.deepEqual(outcomes(result), [['fuzz', 0, 1, 8], ['exact', 0, 0, 27]]);
  assert.equal(result.postImage, post.replace('sched_init_cpu(struct cpu_info *ci)', 'sched_init_cpu(struct cpu_info *cpu)'));
  const noFuzz = applyFilePatch(sched, changed, { maxFuzz: 0 });
  assert.deepEqual(outcomes(noFuzz), [['failed', 0, 0, null], ['exact', 0, 0, 27]]);
});

test('fuzz and offset together (patch: "succeeded at 13 with fuzz 1 (offset 5 lines)")', () => {
  const changed = 'one\ntwo\nthree\nfour\nfive\n' + pre.replace('sched_init_cpu(struct cpu_info *ci)', 'sched_init_cpu(struct cpu_info *cpu)');
  assert.deepEqual(outcomes(applyFilePatch(sched, changed)), [['fuzz', 5, 1, 13], ['offset', 5, 0, 32]]);
});

test('failure: a removed line that is not there fails its hunk, and nothing is produced', () => {
  const result = applyFilePatch(sched, pre.replace('int i;', 'int j;'));
  assert.deepEqual(outcomes(result), [['failed', 0, 0, null], ['exact', 0, 0, 27]]);
  assert.deepEqual([result.ok, result.postImage, result.postImageBlob, result.newBlobMatches], [false, null, null, null]);
  assert.equal(result.oldBlobMatches, false);
});

test('reverse: the post-image goes back to the pre-image, blob ids checked on the right sides', () => {
  const result = applyFilePatch(sched, post, { reverse: true });
  assert.deepEqual(outcomes(result), [['exact', 0, 0, 8], ['exact', 0, 0, 27]]);
  assert.equal(result.postImage, pre);
  assert.deepEqual([result.oldBlobMatches, result.newBlobMatches], [true, true]);
  assert.equal(applyFilePatch(sched, pre, { reverse: true }).ok, false, 'an unpatched file cannot be un-patched');
});

test('CRLF files keep CRLF, inserted lines included', () => {
  const crlf = pre.replace(/\n/g, '\r\n');
  const result = applyFilePatch(sched, crlf);
  assert.equal(result.postImage, post.replace(/\n/g, '\r\n'));
});

test('no newline at end of file: gained and lost, with git\'s blob ids', () => {
  const gains = applyFilePatch(fileOf('dir/nonl.txt'), 'no newline here');
  assert.equal(gains.postImage, 'no newline here\nnow it has one\n');
  assert.deepEqual([gains.oldBlobMatches, gains.newBlobMatches], [true, true]);
  const loses = applyFilePatch(fileOf('dir/gets-nonl.txt'), 'line one\nline two\n');
  assert.equal(loses.postImage, 'line one\nline 2');
  assert.deepEqual([loses.oldBlobMatches, loses.newBlobMatches], [true, true]);
  const back = applyFilePatch(fileOf('dir/gets-nonl.txt'), 'line one\nline 2', { reverse: true });
  assert.equal(back.postImage, 'line one\nline two\n');
});

test('new and deleted files', () => {
  const created = applyFilePatch(fileOf('dir/added.txt'), null);
  assert.deepEqual([created.ok, created.postImage, created.oldBlobMatches, created.newBlobMatches], [true, 'new\nfile\n', true, true]);
  const exists = applyFilePatch(fileOf('dir/added.txt'), 'already here\n');
  assert.equal(exists.ok, false);
  assert.match(exists.problem ?? '', /already exists/);
  const deleted = applyFilePatch(fileOf('dir/deleted.txt'), 'gone\n');
  assert.deepEqual([deleted.ok, deleted.deletesFile, deleted.postImage, deleted.oldBlobMatches, deleted.newBlobMatches], [true, true, null, true, true]);
  const restored = applyFilePatch(fileOf('dir/deleted.txt'), null, { reverse: true });
  assert.deepEqual([restored.ok, restored.postImage], [true, 'gone\n']);
  assert.equal(applyFilePatch(fileOf('dir/deleted.txt'), null).ok, false, 'nothing to delete');
});

test('binary patches and missing files are refused as a whole', () => {
  const binary = applyFilePatch(fileOf('dir/blob.bin'), 'x');
  assert.equal(binary.ok, false);
  assert.match(binary.problem ?? '', /Binary/);
  const missing = applyFilePatch(sched, null);
  assert.deepEqual(outcomes(missing), [['failed', 0, 0, null], ['failed', 0, 0, null]]);
});

test('a mode change alone gives the file back unchanged', () => {
  const result = applyFilePatch(fileOf('dir/script.sh'), '#!/bin/sh\necho hi\n');
  assert.deepEqual([result.ok, result.postImage, result.outcomes.length], [true, '#!/bin/sh\necho hi\n', 0]);
});

test('white-space damaged patch: context matches only when white space is ignored', () => {
  const damaged = [
    '--- a/sys/kern/kern_sched.c', '+++ b/sys/kern/kern_sched.c', '@@ -8,7 +8,7 @@ void',
    'sched_init_cpu(struct cpu_info *ci)', '{', 'struct schedstate_percpu *spc = &ci->ci_schedstate;',
    '-int i;', '+int i, n;', '', 'for (i = 0; i < SCHED_NQS; i++)', 'TAILQ_INIT(&spc->spc_qs[i]);', '',
  ].join('\n');
  const file = parseDiff(damaged, { whitespaceDamaged: true }).files[0]!;
  assert.equal(applyFilePatch(file, pre).ok, false);
  const loose = applyFilePatch(file, pre, { ignoreWhitespace: true });
  assert.deepEqual(outcomes(loose), [['exact', 0, 0, 8]]);
  // Context keeps the file's indentation; the added line is as damaged as the patch.
  assert.equal(loose.postImage, pre.replace('\tint i;\n', 'int i, n;\n'));
});
