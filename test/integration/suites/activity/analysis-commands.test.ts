/**
 * The analysis commands (simulate, open and compare traces, a trace against its simulation,
 * export, clear) and the panels they open: one panel per kind, restored after a reload,
 * cancellable, the work done in the worker. The trace commands hand a local file to the worker by
 * its path, as the trace editor does, so the extension host never reads it whole; a file of
 * another file system (here a read-only in-memory one) still goes as bytes, and gives the same
 * view as the path.
 */
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../../src/core/analysis/activity-view-model';
import type { WorkHost } from '../../../../src/extension/work/work-host';
import type { TraceInput, WorkRequest } from '../../../../src/extension/work/work-protocol';
import { api, fixture, noAutoSave, resetWorkbench, smallSimulation, textOf, until } from '../api';

// The workspace's btrace sample: 2 CPUs, events from 500 ns to 60 µs, no BEGIN/END lines.
const TRACE = 'traces/btrace-baseline.txt';
const SPAN_NS = 59_500;

function traceFixture(name: string): vscode.Uri {
  return fixture(`traces/${name}`);
}

suite('analysis commands', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('simulate: one simulated run per variant on the CPUs asked for', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', smallSimulation);
    assert.ok(view);
    assert.equal(view.source, 'simulation');
    assert.deepEqual(view.runs.map((r) => r.label), ['baseline', 'patched']);
    assert.ok(view.runs.every((r) => r.origin === 'simulated' && r.cpus === 2));
  });

  test('a run-simulation message from the panel runs the simulation with its controls', async () => {
    const { panels, analysis } = await api();
    await vscode.commands.executeCommand('reaperscope.simulate', smallSimulation);
    const panel = panels.panel();
    assert.ok(panel);
    await vscode.commands.executeCommand('reaperscope.clearAnalysis');
    panel.handle({ type: 'run-simulation', controls: { variants: ['lockless'], workload: 'thread-churn', cpus: 3, seeds: 2 } });
    const view = await until(() => analysis.simulation ?? undefined, 'the simulation the panel asked for', 30_000);
    assert.deepEqual(view.runs.map((r) => [r.label, r.cpus]), [['lockless', 3]]);
    assert.match(view.title, /thread-churn, 3 CPUs, 2 seed/);
  });

  test('a panel restored after a reload gets its page again and says ready', async () => {
    const { panels } = await api();
    const webviewPanel = vscode.window.createWebviewPanel('reaperscope.activity', 'Reaper activity', vscode.ViewColumn.One, { enableScripts: true });
    const restored = panels.restore(webviewPanel);
    assert.match(webviewPanel.webview.html, /<div id="reaperscope-root">/);
    await until(() => restored.isReady, 'the restored webview to say ready', 20_000);
    restored.dispose();
  });

  test('a long simulation sweep can be cancelled from the panel', async () => {
    const { panels, analysis } = await api();
    await vscode.commands.executeCommand('reaperscope.simulate', smallSimulation);
    const panel = panels.panel();
    assert.ok(panel);
    await vscode.commands.executeCommand('reaperscope.clearAnalysis');
    const started = Date.now();
    const sweep = vscode.commands.executeCommand<ActivityView | null>('reaperscope.simulate', { variants: ['baseline', 'patched', 'lockless'], workload: 'kernel-build', cpus: 64, seeds: 100 });
    await new Promise((r) => setTimeout(r, 500));
    panel.handle({ type: 'cancel' });
    assert.equal(await sweep, null);
    assert.equal(panel.lastError, 'Simulation cancelled.');
    assert.ok(Date.now() - started < 15_000, `cancelling took ${Date.now() - started} ms`);
    assert.equal(analysis.simulation, null);
  });

  test('showActivity shows the loaded trace in the panel', async () => {
    await vscode.commands.executeCommand('reaperscope.openTrace', traceFixture('btrace-baseline.txt'));
    const panel = await vscode.commands.executeCommand<{ panel: vscode.WebviewPanel; isReady: boolean } | null>('reaperscope.showActivity', 'trace');
    assert.ok(panel);
    assert.equal(panel.panel.title, 'Reaper activity: btrace-baseline.txt');
    await until(() => panel.isReady, 'the panel to say ready', 20_000);
  });

  test('openTrace shows a btrace trace and its counts reach hovers', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.openTrace', traceFixture('btrace-baseline.txt'));
    assert.ok(view);
    assert.equal(view.source, 'trace');
    assert.equal(view.runs[0]?.origin, 'traced');
    assert.equal(view.runs[0]?.cpus, 2);
    assert.equal(view.runs[0]?.exitToReapInferred, true);
    const { analysis } = await api();
    assert.equal(analysis.trace?.counts.label, 'btrace-baseline.txt');
    assert.ok((analysis.trace?.counts.byKind['on-cpu'] ?? 0) > 0);
  });

  test('compareTraces puts two traces side by side', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.compareTraces',
      traceFixture('btrace-baseline.txt'), traceFixture('ftrace-flags5.txt'));
    assert.ok(view);
    assert.equal(view.source, 'comparison');
    assert.deepEqual(view.runs.map((r) => r.label), ['btrace-baseline.txt', 'ftrace-flags5.txt']);
    assert.ok(view.metrics.every((m) => m.values.length === 2));
  });

  test('exportChromeTrace writes Chrome Trace JSON', async () => {
    const target = vscode.Uri.file(`${tmpdir()}/reaperscope-export-${process.pid}.trace.json`);
    const written = await vscode.commands.executeCommand<vscode.Uri | null>('reaperscope.exportChromeTrace', traceFixture('btrace-baseline.txt'), target);
    assert.equal(written?.toString(), target.toString());
    const json = JSON.parse(await textOf(target)) as { traceEvents: { ph: string }[] };
    assert.ok(json.traceEvents.some((e) => e.ph === 'X'), 'no complete (X) slices');
    await vscode.workspace.fs.delete(target);
  });

  test('clearAnalysis forgets the simulation and the trace', async () => {
    await vscode.commands.executeCommand('reaperscope.clearAnalysis');
    const { analysis } = await api();
    assert.equal(analysis.simulation, null);
    assert.equal(analysis.trace, null);
  });

  test('the trace and baseline and patched on its 2 CPUs for its span, in one panel view', async () => {
    const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.compareTraceWithSimulation', fixture(TRACE));
    assert.ok(view, 'the command produced no view');
    assert.deepEqual(view.runs.map((r) => [r.label, r.origin]), [['btrace-baseline.txt', 'traced'], ['baseline', 'simulated'], ['patched', 'simulated']]);
    assert.deepEqual(view.runs.map((r) => r.cpus), [2, 2, 2], "the trace's CPU count");
    assert.deepEqual(view.runs.map((r) => r.spanNs), [SPAN_NS, SPAN_NS, SPAN_NS], "the trace's span");
    // Shared bins: the same number of bins per run, and one metrics table with a column per run.
    assert.equal(new Set(view.runs.map((r) => r.backlog.length)).size, 1);
    assert.ok(view.metrics.length > 0 && view.metrics.every((m) => m.values.length === 3));
    assert.ok(view.notes.some((n) => /Simulated baseline and patched on the trace's 2 CPU\(s\) for 59\.5 µs \(kernel-build, seed 1\)/.test(n)), view.notes.join('\n'));
    const { panels } = await api();
    const panel = panels.panel();
    assert.ok(panel);
    assert.equal(panel.panel.title, 'Reaper activity: btrace-baseline.txt vs simulation');
    await until(() => panel.isReady, 'the panel to say ready', 20_000);
    assert.equal(panels.work.kind, 'worker');
  });

  test('without an argument it takes the trace open in the trace editor, and the workload setting', async () => {
    const config = vscode.workspace.getConfiguration('reaperscope');
    await config.update('simulation.workload', 'thread-churn', vscode.ConfigurationTarget.Global);
    try {
      const uri = fixture(TRACE);
      await vscode.commands.executeCommand('vscode.openWith', uri, 'reaperscope.traceText');
      await until(() => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom && input.uri.toString() === uri.toString();
      }, 'the trace editor tab');
      const view = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.compareTraceWithSimulation');
      assert.ok(view);
      assert.equal(view.runs[0]?.label, 'btrace-baseline.txt');
      assert.deepEqual(view.runs.map((r) => r.origin), ['traced', 'simulated', 'simulated']);
      assert.ok(view.notes.some((n) => n.includes('(thread-churn, seed 1)')), view.notes.join('\n'));
    } finally {
      await config.update('simulation.workload', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

const SCHEME = 'reaperscope-analysis-test';

/** Serves one file, `/NAME`, with the bytes of the fixture trace of that name, read only. */
class FixtureFileSystem implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const size = (await this.readFile(uri)).length;
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(fixture(`traces${uri.path}`));
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
}

/** What a trace input carries: the path, or the number of bytes. */
const carried = (input: TraceInput): { path: string } | { bytes: number } => ('path' in input ? { path: input.path } : { bytes: input.bytes.length });

/** A request as sent: its job and what its traces carry (read when sent: the bytes move to the worker, which empties them here). */
function sentOf(r: WorkRequest): unknown[] {
  if (r.job === 'trace' || r.job === 'trace-vs-simulation' || r.job === 'chrome-trace') return [r.job, carried(r.trace)];
  if (r.job === 'compare-traces') return [r.job, r.traces.map(carried)];
  return [r.job];
}

/** The requests the commands send to the work host while `body` runs, as sentOf reads them. */
async function requestsDuring(body: () => Promise<unknown>): Promise<unknown[][]> {
  const { panels } = await api();
  const work: WorkHost = panels.work;
  const run = work.run;
  const seen: unknown[][] = [];
  work.run = ((request, onProgress, token) => {
    seen.push(sentOf(request));
    return run.call(work, request, onProgress, token);
  }) as WorkHost['run'];
  try {
    await body();
  } finally {
    work.run = run;
  }
  return seen;
}

suite('trace commands: local files by path', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('Open Trace, Compare Two Traces, Compare with Simulation and Export send a local file\'s path, not its bytes', async () => {
    const { panels } = await api();
    if (panels.work.kind !== 'worker') return assert.fail(`the work host runs ${panels.work.kind}: only the worker reads files by path`);
    const a = fixture('traces/btrace-baseline.txt');
    const b = fixture('traces/ftrace-flags5.txt');
    const target = vscode.Uri.file(`${tmpdir()}/reaperscope-analysis-commands-${process.pid}.trace.json`);
    const requests = await requestsDuring(async () => {
      assert.ok(await vscode.commands.executeCommand<ActivityView | null>('reaperscope.openTrace', a));
      assert.ok(await vscode.commands.executeCommand<ActivityView | null>('reaperscope.compareTraces', a, b));
      assert.ok(await vscode.commands.executeCommand<ActivityView | null>('reaperscope.compareTraceWithSimulation', a));
      assert.ok(await vscode.commands.executeCommand<vscode.Uri | null>('reaperscope.exportChromeTrace', a, target));
    });
    await vscode.workspace.fs.delete(target);
    assert.deepEqual(requests, [
      ['trace', { path: a.fsPath }],
      ['compare-traces', [{ path: a.fsPath }, { path: b.fsPath }]],
      ['trace-vs-simulation', { path: a.fsPath }],
      ['chrome-trace', { path: a.fsPath }],
    ]);
  });

  test('a trace on another file system goes as its bytes and gives the same view as the local file', async () => {
    const registration = vscode.workspace.registerFileSystemProvider(SCHEME, new FixtureFileSystem(), { isReadonly: true });
    try {
      const local = fixture('traces/btrace-baseline.txt');
      const remote = vscode.Uri.from({ scheme: SCHEME, path: '/btrace-baseline.txt' });
      const size = (await vscode.workspace.fs.readFile(local)).length;
      let fromBytes: ActivityView | null = null;
      const requests = await requestsDuring(async () => {
        fromBytes = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.openTrace', remote);
      });
      assert.deepEqual(requests, [['trace', { bytes: size }]]);
      const fromPath = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.openTrace', local);
      assert.ok(fromPath);
      assert.deepEqual(fromBytes, fromPath);
    } finally {
      registration.dispose();
    }
  });
});
