import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveModel } from '../../../../../src/core/sim/derive/derive-model';
import { derivedModelEntry, formatPatchModels, patchModelJson } from '../../../../../src/core/sim/derive/model-report';
import { derivePatchModels } from '../../../../../src/core/sim/derive/patch-models';
import { cParser, diffFixture, seedPatch, treeAfter, treeBefore } from './exit-path-fixture';

// Step counts of the fixture's models (model-steps.test.ts counts the built-in ones by hand):
// baseline 7 + 17 + 25 = 49 steps; patched 11 + 4 + 24 = 39 (oracle.test.ts: the same programs).

test('an entry: the steps of all three programs, the share understood, no hand-over for the fixture', async () => {
  const e = derivedModelEntry(deriveModel(await cParser(), treeBefore(), 'baseline', 'old'));
  assert.equal(e.steps.length, 49);
  assert.deepEqual([...new Set(e.steps.map((s) => s.program))], ['exit', 'idle', 'reaper']);
  assert.equal(e.reapers, 'one');
  assert.ok(e.understood.statements > 0);
  assert.equal(e.understood.understood, e.understood.statements); // nothing not understood
  assert.deepEqual(e.handovers, []);
  assert.deepEqual(e.problems, []);
});

test('an entry of a model that cannot run keeps its problems and has no hand-over check', async () => {
  const files = treeBefore().map((f) => (f.path.endsWith('init_main.c') ? { ...f, text: f.text.replace('kthread_create(reaper,', 'kthread_create(nobody,') } : f));
  const e = derivedModelEntry(deriveModel(await cParser(), files, 'baseline', 'old'));
  assert.equal(e.reapers, null);
  assert.equal(e.problems.length, 1);
  assert.deepEqual(e.handovers, []);
});

test('the model JSON: format, version, both variants, the changes; notApplied only when something did not apply', async () => {
  const parser = await cParser();
  const j = patchModelJson(derivePatchModels(parser, treeBefore(), seedPatch()));
  assert.equal(j['format'], 'reaperscope-model');
  assert.equal(j['version'], 1);
  assert.equal(j['source'], 'code');
  assert.deepEqual((j['variants'] as { name: string; steps: unknown[] }[]).map((v) => [v.name, v.steps.length]), [['baseline', 49], ['patched', 39]]);
  assert.equal(j['touchesExitPath'], true);
  assert.equal('notApplied' in j, false);
  const again = patchModelJson(derivePatchModels(parser, treeAfter(), seedPatch()));
  assert.equal((again['notApplied'] as unknown[]).length, 3);
});

test('the text for the seed patch: both models with their counts, then what changed, within 72 columns', async () => {
  const text = formatPatchModels(derivePatchModels(await cParser(), treeBefore(), seedPatch()));
  const lines = text.split('\n');
  assert.match(text, /^baseline \(the tree before the patch\): 49 steps, one reaper; (\d+) of \1\s+statements\s+understood \(100 %\)\n/);
  assert.match(text, /\npatched \(with the patch applied\): 39 steps, per-cpu reapers; (\d+) of \1\s+statements\s+understood \(100 %\)\n/);
  assert.match(text, /\nWhat the patch changes in the model:\n {2}/);
  assert.match(text, /\n {2}reapers: one → per-cpu at sys\/kern\/kern_sched\.c:\d+/);
  assert.ok(lines.every((l) => l.length <= 72), lines.find((l) => l.length > 72));
  assert.ok(!text.includes('INVARIANT'));
});

test('with steps: one line per step, jumps with their target', async () => {
  const pm = derivePatchModels(await cParser(), treeBefore(), seedPatch());
  const stepLines = formatPatchModels(pm, { steps: true }).split('\n').filter((l) => /^ {2}(exit|idle|reaper) /.test(l));
  assert.equal(stepLines.length, 49 + 39);
  assert.ok(stepLines.some((l) => /^ {2}reaper +if-not-empty deadproc → \d+ +sys\/kern\/kern_exit\.c:\d+ while/.test(l)));
  assert.equal(formatPatchModels(pm).split('\n').filter((l) => /^ {2}(exit|idle|reaper) /.test(l)).length, 0);
});

test('a patch outside the exit path: one sentence naming what it touches', async () => {
  const text = formatPatchModels(derivePatchModels(await cParser(), treeBefore(), diffFixture('runqueue-statistic.diff')));
  assert.equal(text, 'The patch does not touch the exit path the model is read from; it\n  touches setrunqueue() in sys/kern/kern_sched.c.\n');
});

test('a hand-over before the final switch is printed as an INVARIANT with its steps', async () => {
  const text = formatPatchModels(derivePatchModels(await cParser(), treeBefore(), diffFixture('exit2-from-sched-exit.diff')));
  assert.match(text, /\n {2}INVARIANT: patched: the dying thread is put on deadproc/);
  // exit2's insert (kern_exit.c:131), its wakeup(&deadproc) (:134), then sched_toidle's switch (kern_sched.c:192)
  assert.match(text, /\n {4}sys\/kern\/kern_exit\.c:131 insert deadproc:\s+LIST_INSERT_HEAD\(&deadproc, p, p_hash\);\n/);
  assert.match(text, /\n {4}sys\/kern\/kern_exit\.c:134 wakeup-all deadproc: wakeup\(&deadproc\);\n {4}sys\/kern\/kern_sched\.c:192 switch-idle: cpu_switchto\(NULL, idle\);\n/);
});
