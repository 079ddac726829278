import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath, runCli } from '../run-cli';
import { withTempDir, withTree } from '../temp-tree';

const seed = fixturePath('workspace/patches/one-reaper-per-cpu.patch');
const tree = fixturePath('c/exit-path');

test('model --out writes both derived models; simulate --model runs one; a broken file names the JSON path', async () => {
  await withTempDir(async (dir) => {
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
  });
});

test('model --json prints the model file; without --tree, or with two patches, it is a usage error', async () => {
  const run = await runCli(['model', seed, '--tree', tree, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const model = JSON.parse(run.stdout);
  assert.deepEqual([model.format, model.version, model.variants.length], ['reaperscope-model', 1, 2]);
  for (const args of [[seed], [seed, seed, '--tree', tree], ['--tree', tree]]) {
    const bad = await runCli(['model', ...args]);
    assert.equal(bad.status, 2, args.join(' '));
    assert.match(bad.stderr, /^reaperscope model: (--tree DIR is required|one PATCH expected)\n\nusage: reaperscope model /);
  }
});

test('a tree without the exit path\'s files, or input without a diff, is bad input (1)', async () => {
  await withTree({ 'README': 'not a kernel\n' }, async (dir) => {
    const run = await runCli(['model', seed, '--tree', dir]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `reaperscope model: ${dir}: none of sys/kern/kern_exit.c, sys/kern/kern_sched.c, sys/kern/init_main.c is in this tree (give the directory that holds sys/)\n`);
  });
  const none = await runCli(['model', '-', '--tree', tree], 'no diff in this mail\n');
  assert.deepEqual([none.status, none.stderr], [1, 'reaperscope model: <stdin>: no diff found in the input\n']);
});
