// The step-by-line hints of the seed patch's models derived from the VS Code tests' workspace
// (test/fixtures/workspace; its README gives the reaper's lines: the msleep_nsec loop at 161-163).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyFilePatch, hunkStarts } from '../../../../src/core/patch/apply/apply';
import { parseDiff } from '../../../../src/core/patch/diff/unified-diff';
import { deriveImageModels } from '../../../../src/core/sim/derive/patch-models';
import { imageLineMap, type ImageLineMap } from '../../../../src/core/annotations/image-line-map';
import { modelLineIndex, type ModelLine } from '../../../../src/core/annotations/model-lines';
import { modelLineHints } from '../../../../src/core/annotations/model-line-hints';
import { cParser } from '../sim/derive/exit-path-fixture';

const workspace = new URL('../../../fixtures/workspace/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, workspace), 'utf8');
const patch = parseDiff(read('patches/one-reaper-per-cpu.patch'));
const variants = [{ name: 'baseline', side: 'old' as const }, { name: 'patched', side: 'new' as const }];

async function derived(): Promise<{ index: ModelLine[]; maps: Map<string, ImageLineMap>; post: Map<string, string> }> {
  const before = ['sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/kern/init_main.c'].map((path) => ({ path, text: read(path) }));
  const maps = new Map<string, ImageLineMap>();
  const post = new Map<string, string>();
  const after = before.map((f) => {
    const fp = patch.files.find((p) => p.newPath === f.path)!;
    const r = applyFilePatch(fp, f.text, { blobIds: false });
    maps.set(f.path, imageLineMap(fp.hunks, hunkStarts(r, fp.hunks.length)));
    post.set(f.path, r.postImage!);
    return { path: f.path, text: r.postImage! };
  });
  const m = deriveImageModels(await cParser(), before, after, []);
  return { index: modelLineIndex([m.before, m.after]), maps, post };
}

test('on the unpatched kern_exit.c, the reaper\'s mtx_enter(&deadproc_mutex) (line 160) takes the lock in baseline (30 ns, the mutex default) and is removed by the patch', async () => {
  const { index, maps } = await derived();
  const hints = modelLineHints(index, '/ws/sys/kern/kern_exit.c', 'old', maps.get('sys/kern/kern_exit.c')!, variants);
  const h = hints.find((x) => x.line === 160)!;
  assert.equal(h.label, 'baseline: lock deadproc_mutex (0.03 µs) · patched: removed by the patch');
  assert.equal(h.notUnderstood, false);
  assert.match(h.tooltip, /baseline \(old line 160\), reaper lock deadproc_mutex/);
});

test('a line both images keep shows both variants: uvm_uarea_free(p) in the reaper is work uareaFree in each (2 µs by the cost table)', async () => {
  const { index, maps } = await derived();
  const text = read('sys/kern/kern_exit.c').split('\n');
  const line = text.findIndex((l) => l.includes('uvm_uarea_free(p);')) + 1;
  const h = modelLineHints(index, 'sys/kern/kern_exit.c', 'old', maps.get('sys/kern/kern_exit.c')!, variants).find((x) => x.line === line)!;
  assert.equal(h.label, 'baseline: work uareaFree (2.00 µs) · patched: work uareaFree (2.00 µs)');
});

test('on the patched kern_exit.c, the added tsleep_nsec line is the patched model\'s sleep and "added by the patch" for baseline', async () => {
  const { index, maps, post } = await derived();
  const line = post.get('sys/kern/kern_exit.c')!.split('\n').findIndex((l) => /tsleep_nsec\(&spc->spc_deadproc/.test(l)) + 1;
  const h = modelLineHints(index, 'sys/kern/kern_exit.c', 'new', maps.get('sys/kern/kern_exit.c')!, variants).find((x) => x.line === line)!;
  assert.match(h.label, /^baseline: added by the patch · patched: lock sched_lock · sleep spc_deadproc/);
});

test('a line the model did not understand is marked with its why; quiet lines get no hint', () => {
  const index: ModelLine[] = [
    { file: 'sys/kern/kern_exit.c', line: 12, side: 'old', variant: 'baseline', program: 'reaper', kind: 'not-understood', steps: [], text: 'goto again;', why: 'a goto statement: the model cannot follow this', costNs: null },
    { file: 'sys/kern/kern_exit.c', line: 14, side: 'old', variant: 'baseline', program: 'reaper', kind: 'quiet', steps: [], text: 'x = 1;', why: 'no step', costNs: null },
  ];
  const hints = modelLineHints(index, 'sys/kern/kern_exit.c', 'old', null, variants);
  assert.deepEqual(hints.map((h) => [h.line, h.label, h.notUnderstood]), [[12, 'baseline: not understood', true]]);
  assert.match(hints[0]!.tooltip, /a goto statement: the model cannot follow this/);
});
