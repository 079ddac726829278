import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { fixturePath, runCli } from '../run-cli';
import { COST_NAMES } from '../../../../src/core/sim/costs';
import type { ActivityView } from '../../../../src/core/analysis/activity-view-model';

const patch = fixturePath('one-reaper-per-cpu.patch');
const quick = ['--cpus', '1,4', '--seeds', '3', '--duration-ms', '20', '--threads', '2'];

test('compare --format json: the posted patch against baseline and lockless, same seeds', async () => {
  const run = await runCli(['compare', patch, ...quick, '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  const r = JSON.parse(run.stdout);
  assert.equal(r.detection.variant, 'patched');
  assert.deepEqual(r.plan.variants, ['baseline', 'patched', 'lockless']);
  assert.deepEqual(r.plan.seeds, [1, 2, 3]);
  assert.deepEqual(r.points.map((p: { cpus: number }) => p.cpus), [1, 4]);
  const four = r.points[1].variants;
  assert.equal(four[0].difference, undefined);
  const d = four[1].difference['idleHops'];
  // baseline hops to idle on every exit, the patch never: the difference is minus baseline's mean, for sure
  assert.equal(d.mean, -four[0].mean['idleHops']);
  assert.ok(d.high < 0 && d.n === 3);
  assert.equal(r.invariants.ok, true);
  assert.equal(r.invariants.runs, 18);
});

test('compare text fits 72 columns for a mail; markdown has tables', async () => {
  const text = await runCli(['compare', patch, ...quick]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /Detected variant: patched/);
  assert.match(text.stdout, /sys\/kern\/kern_sched\.c:235 \(added\): wakeup_one/);
  for (const line of text.stdout.split('\n')) assert.ok([...line].length <= 72, `too wide: ${line}`);
  const md = await runCli(['compare', patch, ...quick, '--format', 'markdown']);
  assert.match(md.stdout, /^\| CPUs \| baseline \| patched \| Δ patched \[95 % CI\] \| lockless \|/m);
});

test('a patch the model does not cover: no model, no numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-cmp-'));
  try {
    const other = join(dir, 'other.diff');
    writeFileSync(other, 'diff --git a/sys/kern/kern_fork.c b/sys/kern/kern_fork.c\n--- a/sys/kern/kern_fork.c\n+++ b/sys/kern/kern_fork.c\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n');
    const run = await runCli(['compare', other, ...quick]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /no model for this patch/);
    assert.doesNotMatch(run.stdout, /µs/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs `compare ... --html` from source with a stand-in webview bundle; returns the HTML and its embedded view. */
function compareHtml(extra: string[]): { html: string; view: ActivityView } {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-html-'));
  try {
    writeFileSync(join(dir, 'webview.js'), 'console.log("</script><!-- webview");');
    writeFileSync(join(dir, 'costs.json'), JSON.stringify({ contextSwitch: 3000 }));
    const out = join(dir, 'report.html');
    const args = extra.map((a) => a.replace('$DIR', dir));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'compare', patch, ...quick, ...args, '--html', out], {
      cwd: fileURLToPath(new URL('../../../../', import.meta.url)), encoding: 'utf8', env: { ...process.env, REAPERSCOPE_WEBVIEW_DIR: dir },
    });
    assert.equal(run.status, 0, run.stderr);
    const html = readFileSync(out, 'utf8');
    const m = /<script type="application\/json" id="reaperscope-view">([\s\S]*?)<\/script>/.exec(html);
    assert.ok(m);
    return { html, view: (JSON.parse(m[1]!) as { view: ActivityView }).view };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('--html: one file with the webview inlined and the view as JSON', async () => {
  const { html, view } = compareHtml([]);
  assert.equal(view.source, 'comparison');
  assert.deepEqual(view.runs.map((r) => [r.label, r.cpus, r.origin]), [['baseline', 4, 'simulated'], ['patched', 4, 'simulated'], ['lockless', 4, 'simulated']]);
  assert.equal(view.metrics.find((x) => x.key === 'idleHops')!.difference![1]!.high < 0, true);
  assert.ok(!/https?:\/\//.test(html.replace(/<meta[^>]*>/g, '')), 'no network address');
  assert.equal((html.match(/<\/script>/g) ?? []).length, 2, 'the inlined code cannot close its element');
  // The model costs the runs used, with their sources: the defaults here (DESIGN.md: context switch 2 µs).
  assert.equal(view.costs?.length, COST_NAMES.length);
  assert.deepEqual(view.costs!.filter((c) => c.overridden), []);
  const cs = view.costs!.find((c) => c.name === 'contextSwitch')!;
  assert.deepEqual([cs.valueNs, cs.source], [2000, 'docs/simulator.md cost defaults: 2 µs (1–5)']);
});

test('--html with --costs and --reap-cost-us: the embedded costs are the ones the runs used, overrides marked', async () => {
  const { view } = compareHtml(['--costs', '$DIR/costs.json', '--reap-cost-us', '80']);
  const overridden = view.costs!.filter((c) => c.overridden).map((c) => [c.name, c.valueNs, c.defaultNs]);
  assert.deepEqual(overridden, [['contextSwitch', 3000, 2000], ['uvmExit', 80_000, 50_000]]);
  assert.equal(view.costs!.find((c) => c.name === 'mutex')!.valueNs, 30);
});

const tree = fixturePath('c/exit-path');
const own = (name: string): string => fixturePath(`c/exit-path-patches/${name}`);
const treeQuick = ['--cpus', '4', '--seeds', '2', '--duration-ms', '20', '--threads', '1'];

test('compare --tree derives both models and says so in its JSON', async () => {
  const run = await runCli(['compare', patch, '--tree', tree, ...treeQuick, '--format', 'json']);
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
  const text = await runCli(['compare', patch, '--tree', tree, ...treeQuick]);
  for (const line of text.stdout.split('\n')) assert.ok([...line].length <= 72, `too wide: ${line}`);
  // the derived models run: the patch never hops to idle, baseline on every exit
  const four = r.points[0].variants;
  assert.ok(four[0].mean['idleHops'] > 0);
  assert.equal(four[1].mean['idleHops'], 0);
});

test('compare --tree: a patch outside the exit path says so, names what it touches, prints no numbers', async () => {
  const run = await runCli(['compare', own('runqueue-statistic.diff'), '--tree', tree, ...treeQuick]);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, 'The patch does not touch the exit path the model is read from; it\n  touches setrunqueue() in sys/kern/kern_sched.c.\n');
});

test('compare --tree: exit2() from sched_exit() is caught handing the thread over before it left its CPU', async () => {
  const run = await runCli(['compare', own('exit2-from-sched-exit.diff'), '--tree', tree, ...treeQuick, '--format', 'json']);
  assert.equal(run.status, 1, run.stderr);
  const r = JSON.parse(run.stdout);
  assert.equal(r.invariants.ok, false);
  assert.match(r.invariants.violations[0], /put on deadproc, .* before it has switched away .*the steps that allow it: sys\/kern\/kern_exit\.c:\d+ insert deadproc, sys\/kern\/kern_exit\.c:\d+ wakeup-all deadproc, sys\/kern\/kern_sched\.c:\d+ switch-idle/);
});
