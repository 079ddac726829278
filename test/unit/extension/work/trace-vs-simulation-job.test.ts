/** The worker job behind "Compare Trace with Simulation", run in process on the workspace's btrace sample. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJob } from '../../../../src/extension/work/jobs';
import { JobCancelled } from '../../../../src/extension/work/work-protocol';
import { workspace } from '../../seed';

const btrace = (): Uint8Array => readFileSync(join(workspace, 'traces/btrace-baseline.txt'));

test('the trace, then baseline and patched on its 2 CPUs for its 59.5 µs, with the cost settings cited', async () => {
  const fractions: number[] = [];
  const result = await runJob({
    job: 'trace-vs-simulation', trace: { bytes: btrace(), fileName: 'btrace-baseline.txt' },
    settings: { workload: 'fork-storm', costs: { contextSwitch: 3000, nosuchcost: 1 }, seed: 2 },
  }, { progress: (f) => { if (f !== null) fractions.push(f); }, cancelled: false });
  assert.equal(result.job, 'trace-vs-simulation');
  if (result.job !== 'trace-vs-simulation') return;
  const { view } = result;
  // The sample's facts: 2 CPUs, events from 500 ns to 60 µs.
  assert.deepEqual(view.runs.map((r) => [r.label, r.origin, r.cpus, r.spanNs]), [
    ['btrace-baseline.txt', 'traced', 2, 59_500], ['baseline', 'simulated', 2, 59_500], ['patched', 'simulated', 2, 59_500],
  ]);
  assert.equal(view.source, 'comparison');
  assert.ok(view.metrics.every((m) => m.values.length === 3));
  assert.ok(view.notes.some((n) => n.includes('(fork-storm, seed 2)')), view.notes.join('\n'));
  assert.equal(result.errors.length, 1, 'the unknown cost name is reported');
  assert.match(result.errors[0]!, /nosuchcost/);
  assert.deepEqual(view.costs?.filter((c) => c.overridden).map((c) => [c.name, c.valueNs]), [['contextSwitch', 3000]]);
  assert.ok(fractions.length > 2 && fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!), fractions.join(' '));
});

test('a cancelled job stops', async () => {
  await assert.rejects(runJob({
    job: 'trace-vs-simulation', trace: { bytes: btrace(), fileName: 'b.txt' }, settings: { workload: 'kernel-build', costs: {}, seed: 1 },
  }, { progress: () => undefined, cancelled: true }), JobCancelled);
});
