/**
 * The trace commands (Open Trace, Compare Two Traces, Compare Trace with Simulation, Export to
 * Chrome Trace JSON) hand a local file to the worker by its path, as the trace editor does, so
 * the extension host never reads it whole; a file of another file system (here a read-only
 * in-memory one) still goes as bytes, and gives the same view as the path.
 */
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import type { ActivityView } from '../../../../src/core/analysis/activity-view-model';
import type { WorkHost } from '../../../../src/extension/work/work-host';
import type { TraceInput, WorkRequest } from '../../../../src/extension/work/work-protocol';
import { api, fixture, noAutoSave, resetWorkbench } from '../api';

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

/** The requests the commands send to the work host while `body` runs. */
async function requestsDuring(body: () => Promise<unknown>): Promise<WorkRequest[]> {
  const { panels } = await api();
  const work: WorkHost = panels.work;
  const run = work.run;
  const seen: WorkRequest[] = [];
  work.run = ((request, onProgress, token) => {
    seen.push(request);
    return run.call(work, request, onProgress, token);
  }) as WorkHost['run'];
  try {
    await body();
  } finally {
    work.run = run;
  }
  return seen;
}

/** What a trace input carries: the path, or the number of bytes. */
const carried = (input: TraceInput): { path: string } | { bytes: number } => ('path' in input ? { path: input.path } : { bytes: input.bytes.length });

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
    const sent = requests.map((r) => {
      if (r.job === 'trace' || r.job === 'trace-vs-simulation' || r.job === 'chrome-trace') return [r.job, carried(r.trace)];
      if (r.job === 'compare-traces') return [r.job, r.traces.map(carried)];
      return [r.job];
    });
    assert.deepEqual(sent, [
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
      assert.deepEqual(requests.map((r) => (r.job === 'trace' ? carried(r.trace) : r.job)), [{ bytes: size }]);
      const fromPath = await vscode.commands.executeCommand<ActivityView | null>('reaperscope.openTrace', local);
      assert.ok(fromPath);
      assert.deepEqual(fromBytes, fromPath);
    } finally {
      registration.dispose();
    }
  });
});
