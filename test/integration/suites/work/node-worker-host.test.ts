/**
 * The Node worker host on the built dist/worker.js: a trace given as bytes (moved, not copied) or
 * by path (the worker reads the file), progress on the way, and a cancel that stops a long sweep.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { NodeWorkerHost } from '../../../../src/extension/work/node-worker-host';
import { extensionId, fixture, textOf } from '../api';

suite('node worker host', () => {
  let host: NodeWorkerHost;
  suiteSetup(() => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    host = new NodeWorkerHost(join(extension.extensionPath, 'dist', 'worker.js'));
  });
  suiteTeardown(() => host.dispose());

  test('a trace as bytes is moved to the worker; by path the worker reads it: the same 15 events', async () => {
    const uri = fixture('traces/btrace-baseline.txt');
    const bytes = new TextEncoder().encode(await textOf(uri));
    const messages: string[] = [];
    const moved = await host.run({ job: 'chrome-trace', trace: { bytes, fileName: 'btrace-baseline.txt' } }, (_f, m) => messages.push(m));
    // The sample's 15 events (test/fixtures/workspace/README.md).
    assert.equal(moved.events, 15);
    assert.equal(bytes.byteLength, 0, 'the buffer was transferred, not copied');
    assert.ok(messages.length > 0, 'progress reached the host');
    const byPath = await host.run({ job: 'chrome-trace', trace: { path: uri.fsPath, fileName: 'btrace-baseline.txt' } }, () => undefined);
    assert.equal(byPath.json, moved.json);
  });

  test('cancel stops a long sweep, and the host runs the next job', async () => {
    const source = new vscode.CancellationTokenSource();
    const sweep = host.run({ job: 'simulate', controls: { variants: ['baseline', 'patched', 'lockless'], workload: 'kernel-build', cpus: 64, seeds: 100 }, costs: {}, durationNs: 2e8 },
      () => source.cancel(), source.token);
    await assert.rejects(sweep, /cancelled/);
    const next = await host.run({ job: 'chrome-trace', trace: { path: fixture('traces/btrace-baseline.txt').fsPath, fileName: 'b.txt' } }, () => undefined);
    assert.equal(next.events, 15);
  });
});
