/** The panel's simulated views carry the model costs the runs used; trace views carry none. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COST_NAMES } from '../../../../src/core/sim/costs';
import { runJob } from '../../../../src/extension/work/jobs';
import { workspace } from '../../seed';

const quiet = { progress: () => undefined, cancelled: false };

test('the simulate job cites every cost, with the reaperscope.costs overrides marked', async () => {
  const result = await runJob({
    job: 'simulate', controls: { variants: ['baseline', 'patched'], workload: 'fork-storm', cpus: 2, seeds: 1 },
    costs: { contextSwitch: 3000, fork: { dist: 'fixed', meanNs: 20_000 } }, durationNs: 2e6,
  }, quiet);
  assert.equal(result.job, 'simulate');
  if (result.job !== 'simulate') return;
  assert.deepEqual(result.errors, []);
  const costs = result.view.costs!;
  assert.deepEqual(costs.map((c) => c.name), COST_NAMES);
  // fork set to its default value is not an override; the context switch is (default 2 µs, DESIGN.md).
  assert.deepEqual(costs.filter((c) => c.overridden).map((c) => [c.name, c.valueNs, c.defaultNs, c.source]),
    [['contextSwitch', 3000, 2000, 'docs/simulator.md cost defaults: 2 µs (1–5)']]);
});

test('a trace view has no costs', async () => {
  const bytes = readFileSync(join(workspace, 'traces/btrace-baseline.txt'));
  const result = await runJob({ job: 'trace', trace: { bytes, fileName: 'btrace-baseline.txt' } }, quiet);
  assert.equal(result.job, 'trace');
  if (result.job === 'trace') assert.equal(result.view.costs, undefined);
});
