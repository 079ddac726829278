/** The work host that runs jobs on the extension host's own thread: progress passed on, a cancelled token honoured. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InProcessWorkHost } from '../../../../src/extension/work/in-process-host';
import { JobCancelled } from '../../../../src/extension/work/work-protocol';
import { workspace } from '../../seed';

const btrace = readFileSync(join(workspace, 'traces/btrace-baseline.txt'));

test('the in-process work host runs a job and honours a cancelled token', async () => {
  const host = new InProcessWorkHost();
  const messages: string[] = [];
  const result = await host.run({ job: 'chrome-trace', trace: { bytes: btrace, fileName: 'b.txt' } }, (_f, m) => messages.push(m));
  // The sample's 15 events (test/fixtures/workspace/README.md).
  assert.equal(result.events, 15);
  assert.ok(messages.some((m) => m.startsWith('reading b.txt')));
  const token = { isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) } as never;
  await assert.rejects(host.run({ job: 'chrome-trace', trace: { bytes: btrace, fileName: 'b.txt' } }, () => undefined, token), JobCancelled);
});

test('a token cancelled while the job runs stops it between pieces', async () => {
  let cancelled = false;
  const token = { get isCancellationRequested() { return cancelled; }, onCancellationRequested: () => ({ dispose() {} }) } as never;
  const host = new InProcessWorkHost();
  const run = host.run({ job: 'simulate', controls: { variants: ['baseline'], workload: 'kernel-build', cpus: 8, seeds: 20 }, costs: {}, durationNs: 2e8 }, () => { cancelled = true; }, token);
  await assert.rejects(run, JobCancelled);
});
