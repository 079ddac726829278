import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, runCli } from './run-cli';

const seed = fixturePath('workspace/patches/one-reaper-per-cpu.patch');
const tree = fixturePath('c/exit-path');
const own = (name: string): string => fixturePath(`c/exit-path-patches/${name}`);
const quick = ['--cpus', '4', '--seeds', '2', '--duration-ms', '20', '--threads', '1'];

test('model --out writes both derived models; simulate --model runs one; a broken file names the JSON path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-model-'));
  try {
    const out = join(dir, 'model.json');
    const run = await runCli(['model', seed, '--tree', tree, '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    // (wrapped at 72 columns, continuation lines indented)
    assert.match(run.stdout, /^baseline \(the tree before the patch\): 49 steps, one reaper; 69 of 69\n {2}statements understood \(100 %\)$/m);
    assert.match(run.stdout, /reapers: one → per-cpu at sys\/kern\/kern_sched\.c:\d+\s+\(sched_kthreads_create\)/);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(model.format, 'reaperscope-model');
    assert.equal(model.version, 1);
    assert.equal(model.source, 'code');
    assert.deepEqual(model.variants.map((v: { name: string; side: string; reapers: string }) => [v.name, v.side, v.reapers]), [['baseline', 'old', 'one'], ['patched', 'new', 'per-cpu']]);
    // the built-in baseline has 7 exit-path, 17 idle and 25 reaper steps: 49
    assert.equal(model.variants[0].steps.length, 49);
    const sim = await runCli(['simulate', '--model', out, '--variant', 'patched', '--cpus', '4', '--duration-ms', '20']);
    assert.equal(sim.status, 0, sim.stderr);
    assert.match(sim.stdout, /^patched on 4 CPUs/);
    assert.match(sim.stdout, /invariants: ok/);

    model.variants[1].steps[0].op = 'lok';
    delete model.variants[1].steps[3].object;
    writeFileSync(out, JSON.stringify(model));
    const bad = await runCli(['simulate', '--model', out, '--variant', 'patched']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /variants\[1\]\.steps\[0\]\.op: "lok" is not an op/);
    assert.match(bad.stderr, /variants\[1\]\.steps\[3\]\.object: insert needs the object it works on/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('compare --tree derives both models and says so in its JSON', async () => {
  const run = await runCli(['compare', seed, '--tree', tree, ...quick, '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  const r = JSON.parse(run.stdout);
  assert.equal(r.model.source, 'code');
  assert.deepEqual(r.model.variants.map((v: { name: string; side: string }) => [v.name, v.side]), [['baseline', 'old'], ['patched', 'new']]);
  const sleep = r.model.variants[1].steps.find((s: { op: string }) => s.op === 'sleep');
  assert.deepEqual([sleep.program, sleep.object, sleep.file, sleep.text], ['reaper', 'spc_deadproc', 'sys/kern/kern_exit.c', 'tsleep_nsec(&spc->spc_deadproc, PVM, "reaper", INFSLP);']);
  assert.deepEqual(r.model.variants[1].notUnderstood, []);
  assert.ok(r.model.changes.some((c: { summary: string }) => /^reapers: one → per-cpu/.test(c.summary)));
  assert.deepEqual(r.plan.variants, ['baseline', 'patched']);
  assert.equal(r.plan.models, undefined);
  assert.equal(r.invariants.ok, true);
  const text = await runCli(['compare', seed, '--tree', tree, ...quick]);
  for (const line of text.stdout.split('\n')) assert.ok([...line].length <= 72, `too wide: ${line}`);
  // the derived models run: the patch never hops to idle, baseline on every exit
  const four = r.points[0].variants;
  assert.ok(four[0].mean['idleHops'] > 0);
  assert.equal(four[1].mean['idleHops'], 0);
});

test('compare --tree: a patch outside the exit path says so, names what it touches, prints no numbers', async () => {
  const run = await runCli(['compare', own('runqueue-statistic.diff'), '--tree', tree, ...quick]);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, 'The patch does not touch the exit path the model is read from; it\n  touches setrunqueue() in sys/kern/kern_sched.c.\n');
});

test('compare --tree: exit2() from sched_exit() is caught handing the thread over before it left its CPU', async () => {
  const run = await runCli(['compare', own('exit2-from-sched-exit.diff'), '--tree', tree, ...quick, '--format', 'json']);
  assert.equal(run.status, 1, run.stderr);
  const r = JSON.parse(run.stdout);
  assert.equal(r.invariants.ok, false);
  assert.match(r.invariants.violations[0], /put on deadproc, .* before it has switched away .*the steps that allow it: sys\/kern\/kern_exit\.c:\d+ insert deadproc, sys\/kern\/kern_exit\.c:\d+ wakeup-all deadproc, sys\/kern\/kern_sched\.c:\d+ switch-idle/);
});
