import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COST_NAMES, defaultCosts } from '../../../../src/core/sim/costs';
import { assemble, Op, PRIO } from '../../../../src/core/sim/program';
import { isWorkloadName, makeWorkload, workloadCosts, WORKLOAD_NAMES } from '../../../../src/core/sim/workload';

test('job counts by default: make -jN with N = CPUs, two sh per CPU, one churn thread per CPU; --jobs overrides', () => {
  const count = (name: (typeof WORKLOAD_NAMES)[number], jobs?: number): number =>
    makeWorkload(name, { cpus: 6, ...(jobs ? { jobs } : {}) }).spawners[0]!.count;
  assert.equal(count('kernel-build'), 6);
  assert.equal(count('fork-storm'), 12);
  assert.equal(count('thread-churn'), 6);
  assert.equal(count('kernel-build', 3), 3);
  assert.match(makeWorkload('kernel-build', { cpus: 6 }).description, /^make -j6: 6 make processes/);
  assert.match(makeWorkload('fork-storm', { cpus: 6, jobs: 5 }).description, /^5 sh processes/);
});

test('a make process forks cc under the kernel lock and waits for it on the `wait` channel', () => {
  const w = makeWorkload('kernel-build', { cpus: 2 });
  const make = w.spawners[0]!.template;
  assert.equal(make.exits, false);
  assert.equal(make.prio, PRIO.PUSER);
  const steps = assemble('make', make.body).steps;
  // loop: think(0) lock(1) fork cost(2) Fork(3) unlock(4); wait: child done? →got(5); sleep on wait(6-7); →wait(8); got: wait4(9); →loop(10)
  assert.deepEqual(steps.map((s) => s.op), [Op.Work, Op.Lock, Op.Work, Op.Fork, Op.Unlock, Op.JumpIfChildDone, Op.Lock, Op.Sleep, Op.Jump, Op.Work, Op.Jump]);
  assert.deepEqual(steps.map((s) => ('target' in s ? s.target : null)), [null, null, null, null, null, 9, null, null, 5, null, 0]);
  assert.deepEqual(steps[7], { op: Op.Sleep, chan: 'wait', prio: PRIO.PWAIT });
  assert.equal(steps[9]!.op === Op.Work && steps[9]!.cost, 'wait4');
  const cc = make.child!;
  assert.equal(cc.comm, 'cc');
  assert.equal(cc.exits, true);
  assert.equal(cc.isThread, false);
  // the run time, then the six exit-path costs drawn per thread
  assert.deepEqual(cc.draws, ['ccRun', 'exit1', 'tuagg', 'uareaFree', 'uvmExit', 'procFree', 'zombie']);
  assert.equal(w.arrivals, null);
  assert.equal(w.preemptKernel, false);
});

test('thread-churn: threads collect nothing (the finished-child test jumps straight back) and wake their creator', () => {
  const churn = makeWorkload('thread-churn', { cpus: 2 }).spawners[0]!.template;
  assert.equal(churn.isThread, true);
  const steps = assemble('churn', churn.body).steps;
  // no wait4 step: 10 steps, `got` is the final jump to the loop (index 9)
  assert.equal(steps.length, 10);
  assert.equal(steps[5]!.op === Op.JumpIfChildDone && steps[5]!.target, 9);
  const child = churn.child!;
  assert.equal(child.isThread, true);
  // run, NotifySpawner, then wakeup_one on `wait`: lock, work, wake, unlock
  assert.deepEqual(child.body.map((d) => d.op), [Op.Work, Op.NotifySpawner, Op.Lock, Op.Work, Op.Wake, Op.Unlock]);
  assert.deepEqual(child.body[4], { op: Op.Wake, chan: 'wait', all: false, src: undefined });
});

test('poisson: external arrivals at the given rate that preempt anything, no spawners', () => {
  const w = makeWorkload('poisson', { cpus: 4, exitRatePerSec: 2_500 });
  assert.deepEqual(w.spawners, []);
  assert.equal(w.preemptKernel, true);
  assert.equal(w.arrivals!.ratePerSec, 2_500);
  assert.deepEqual(w.arrivals!.template.body, []);
  assert.equal(w.arrivals!.template.exits, true);
  assert.equal(makeWorkload('poisson', { cpus: 4 }).arrivals!.ratePerSec, 10_000);
});

test('workload names', () => {
  assert.deepEqual([...WORKLOAD_NAMES], ['kernel-build', 'fork-storm', 'thread-churn', 'poisson']);
  assert.equal(isWorkloadName('poisson'), true);
  assert.equal(isWorkloadName('Poisson'), false);
  assert.equal(isWorkloadName('constructor'), false);
});

test('poisson costs: every cost zero except the reap cost, exponential with the given mean', () => {
  const costs = workloadCosts('poisson', defaultCosts(), 40_000);
  for (const n of COST_NAMES) {
    if (n === 'uvmExit') continue;
    assert.deepEqual(costs[n], { dist: 'fixed', meanNs: 0 }, n);
  }
  assert.deepEqual(costs.uvmExit, { dist: 'exponential', meanNs: 40_000 });
  // without a reap cost: the caller's own uvm_exit spec (50 µs fixed by default, DESIGN.md)
  assert.deepEqual(workloadCosts('poisson', defaultCosts()).uvmExit, defaultCosts().uvmExit);
});

test('other workloads keep their costs; a reap cost only changes the mean of uvm_exit', () => {
  const base = defaultCosts();
  assert.equal(workloadCosts('kernel-build', base), base);
  const c = workloadCosts('fork-storm', base, 80_000);
  assert.deepEqual(c.uvmExit, { ...base.uvmExit, meanNs: 80_000 });
  assert.deepEqual(c.ccRun, base.ccRun);
  assert.equal(base.uvmExit.meanNs, 50_000); // the input is not changed
});
