import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type SimulationInput } from '../../../../src/core/sim/simulate';
import { tableHash } from '../../../../src/core/events/table-hash';
import { VARIANT_NAMES } from '../../../../src/core/sim/variants';
import { WORKLOAD_NAMES } from '../../../../src/core/sim/workload';
import { computeMetrics } from '../../../../src/core/analysis/run-metrics';
import { findReapers } from '../../../../src/core/analysis/reaper-activity';
import { EventKind } from '../../../../src/core/events/event-kind';

const base = (over: Partial<SimulationInput>): SimulationInput => ({
  variant: 'baseline', cpus: 4, workload: 'fork-storm', seed: 1, durationNs: 20e6, ...over,
});

test('every variant × workload on 1, 3 and 8 CPUs keeps the invariants and reaps', () => {
  for (const variant of VARIANT_NAMES) {
    for (const workload of WORKLOAD_NAMES) {
      for (const cpus of [1, 3, 8]) {
        const r = simulate(base({ variant, workload, cpus, exitRatePerSec: 20_000, reapCostNs: 20_000 }));
        assert.ok(r.invariants.ok, `${variant}/${workload}/${cpus}: ${r.invariants.violations.join('; ')}`);
        assert.ok(r.invariants.reaps > 0, `${variant}/${workload}/${cpus} reaps`);
        const ts = r.table.ts;
        for (let i = 1; i < r.table.length; i++) assert.ok(ts[i]! >= ts[i - 1]!, 'time order');
      }
    }
  }
});

test('same input, same events byte for byte; another seed, other events', () => {
  const a = simulate(base({ variant: 'patched', workload: 'kernel-build', cpus: 8, durationNs: 50e6 }));
  const b = simulate(base({ variant: 'patched', workload: 'kernel-build', cpus: 8, durationNs: 50e6 }));
  const c = simulate(base({ variant: 'patched', workload: 'kernel-build', cpus: 8, durationNs: 50e6, seed: 2 }));
  assert.equal(tableHash(a.table), tableHash(b.table));
  assert.notEqual(tableHash(a.table), tableHash(c.table));
});

test('common random numbers: the k-th child of a spawner runs equally long in every variant', () => {
  const firstChildRun = (variant: 'baseline' | 'lockless'): number => {
    const r = simulate(base({ variant, workload: 'kernel-build', cpus: 2, durationNs: 30e6 }));
    const t = r.table;
    const cc = t.strings.lookup('cc');
    // the first cc thread: its first on-cpu to its Exit, minus exit1 (5 µs fixed) and lock costs, is its ccRun
    let tid = -1;
    let on = 0;
    for (let i = 0; i < t.length; i++) {
      if (t.comm[i] === cc && t.kind[i] === EventKind.OnCpu && tid < 0) {
        tid = t.tid[i]!;
        on = t.ts[i]!;
      }
      if (t.tid[i] === tid && t.kind[i] === EventKind.Exit) return t.ts[i]! - on;
    }
    return NaN;
  };
  assert.equal(firstChildRun('baseline'), firstChildRun('lockless'));
});

test('baseline: idle hops, cross-CPU wakeups of the one reaper, deadproc_mutex in use', () => {
  const r = simulate(base({ workload: 'fork-storm', cpus: 8 }));
  const m = computeMetrics(r.table, { spanNs: 20e6, cpus: 8 });
  assert.ok(m.idleHops > 0 && m.idleHops <= m.exits);
  assert.ok(m.crossCpuWakeups > 0);
  assert.ok(r.table.strings.lookup('deadproc_mutex') >= 0);
  assert.ok(r.invariants.globalListCrossCpuTouches > 0);
  const reapers = findReapers(r.table);
  assert.deepEqual(reapers.map((x) => x.comm), ['reaper']);
  assert.equal(reapers[0]!.reaps, r.invariants.reaps);
});

test('patched: no idle hop, no deadproc_mutex, each reaperN reaps on CPU N only', () => {
  const r = simulate(base({ variant: 'patched', workload: 'fork-storm', cpus: 8 }));
  const m = computeMetrics(r.table, { spanNs: 20e6, cpus: 8 });
  assert.equal(m.idleHops, 0);
  assert.equal(m.lockWaitNs['deadproc_mutex'], 0);
  assert.equal(r.table.strings.lookup('deadproc_mutex') >= 0 && hasLockEvent(r.table, 'deadproc_mutex'), false);
  const reapers = findReapers(r.table);
  assert.equal(reapers.length, 8);
  for (const x of reapers) assert.equal(x.comm, `reaper${x.cpu}`);
  const t = r.table;
  for (let i = 0; i < t.length; i++) {
    if (t.kind[i] === EventKind.Reap) assert.equal(t.strings.get(t.comm[i]!), `reaper${t.cpu[i]}`);
  }
  assert.equal(r.invariants.globalListCrossCpuTouches, 0);
});

test('thread exits (proc_free path): patched reapers take the kernel lock around their sleep, lockless ones never', () => {
  const kernelLockByReaper = (variant: 'patched' | 'lockless'): number => {
    const t = simulate(base({ variant, workload: 'thread-churn', cpus: 4 })).table;
    const kl = t.strings.lookup('kernel_lock');
    let n = 0;
    for (let i = 0; i < t.length; i++) {
      if (t.kind[i] === EventKind.LockAcquire && t.arg0[i] === kl && t.strings.get(t.comm[i]!).startsWith('reaper')) n++;
    }
    return n;
  };
  assert.ok(kernelLockByReaper('patched') > 0);
  assert.equal(kernelLockByReaper('lockless'), 0);
});

function hasLockEvent(t: ReturnType<typeof simulate>['table'], name: string): boolean {
  const id = t.strings.lookup(name);
  for (let i = 0; i < t.length; i++) if (t.kind[i] === EventKind.LockAcquire && t.arg0[i] === id) return true;
  return false;
}
