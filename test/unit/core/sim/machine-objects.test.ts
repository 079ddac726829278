import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MachineObjects } from '../../../../src/core/sim/machine-objects';
import { Process, Thread } from '../../../../src/core/sim/machine-state';

/** An intern table that hands out 0, 1, 2, ... and counts its calls. */
function interner(): { intern: (s: string) => number; names: string[] } {
  const names: string[] = [];
  return { names, intern: (s) => names.push(s) - 1 };
}

const program = { name: 'p', steps: [] };
const thread = (index: number, process: Process, spawner: Thread | null = null): Thread =>
  new Thread(index, 100 + index, process, 0, program, 50, true, false, spawner, null, null, null);

test('the built-in names are interned first, in a fixed order, each once', () => {
  const t = interner();
  const o = new MachineObjects(t.intern, 4);
  assert.deepEqual(t.names, ['kernel_lock', 'sched_lock', 'deadproc_mutex', 'ps_mtx', 'deadproc', 'spc_deadproc', 'wait']);
  assert.equal(o.nameId('spc_deadproc'), 5);
  assert.equal(o.nameId('new_mutex'), 7);
  assert.equal(o.nameId('new_mutex'), 7);
  assert.equal(t.names.length, 8);
  assert.equal(o.kernelLock.ticket, true);
  assert.equal(o.schedLock.ticket, false);
});

test('locks by scope: one kernel lock, one per process, one per CPU (a reaper\'s home CPU), one per global name', () => {
  const o = new MachineObjects(interner().intern, 4);
  const pa = new Process(1);
  const pb = new Process(2);
  const a1 = thread(0, pa);
  const a2 = thread(1, pa);
  const b = thread(2, pb);
  assert.equal(o.lock('kernel_lock', a1, 0), o.kernelLock);
  assert.equal(pa.psMtx, null);
  assert.equal(o.lock('ps_mtx', a1, 0), o.lock('ps_mtx', a2, 3));
  assert.notEqual(o.lock('ps_mtx', a1, 0), o.lock('ps_mtx', b, 0));
  assert.equal(o.lock('ps_mtx', a1, 0).nameId, 3); // ps_mtx is the fourth name interned
  // a thread handling a dead one takes the dead thread's process lock
  const reaper = thread(3, new Process(3));
  reaper.subject = b;
  assert.equal(o.lock('ps_mtx', reaper, 1), pb.psMtx);
  // per CPU: the CPU it runs on, or its home
  assert.notEqual(o.lock('spc_mtx', a1, 1), o.lock('spc_mtx', a1, 2));
  reaper.home = 2;
  assert.equal(o.lock('spc_mtx', reaper, 0), o.lock('spc_mtx', a1, 2));
  assert.equal(o.lock('deadproc_mutex', a1, 0), o.lock('deadproc_mutex', b, 3));
});

test('lists: per-CPU lists belong to the owner CPU, global ones to none (-1); LIFO arrays created on first use', () => {
  const o = new MachineObjects(interner().intern, 2);
  const t = thread(0, new Process(1));
  assert.equal(o.listOwner('spc_deadproc', t, 1), 1);
  assert.equal(o.listOwner('deadproc', t, 1), -1);
  t.home = 0;
  assert.equal(o.listOwner('spc_deadproc', t, 1), 0);
  o.list('spc_deadproc', 1).unshift(t);
  assert.deepEqual(o.list('spc_deadproc', 0), []);
  assert.deepEqual(o.list('spc_deadproc', 1), [t]);
  assert.equal(o.list('deadproc', -1), o.list('deadproc', -1));
});

test('touchGlobal says when another CPU changed a global list last', () => {
  const o = new MachineObjects(interner().intern, 4);
  assert.equal(o.touchGlobal('deadproc', 0), false);
  assert.equal(o.touchGlobal('deadproc', 0), false);
  assert.equal(o.touchGlobal('deadproc', 2), true);
  assert.equal(o.touchGlobal('other', 2), false);
});

test('channel keys: global by name, per CPU by name and CPU, the parent channel by the sleeper/the subject\'s spawner', () => {
  const o = new MachineObjects(interner().intern, 4);
  const parent = thread(3, new Process(1));
  const child = thread(7, new Process(2), parent);
  // deadproc has id 4: 4 · 1024 = 4096; spc_deadproc id 5 on CPU 2: 5 · 1024 + 1 + 2 = 5123
  assert.equal(o.chanKey('deadproc', child, 1, false), 4096);
  assert.equal(o.chanKey('spc_deadproc', child, 2, true), 5123);
  // a reaper of CPU 0 (home 0) running on CPU 2 sleeps on CPU 0's channel: 5 · 1024 + 1 + 0
  const pegged = thread(8, new Process(4));
  pegged.home = 0;
  assert.equal(o.chanKey('spc_deadproc', pegged, 2, true), 5121);
  // the parent sleeps on -1 - 3 = -4; a reaper waking for the child (its subject) computes the same key
  assert.equal(o.chanKey('wait', parent, 0, true), -4);
  const reaper = thread(9, new Process(3));
  reaper.subject = child;
  assert.equal(o.chanKey('wait', reaper, 1, false), -4);
  // a boot thread has no spawner: a key no sleeper has
  reaper.subject = parent;
  assert.equal(o.chanKey('wait', reaper, 1, false), Number.MIN_SAFE_INTEGER);
});
