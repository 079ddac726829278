// The line map of the seed patch on the VS Code tests' workspace (test/fixtures/workspace): its
// README's table gives where each hunk starts in the file and in the patched file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { applyFilePatch, hunkStarts } from '../../../../src/core/patch/apply/apply';
import { parseDiff } from '../../../../src/core/patch/diff/unified-diff';
import { IDENTITY_LINE_MAP, imageLineMap } from '../../../../src/core/annotations/image-line-map';

const workspace = new URL('../../../fixtures/workspace/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, workspace), 'utf8');
const patch = parseDiff(read('patches/one-reaper-per-cpu.patch'));

function mapOf(path: string) {
  const file = patch.files.find((f) => f.newPath === path)!;
  const pre = read(path);
  const result = applyFilePatch(file, pre, { blobIds: false });
  assert.ok(result.ok, `${path} applies`);
  return { map: imageLineMap(file.hunks, hunkStarts(result, file.hunks.length)), pre: pre.split('\n'), post: result.postImage!.split('\n') };
}

test('kern_exit.c: hunk 3 starts at line 151 of the file and 118 of the patched file (README table); lines above hunk 1 (line 89) stay', () => {
  const { map } = mapOf('sys/kern/kern_exit.c');
  assert.equal(map.toNew(151), 118);
  assert.equal(map.toOld(118), 151);
  assert.equal(map.toNew(88), 88);
  assert.equal(map.toOld(88), 88);
});

test('kern_exit.c: the reaper\'s mtx_enter(&deadproc_mutex) (line 160, README) is removed; the tsleep_nsec the patch adds has no old line', () => {
  const { map, pre, post } = mapOf('sys/kern/kern_exit.c');
  assert.match(pre[159]!, /mtx_enter\(&deadproc_mutex\)/);
  assert.equal(map.toNew(160), null);
  const added = post.findIndex((l) => /tsleep_nsec\(&spc->spc_deadproc/.test(l)) + 1;
  assert.ok(added > 0);
  assert.equal(map.toOld(added), null);
});

for (const path of ['sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/kern/init_main.c']) {
  test(`${path}: every kept line maps to the same text on the other side and back (random lines)`, () => {
    const { map, pre, post } = mapOf(path);
    fc.assert(fc.property(fc.integer({ min: 1, max: pre.length }), (line) => {
      const n = map.toNew(line);
      if (n === null) return true;
      return post[n - 1] === pre[line - 1] && map.toOld(n) === line;
    }), { seed: 13, numRuns: 300 });
    fc.assert(fc.property(fc.integer({ min: 1, max: post.length }), (line) => {
      const o = map.toOld(line);
      return o === null || (pre[o - 1] === post[line - 1] && map.toNew(o) === line);
    }), { seed: 17, numRuns: 300 });
  });
}

test('a hunk that did not apply is left out; the identity map keeps every line', () => {
  const file = patch.files.find((f) => f.newPath === 'sys/kern/kern_exit.c')!;
  const none = imageLineMap(file.hunks, file.hunks.map(() => null));
  assert.deepEqual([none.toNew(160), none.toOld(160)], [160, 160]);
  assert.deepEqual([IDENTITY_LINE_MAP.toNew(7), IDENTITY_LINE_MAP.toOld(7)], [7, 7]);
});
