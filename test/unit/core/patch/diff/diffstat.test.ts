import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkDiffstat, readDiffstat } from '../../../../../src/core/patch/diff/diffstat';
import type { FilePatch } from '../../../../../src/core/patch/model';
import { readPatch } from '../../../../../src/core/patch/read-patch';
import { SEED } from '../read-patch-fixtures';

const lineOf = (i: number): number => i + 1;

function file(path: string, added: number, removed: number, binary = false): FilePatch {
  return { oldPath: path, newPath: path, status: 'modified', binary, hunks: [], added, removed, sourceLine: 1 };
}

test('the seed diffstat: entries, bars and totals', () => {
  const lines = readFileSync(SEED.patch, 'utf8').split('\n');
  const claimed = readDiffstat(lines.slice(0, 35), lineOf)!;
  assert.deepEqual(claimed.diffstat.files, [
    { path: 'sys/kern/init_main.c', changes: 5 }, { path: 'sys/kern/kern_exit.c', changes: 59 },
    { path: 'sys/kern/kern_sched.c', changes: 43 }, { path: 'sys/sys/proc.h', changes: 1 },
  ]);
  assert.deepEqual(claimed.diffstat.totals, { files: 4, added: 44, removed: 64 });
  assert.equal(lines[claimed.diffstat.sourceLine - 1], ' 4 files changed, 44 insertions(+), 64 deletions(-)');
  assert.deepEqual(claimed.entryLines.map((l) => lines[l - 1]!.trim().split(' ')[0]), claimed.diffstat.files.map((f) => f.path));
});

test('singular forms, a missing part, binary entries, truncated paths and renames', () => {
  const lines = [
    'Some prose.', '---',
    ' .../dev/pci/if_foo.c               |  2 +-',
    ' share/misc/logo.png                | Bin 0 -> 123 bytes',
    ' doc/{old => new}/reaper.txt        |  0',
    ' 3 files changed, 1 insertion(+), 1 deletion(-)',
  ];
  const claimed = readDiffstat(lines, lineOf)!;
  assert.deepEqual(claimed.diffstat.files, [
    { path: '.../dev/pci/if_foo.c', changes: 2 }, { path: 'share/misc/logo.png', changes: null },
    { path: 'doc/{old => new}/reaper.txt', changes: 0 },
  ]);
  assert.deepEqual(claimed.diffstat.totals, { files: 3, added: 1, removed: 1 });
  assert.deepEqual(claimed.entryLines, [3, 4, 5]);
  const renamed = { ...file('doc/new/reaper.txt', 0, 0), oldPath: 'doc/old/reaper.txt', status: 'renamed' as const };
  const files = [file('sys/dev/pci/if_foo.c', 1, 1), file('share/misc/logo.png', 0, 0, true), renamed];
  assert.deepEqual(checkDiffstat(claimed, files), { matches: true, diagnostics: [] });
  assert.deepEqual(readDiffstat([' 1 file changed, 3 deletions(-)'], lineOf)?.diffstat.totals, { files: 1, added: 0, removed: 3 });
  assert.equal(readDiffstat(['no diffstat', ' here | 3 +++'], lineOf), null);
});

test('a mismatch is a warning naming the file, on the line of its entry', () => {
  const lines = [' sys/kern/kern_exit.c  | 59 +++---', ' sys/sys/proc.h        |  1 -', ' 2 files changed, 16 insertions(+), 44 deletions(-)'];
  const claimed = readDiffstat(lines, (i) => i + 20)!;
  const result = checkDiffstat(claimed, [file('sys/kern/kern_exit.c', 16, 42), file('sys/sys/proc.h', 0, 1), file('sys/kern/kern_sched.c', 1, 0)]);
  assert.equal(result.matches, false);
  assert.deepEqual(result.diagnostics.map((d) => [d.line, d.severity, d.code]), [
    [20, 'warning', 'diffstat-mismatch'], [22, 'warning', 'diffstat-mismatch'], [22, 'warning', 'diffstat-mismatch'],
  ]);
  assert.match(result.diagnostics[0]!.message, /59 changed lines in sys\/kern\/kern_exit\.c, the hunks have 58/);
  assert.match(result.diagnostics[1]!.message, /sys\/kern\/kern_sched\.c is in the patch but not in its diffstat/);
  assert.match(result.diagnostics[2]!.message, /claims 2 files, \+16 -44; the patch has 3 files, \+17 -43/);
});

test('readPatch reports a diffstat that does not match the hunks', async () => {
  const text = readFileSync(SEED.patch, 'utf8').replace(' sys/sys/proc.h        |  1 -', ' sys/sys/proc.h        |  2 --');
  const patch = await readPatch(text);
  assert.equal(patch.diffstat.matches, false);
  const warnings = patch.diagnostics.filter((d) => d.code === 'diffstat-mismatch');
  assert.equal(warnings.length, 1);
  assert.equal(text.split('\n')[warnings[0]!.line - 1], ' sys/sys/proc.h        |  2 --');
  assert.match(warnings[0]!.message, /sys\/sys\/proc\.h/);
});
