/** The browser build's work host: jobs run in process (no worker thread, no `node:` module). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkHost } from '../../../../src/extension/work/create-work-host.web';
import { workspace } from '../../seed';

test('the web work host runs jobs in process', async () => {
  const host = createWorkHost(undefined as never);
  assert.equal(host.kind, 'in-process');
  const result = await host.run({ job: 'chrome-trace', trace: { bytes: readFileSync(join(workspace, 'traces/btrace-baseline.txt')), fileName: 'b.txt' } }, () => undefined);
  // The sample's 15 events (test/fixtures/workspace/README.md).
  assert.equal(result.events, 15);
  host.dispose();
});
