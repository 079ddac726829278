/**
 * The step-by-line view and the panel's models: the seed patch opened on the test workspace
 * (test/fixtures/workspace: its README gives the reaper's lines in kern_exit.c, the
 * `msleep_nsec` loop at 161-163 under `mtx_enter(&deadproc_mutex)` at 160), the models derived
 * from that tree in the worker, the inlay hints VS Code gets for kern_exit.c and kern_sched.c,
 * and which models a simulation runs.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../src/core/analysis/activity-view-model';
import type { ReviewSession } from '../../../src/extension/review/review-session';
import { api, fixture, lineOf, noAutoSave, resetWorkbench, textOf, until } from './api';

const small = { variants: ['baseline', 'patched'], workload: 'poisson', cpus: 2, seeds: 1 };

async function setShown(on: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('reaperscope').update('review.modelSteps', on, vscode.ConfigurationTarget.Global);
}

async function openSeed(): Promise<void> {
  const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch', fixture('patches/one-reaper-per-cpu.patch'));
  assert.ok(session, 'the seed patch did not open');
  const state = await (await api()).models.ready();
  assert.equal(state.kind, 'ready', state.kind === 'none' ? state.why : state.kind);
}

/** The hints VS Code's inlay-hint machinery gets for a document, by 1-based line. */
async function hints(uri: vscode.Uri): Promise<Map<number, vscode.InlayHint>> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(0, 0, doc.lineCount, 0);
  const list = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, range);
  const label = (h: vscode.InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
  return new Map(list.filter((h) => /baseline|patched/.test(label(h))).map((h) => [h.position.line + 1, { ...h, label: label(h) } as vscode.InlayHint]));
}

const text = (h: vscode.InlayHint | undefined): string => (h ? String(h.label) : '(no hint)');

suite('step-by-line view', () => {
  suiteSetup(noAutoSave);
  teardown(async () => {
    await setShown(false);
    await resetWorkbench();
  });

  test('kern_exit.c: the reaper\'s mtx_enter(&deadproc_mutex) at line 160 takes the lock in baseline (30 ns) and is removed by the patch', async () => {
    await setShown(true);
    await openSeed();
    const uri = fixture('sys/kern/kern_exit.c');
    assert.match((await textOf(uri)).split('\n')[159]!, /^\t\tmtx_enter\(&deadproc_mutex\);$/);
    const byLine = await hints(uri);
    assert.equal(text(byLine.get(160)), 'baseline: lock deadproc_mutex (0.03 µs) · patched: removed by the patch');
    // uvm_uarea_free(p) stays: work at the uareaFree cost (2 µs) in both.
    const free = lineOf(await textOf(uri), 'uvm_uarea_free(p);');
    assert.equal(text(byLine.get(free)), 'baseline: work uareaFree (2.00 µs) · patched: work uareaFree (2.00 µs)');
  });

  test('kern_sched.c: the idle hop cpu_switchto(NULL, idle) is a switch to idle in baseline only', async () => {
    await setShown(true);
    await openSeed();
    const uri = fixture('sys/kern/kern_sched.c');
    const line = lineOf(await textOf(uri), 'cpu_switchto(NULL, idle);');
    const hint = text((await hints(uri)).get(line));
    assert.match(hint, /^baseline: switch-idle \(2\.00 µs\)/);
    assert.doesNotMatch(hint, /patched: switch/);
  });

  test('quiet by default: no hints until the setting is on; the command toggles it', async () => {
    await openSeed();
    const uri = fixture('sys/kern/kern_exit.c');
    assert.equal((await hints(uri)).size, 0);
    assert.equal(await vscode.commands.executeCommand<boolean>('reaperscope.toggleModelSteps'), true);
    assert.equal(vscode.workspace.getConfiguration('reaperscope').get('review.modelSteps'), true);
    await until(async () => (await hints(uri)).has(160), 'the hints after the toggle');
    assert.equal(await vscode.commands.executeCommand<boolean>('reaperscope.toggleModelSteps'), false);
    assert.equal((await hints(uri)).size, 0);
  });

  test('a line the model does not understand (a goto typed into the reaper) is marked ⚠ with the why', async () => {
    await setShown(true);
    await openSeed();
    const { models } = await api();
    const uri = fixture('sys/kern/kern_exit.c');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const free = lineOf(doc.getText(), 'uvm_uarea_free(p);');
    // Below the patch's last kern_exit.c hunk (old lines 151-170): the patch still applies.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(free, 0), '\t\tgoto again;\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const hint = await until(async () => {
      await models.ready();
      const h = (await hints(uri)).get(free + 1);
      return h && String(h.label).startsWith('⚠') ? h : undefined;
    }, 'the mark on the goto line', 20_000);
    assert.equal(String(hint.label), '⚠ baseline: not understood · patched: not understood');
    assert.match(String(hint.tooltip), /goto statement: the model cannot follow this/);
  });

  test('the panel simulates the models derived from the workspace (source code), and the built-in ones with a note when no patch is open', async () => {
    await setShown(true);
    await openSeed();
    const derived = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', small);
    assert.ok(derived);
    assert.match(derived.notes[0] ?? '', /^Models: derived from the workspace's C source \(.*sys\/kern\/kern_exit\.c.*\): baseline and patched\.$/);
    // The simulation's time per line reaches the hints: deadproc_mutex is taken in every reap of baseline.
    const uri = fixture('sys/kern/kern_exit.c');
    await until(async () => /simulated/.test(text((await hints(uri)).get(160))), 'simulated times on the hints');
    assert.match(text((await hints(uri)).get(160)), /^baseline: lock deadproc_mutex \(0\.03 µs; simulated [\d.]+ µs/);

    (await api()).review.set(null);
    await (await api()).models.ready();
    const builtIn = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', small);
    assert.ok(builtIn);
    assert.equal(builtIn.notes[0], 'Models: built-in (no patch is open).');
  });
});
