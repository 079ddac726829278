import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Machine } from '../../../../src/core/sim/machine';
import { defaultCosts } from '../../../../src/core/sim/costs';
import { StreamFactory } from '../../../../src/core/sim/prng';
import { Op } from '../../../../src/core/sim/program';
import { variant, type Variant } from '../../../../src/core/sim/variants';
import { makeWorkload } from '../../../../src/core/sim/workload';

/** Runs `v` on a machine whose CPUs are mostly idle (poisson exits), so woken threads may move. */
function run(v: Variant, cpus: number): Machine {
  const streams = new StreamFactory(9);
  const machine = streams.next();
  const arrivals = streams.next();
  const m = new Machine(
    { cpus, cpusPerSocket: 16, durationNs: 20e6, costs: defaultCosts() },
    v, makeWorkload('poisson', { cpus, exitRatePerSec: 20_000 }), { machine, arrivals, spawner: () => streams.next() },
  );
  m.run();
  return m;
}

test('a per-CPU reaper that is not pegged gets stolen and touches another CPU\'s dead list: caught', () => {
  const good = variant('lockless');
  const unpegged: Variant = { ...good, reaper: { ...good.reaper, steps: good.reaper.steps.map((s) => (s.op === Op.Peg ? { ...s, op: Op.Jump, target: 1 } : s)) } };
  const report = run(unpegged, 4).invariants.report(0);
  assert.equal(report.ok, false);
  assert.match(report.violations[0]!, /CPU \d+ touched the dead list of CPU \d+/);
  assert.equal(run(good, 4).invariants.report(0).ok, true);
});

test('a thread enlisted twice is reaped twice: caught', () => {
  const good = variant('lockless');
  const insert = good.exitPath.findIndex((d) => d.op === Op.Insert);
  const twice: Variant = { ...good, exitPath: [...good.exitPath.slice(0, insert + 1), good.exitPath[insert]!, ...good.exitPath.slice(insert + 1)] };
  const report = run(twice, 2).invariants.report(0);
  assert.equal(report.ok, false);
  assert.ok(report.violations.some((v) => /reaped twice/.test(v)), report.violations[0]);
});
