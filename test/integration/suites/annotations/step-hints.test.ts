/**
 * The step-by-line view: the seed patch opened on the test workspace (test/fixtures/workspace:
 * its README gives the reaper's lines in kern_exit.c, the `msleep_nsec` loop at 161-163 under
 * `mtx_enter(&deadproc_mutex)` at 160), the models derived from that tree in the worker, and the
 * inlay hints VS Code gets for kern_exit.c and kern_sched.c.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, hintText, lineOf, noAutoSave, openSeedWithModels, resetWorkbench, setModelSteps, stepHints, textOf, until } from '../api';

suite('step hints', () => {
  suiteSetup(noAutoSave);
  teardown(async () => {
    await setModelSteps(false);
    await resetWorkbench();
  });

  test('kern_exit.c: the reaper\'s mtx_enter(&deadproc_mutex) at line 160 takes the lock in baseline (30 ns) and is removed by the patch', async () => {
    await setModelSteps(true);
    await openSeedWithModels();
    const uri = fixture('sys/kern/kern_exit.c');
    assert.match((await textOf(uri)).split('\n')[159]!, /^\t\tmtx_enter\(&deadproc_mutex\);$/);
    const byLine = await stepHints(uri);
    assert.equal(hintText(byLine.get(160)), 'baseline: lock deadproc_mutex (0.03 µs) · patched: removed by the patch');
    // uvm_uarea_free(p) stays: work at the uareaFree cost (2 µs) in both.
    const free = lineOf(await textOf(uri), 'uvm_uarea_free(p);');
    assert.equal(hintText(byLine.get(free)), 'baseline: work uareaFree (2.00 µs) · patched: work uareaFree (2.00 µs)');
  });

  test('kern_sched.c: the idle hop cpu_switchto(NULL, idle) is a switch to idle in baseline only', async () => {
    await setModelSteps(true);
    await openSeedWithModels();
    const uri = fixture('sys/kern/kern_sched.c');
    const line = lineOf(await textOf(uri), 'cpu_switchto(NULL, idle);');
    const hint = hintText((await stepHints(uri)).get(line));
    assert.match(hint, /^baseline: switch-idle \(2\.00 µs\)/);
    assert.doesNotMatch(hint, /patched: switch/);
  });

  test('quiet by default: no hints until the setting is on; the command toggles it', async () => {
    await openSeedWithModels();
    const uri = fixture('sys/kern/kern_exit.c');
    assert.equal((await stepHints(uri)).size, 0);
    assert.equal(await vscode.commands.executeCommand<boolean>('reaperscope.toggleModelSteps'), true);
    assert.equal(vscode.workspace.getConfiguration('reaperscope').get('review.modelSteps'), true);
    await until(async () => (await stepHints(uri)).has(160), 'the hints after the toggle');
    assert.equal(await vscode.commands.executeCommand<boolean>('reaperscope.toggleModelSteps'), false);
    assert.equal((await stepHints(uri)).size, 0);
  });

  test('a line the model does not understand (a goto typed into the reaper) is marked ⚠ with the why', async () => {
    await setModelSteps(true);
    await openSeedWithModels();
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
      const h = (await stepHints(uri)).get(free + 1);
      return h && String(h.label).startsWith('⚠') ? h : undefined;
    }, 'the mark on the goto line', 20_000);
    assert.equal(String(hint.label), '⚠ baseline: not understood · patched: not understood');
    assert.match(String(hint.tooltip), /goto statement: the model cannot follow this/);
  });
});
