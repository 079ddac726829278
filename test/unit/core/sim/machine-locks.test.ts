import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventKind } from '../../../../src/core/events/event-kind';
import { simulate } from '../../../../src/core/sim/simulate';

// machine-locks.ts: spin locks handed to their waiters, dead lists touched by their owners.

test('lock hand-off order: waiters get a contended lock in the order they started waiting (FIFO)', () => {
  const r = simulate({ variant: 'baseline', cpus: 8, workload: 'fork-storm', seed: 4, durationNs: 20e6 });
  const t = r.table;
  const waiting = new Map<number, number[]>();
  let handOffs = 0;
  for (let i = 0; i < t.length; i++) {
    const lock = t.arg0[i]!;
    if (t.kind[i] === EventKind.LockWait) {
      let q = waiting.get(lock);
      if (!q) waiting.set(lock, (q = []));
      q.push(t.tid[i]!);
    } else if (t.kind[i] === EventKind.LockAcquire) {
      const q = waiting.get(lock);
      const at = q ? q.indexOf(t.tid[i]!) : -1;
      if (at < 0) continue; // taken without waiting
      // a LIFO or random hand-off would give it to a later waiter first
      assert.equal(at, 0, `${t.strings.get(lock)} at ${t.ts[i]} ns went to waiter ${at + 1} of ${q!.length}`);
      q!.shift();
      handOffs++;
    }
  }
  assert.ok(handOffs > 100, `only ${handOffs} contended hand-offs`);
});

/** deadproc_mutex's acquisitions, releases and waits of a run, in time order. */
function deadprocMutex(input: Parameters<typeof simulate>[0]): { t: number; kind: EventKind; comm: string; tid: number }[] {
  const table = simulate(input).table;
  const id = table.strings.lookup('deadproc_mutex');
  const out: { t: number; kind: EventKind; comm: string; tid: number }[] = [];
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]! as EventKind;
    if (table.arg0[i] === id && (kind === EventKind.LockAcquire || kind === EventKind.LockRelease || kind === EventKind.LockWait)) {
      out.push({ t: table.ts[i]!, kind, comm: table.strings.get(table.comm[i]!), tid: table.tid[i]! });
    }
  }
  return out;
}

test('baseline kernel-build on 8 CPUs: the kernel lock spaces the takers of deadproc_mutex further apart than it is held, so nobody waits', () => {
  // Who takes deadproc_mutex (variants.ts baseline): exit2 in the idle thread of the exiting CPU,
  // once per exit; the reaper at the top of its loop and again when msleep returns.
  // exit1 holds the kernel lock 5000 ns (cost exit1) and the next exiting thread gets it after a
  // 70 ns hand-off (cacheLineSocket); from its kernel unlock to exit2's mtx_enter every exit runs
  // the same fixed-cost path, so two exit2 acquisitions are at least 5000 + 70 = 5070 ns apart.
  // The reaper woken by an exit2 that took the mutex at t, on a busy CPU, takes it at
  //   t + 100 (hold: 30 mutex + 70 transfer) + 30 (sched_lock) + 1000 (wakeup) + 1000 (IPI)
  //     + 100 (sched_lock, 30 + 70) + 500 (switch under sched_lock) + 1500 (rest of the switch) = t + 4230
  // and releases it at t + 4330; the next exit2 comes at t + 5070 at the earliest: 740 ns later.
  for (const seed of [1, 2, 3]) {
    const ev = deadprocMutex({ variant: 'baseline', cpus: 8, workload: 'kernel-build', seed, durationNs: 300e6 });
    assert.equal(ev.filter((e) => e.kind === EventKind.LockWait).length, 0, `seed ${seed}`);
    const exit2 = ev.filter((e) => e.kind === EventKind.LockAcquire && e.comm.startsWith('idle')).map((e) => e.t);
    assert.equal(Math.min(...exit2.slice(1).map((t, i) => t - exit2[i]!)), 5070, `seed ${seed}: closest exit2s`);
    let closest = Infinity;
    for (let i = 1; i < ev.length; i++) if (ev[i]!.kind === EventKind.LockAcquire && ev[i - 1]!.kind === EventKind.LockRelease) closest = Math.min(closest, ev[i]!.t - ev[i - 1]!.t);
    assert.equal(closest, 740, `seed ${seed}: closest release → next acquisition`);
  }
});

test('deadproc_mutex is contended when its takers do meet: thread-churn, whose threads are freed without the kernel lock', () => {
  // thread-churn's threads are freed by proc_free outside the kernel lock, so the reaper's
  // takes are no longer spaced by it. A wait starts while another thread holds the mutex and
  // ends when the holder releases it plus the 70 ns hand-off within a socket (cacheLineSocket).
  const ev = deadprocMutex({ variant: 'baseline', cpus: 8, workload: 'thread-churn', seed: 1, durationNs: 50e6 });
  let holder: { tid: number } | null = null;
  let waiting: { tid: number; t: number } | null = null;
  let waits = 0;
  for (const e of ev) {
    if (e.kind === EventKind.LockWait) {
      assert.ok(holder && holder.tid !== e.tid, `wait at ${e.t} ns with the mutex free`);
      waiting = { tid: e.tid, t: e.t };
      waits++;
    } else if (e.kind === EventKind.LockRelease) {
      holder = null;
      if (waiting) {
        const next = ev.find((x) => x.t >= e.t && x.kind === EventKind.LockAcquire);
        assert.deepEqual([next?.tid, next && next.t - e.t], [waiting.tid, 70], `hand-off after ${e.t} ns`);
        waiting = null;
      }
    } else {
      holder = { tid: e.tid };
    }
  }
  assert.ok(waits > 0, 'no contention at all');
});
