import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeMetrics } from '../../../../src/core/analysis/run-metrics';
import { tableHash } from '../../../../src/core/events/table-hash';
import { runJob } from '../../../../src/core/sim/sim-job';
import { simulate, type SimulationInput } from '../../../../src/core/sim/simulate';
import { runReplication } from '../../../../src/core/sim/validation';

const input: SimulationInput = { variant: 'patched', cpus: 2, workload: 'fork-storm', seed: 4, durationNs: 5e6 };

test('a run job brings back the run\'s event count, metrics and invariants, not its table', () => {
  const direct = simulate(input);
  const r = runJob({ id: 3, kind: 'run', input });
  assert.equal(r.kind, 'run');
  if (r.kind !== 'run') return;
  assert.equal(r.id, 3);
  assert.equal(r.events, direct.table.length);
  assert.ok(r.events > 0);
  assert.deepEqual(r.metrics, computeMetrics(direct.table, { spanNs: 5e6, cpus: 2 }));
  assert.deepEqual(r.invariants, direct.invariants);
  assert.equal('view' in r, false);
  assert.equal('hash' in r, false);
  assert.equal('table' in r, false);
  // structured-clone friendly: it survives a clone unchanged
  assert.deepEqual(structuredClone(r), r);
});

test('asked for, the binned view (bins over the run, per CPU) and the table hash come along', () => {
  const r = runJob({ id: 1, kind: 'run', input, view: { bins: 10, label: 'patched' }, hash: true });
  if (r.kind !== 'run') throw new Error('not a run');
  assert.equal(r.hash, tableHash(simulate(input).table));
  assert.equal(r.view!.label, 'patched');
  assert.equal(r.view!.origin, 'simulated');
  assert.equal(r.view!.cpus, 2);
  assert.equal(r.view!.spanNs, 5e6);
  // 5 ms over 10 bins: 500 µs each
  assert.equal(r.view!.binNs, 500_000);
  assert.deepEqual(r.view!.reaps.map((row) => row.length), [10, 10]);
  // another seed, another hash
  const other = runJob({ id: 2, kind: 'run', input: { ...input, seed: 5 }, hash: true });
  assert.notEqual(other.kind === 'run' && other.hash, r.hash);
});

test('a replication job is the validation replication of its input', () => {
  const poisson: SimulationInput = { variant: 'baseline', cpus: 2, workload: 'poisson', seed: 8, durationNs: 20e6, exitRatePerSec: 10_000, reapCostNs: 50_000 };
  const r = runJob({ id: 9, kind: 'replication', input: poisson });
  assert.deepEqual(r, { id: 9, kind: 'replication', result: runReplication(poisson) });
  if (r.kind === 'replication') assert.ok(r.result.count > 0);
});
