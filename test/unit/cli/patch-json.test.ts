import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPatch } from '../../../src/core/patch/read-patch';
import { diagnosticJson, fileJson, hunkJson, patchJson } from '../../../src/cli/patch-json';
import { fixturePath } from './run-cli';

const read = async (name: string, text?: string) => readPatch(text ?? readFileSync(fixturePath(name)), { fileName: name });

test('the seed mail: totals, the claimed diffstat per file, the mail headers; no comments', async () => {
  const json = patchJson(await read('one-reaper-per-cpu.patch'));
  assert.deepEqual(json.totals, { files: 4, added: 44, removed: 64, hunks: 12 });
  // The mail's own diffstat lines: 5, 59, 43 and 1 changes.
  assert.deepEqual(json.diffstat.claimed!.files, [
    { path: 'sys/kern/init_main.c', changes: 5 }, { path: 'sys/kern/kern_exit.c', changes: 59 },
    { path: 'sys/kern/kern_sched.c', changes: 43 }, { path: 'sys/sys/proc.h', changes: 1 },
  ]);
  assert.equal(json.diffstat.matches, true);
  assert.deepEqual(json.mail, { from: 'Christian Ludwig', date: 'Wed, 10 Jul 2024 17:21:35 +0200', subject: 'One reaper per CPU' });
  assert.deepEqual([json.comments, json.whitespaceDamaged, json.diagnostics], [[], false, []]);
  // Plain data: what JSON.stringify writes reads back the same.
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
});

test('the review reply: its one comment with author, place and text; a bare diff has neither mail nor diffstat', async () => {
  const json = patchJson(await read('one-reaper-per-cpu.review.eml'));
  assert.deepEqual(json.comments.map((c) => [c.author, c.file, c.side, c.line]), [['Mark Kettenis', 'sys/kern/kern_exit.c', 'new', 427]]);
  assert.deepEqual(Object.keys(json.comments[0]!), ['author', 'file', 'side', 'line', 'text']);
  const bare = patchJson(await read('diffs/pure-rename.diff'));
  assert.deepEqual([bare.mail, bare.diffstat], [null, { claimed: null, matches: null }]);
});

test('files and hunks: paths without prefixes, null blobs and paths where the patch has none, a copy of the functions', async () => {
  const patch = await read('new-file', 'diff --git a/sys/kern/new.c b/sys/kern/new.c\nnew file mode 100644\n--- /dev/null\n+++ b/sys/kern/new.c\n@@ -0,0 +1,2 @@\n+int\n+f(void);\n');
  assert.deepEqual(fileJson(patch.files[0]!), {
    oldPath: null, newPath: 'sys/kern/new.c', added: 2, removed: 0, oldBlob: null, newBlob: null,
    hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2, header: '', functions: [] }],
  });
  const seed = await read('one-reaper-per-cpu.patch');
  const hunk = seed.files[1]!.hunks[0]!;
  const json = hunkJson(hunk);
  assert.deepEqual(json.functions, ['exit1']);
  json.functions.push('changed');
  assert.deepEqual(hunk.functions, ['exit1']);
});

test('diagnostics keep line, severity, code and message', async () => {
  const short = await read('short', '--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n');
  assert.deepEqual(short.diagnostics.map(diagnosticJson), [
    { line: 6, severity: 'error', code: 'hunk-count-mismatch', message: 'Hunk @@ -1,3 +1,3 @@ (line 3) has 2 old and 2 new lines, not the 3 and 3 its header says.' },
  ]);
  assert.deepEqual(diagnosticJson({ line: 2, column: 5, severity: 'warning', code: 'c', message: 'm' }), { line: 2, severity: 'warning', code: 'c', message: 'm' });
});
