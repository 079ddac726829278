/**
 * The "Reaper activity" panel and traces: the ready handshake, message validation, the
 * simulation and trace commands, the trace custom editor, Chrome Trace export, and the numbers
 * they bring to hovers and CodeLenses.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../src/core/analysis/activity-view-model';
import type { ReviewSession } from '../../../src/extension/review/review-session';
import { api, fixture, lineOf, noAutoSave, resetWorkbench, textOf, until } from './api';

const small = { variants: ['baseline', 'patched'], workload: 'poisson', cpus: 2, seeds: 1 };

function traceFixture(name: string): vscode.Uri {
  return fixture(`traces/${name}`);
}

suite('reaper activity', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the panel says ready before it gets data, and malformed messages are dropped', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', small);
    assert.ok(view, 'the simulation produced no view');
    const { panels } = await api();
    const panel = panels.panel();
    assert.ok(panel);
    await until(() => panel.isReady, 'the webview to say ready', 20_000);
    assert.equal(panel.received[0]?.type, 'ready');
    // Scripts only with this page's nonce; nothing inline or remote; resources from dist/ and media/ only.
    const html = panel.panel.webview.html;
    const nonce = /script-src 'nonce-([A-Za-z0-9]{32})'/.exec(html)?.[1];
    assert.ok(nonce, 'no script nonce in the CSP');
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(urls.length >= 2 && urls.every((u) => /vscode-resource[^/]*\/.*\/dist\/[\w.-]+$/.test(u)), urls.join(' '));
    assert.equal(html.match(/<script /g)?.length, html.match(new RegExp(`<script nonce="${nonce}"`, 'g'))?.length);
    const roots = (panel.panel.webview.options.localResourceRoots ?? []).map((u) => u.path.split('/').pop());
    assert.deepEqual(roots, ['dist', 'media']);
    const rejected = panel.rejected.length;
    panel.handle({ type: 'run-simulation', controls: { ...small, cpus: 100_000 } });
    panel.handle({ type: 'no-such-message' });
    panel.handle('ready');
    assert.equal(panel.rejected.length, rejected + 3);
    assert.ok(panel.received.every((m) => m.type !== 'run-simulation'));
  });

  test('a run-simulation message from the panel runs the simulation with its controls', async () => {
    const { panels, analysis } = await api();
    await vscode.commands.executeCommand('reaperscope.simulate', small);
    const panel = panels.panel();
    assert.ok(panel);
    await vscode.commands.executeCommand('reaperscope.clearAnalysis');
    panel.handle({ type: 'run-simulation', controls: { variants: ['lockless'], workload: 'thread-churn', cpus: 3, seeds: 2 } });
    const view = await until(() => analysis.simulation ?? undefined, 'the simulation the panel asked for', 30_000);
    assert.deepEqual(view.runs.map((r) => [r.label, r.cpus]), [['lockless', 3]]);
    assert.match(view.title, /thread-churn, 3 CPUs, 2 seed/);
  });

  test('simulate: one run per variant, and the numbers reach hovers and CodeLenses', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', small);
    assert.ok(view);
    assert.equal(view.source, 'simulation');
    assert.deepEqual(view.runs.map((r) => r.label), ['baseline', 'patched']);
    assert.ok(view.runs.every((r) => r.origin === 'simulated' && r.cpus === 2));

    const uri = fixture('sys/kern/kern_exit.c');
    const text = await textOf(uri);
    const line = lineOf(text, 'mtx_enter(&deadproc_mutex)');
    const column = text.split('\n')[line - 1]!.indexOf('mtx_enter') + 1;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line - 1, column));
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    // The hover names the model's step on this line per variant, and the figure of this site only.
    assert.match(markdown, /Exit-path model at this line:/);
    assert.match(markdown, /- baseline: takes deadproc_mutex/);
    assert.match(markdown, /- patched: removed by the patch/);
    assert.match(markdown, /Simulated wait on deadproc_mutex \(all its sites\), mean over the seeds \[95 % CI\] \(.*\): baseline .* · patched removed by the patch/);
    // On wakeup(&deadproc): the cross-CPU wakeups of a reaper (and sched_lock, which wakeup takes), not deadproc_mutex's wait.
    const wline = lineOf(text, 'wakeup(&deadproc);');
    const wcol = text.split('\n')[wline - 1]!.indexOf('wakeup') + 1;
    const whovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(wline - 1, wcol));
    const wmarkdown = whovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(wmarkdown, /Simulated cross-CPU wakeups of a reaper, mean over the seeds \[95 % CI\] \(.*\): baseline [\d,.]+/);
    assert.doesNotMatch(wmarkdown, /wait on deadproc_mutex/);

    const session = await vscode.commands.executeCommand<ReviewSession | null>('reaperscope.openPatch',
      fixture('patches/one-reaper-per-cpu.patch'));
    assert.ok(session);
    const lenses = await until(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l.some((x) => x.command?.title.startsWith('sim ')) && l;
    }, 'simulation CodeLenses');
    const reaper = lenses.filter((l) => l.range.start.line + 1 === lineOf(text, 'reaper(void *arg)') - 1).map((l) => l.command!.title);
    // What the patch changes in reaper(), in the model's words, and the figures of its sites.
    assert.ok(reaper.some((t) => /^reaper in the model vs baseline: patched .*−deadproc_mutex/.test(t)), reaper.join('; '));
    assert.ok(reaper.some((t) => /^sim wait on deadproc_mutex \(all its sites\): baseline .* · patched removed by the patch$/.test(t)), reaper.join('; '));
    await vscode.commands.executeCommand('reaperscope.closePatch');
  });

  test('cost and duration settings reach the simulation', async () => {
    const config = vscode.workspace.getConfiguration('reaperscope');
    const p50 = (view: ActivityView | null): number => view!.metrics.find((m) => m.key === 'exitToReapNs.p50')!.values[0]!;
    const base = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', { ...small, variants: ['baseline'] });
    await config.update('costs', { uvmExit: 5_000_000 }, vscode.ConfigurationTarget.Global);
    await config.update('simulation.durationMs', 400, vscode.ConfigurationTarget.Global);
    try {
      const slow = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', { ...small, variants: ['baseline'] });
      // A 5 ms uvm_exit instead of 50 µs: the reaper takes longer to get to each dead thread.
      assert.ok(p50(slow) > p50(base), `p50 ${p50(slow)} ns with 5 ms uvm_exit, ${p50(base)} ns by default`);
      assert.equal(slow!.runs[0]!.spanNs, 400_000_000);
    } finally {
      await config.update('costs', undefined, vscode.ConfigurationTarget.Global);
      await config.update('simulation.durationMs', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('the trace custom editor opens a panel for the trace and says ready', async () => {
    const uri = traceFixture('btrace-baseline.txt');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'reaperscope.traceText');
    const { panels } = await api();
    const panel = await until(() => panels.traceEditors.panels.get(uri.toString()), 'the trace editor panel');
    await until(() => panel.isReady, 'the trace editor webview to say ready', 20_000);
    assert.match(panel.panel.title, /btrace-baseline\.txt/);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom);
    assert.equal(tab.input.viewType, 'reaperscope.traceText');
  });

  test('long work runs in a worker thread', async () => {
    const { panels } = await api();
    assert.equal(panels.work.kind, 'worker');
  });
});
