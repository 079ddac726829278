import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRIMITIVES, SLEEP_PRIORITIES, type ObjectRef, type Primitive } from '../../../../../src/core/sim/derive/kernel-primitives';
import { objectName } from '../../../../../src/core/sim/model-objects';
import { COST_NAMES } from '../../../../../src/core/sim/costs';
import { treeAfter, treeBefore } from './exit-path-fixture';

/** The arguments of the first call `name(...)` in the fixture files (top-level commas only). */
function callArgs(files: { text: string }[], name: string): string[] {
  for (const f of files) {
    const at = f.text.search(new RegExp(`\\b${name}\\(`));
    if (at < 0) continue;
    const args: string[] = [];
    let depth = 0;
    let cur = '';
    for (const ch of f.text.slice(at + name.length + 1)) {
      if (ch === '(') depth++;
      if (ch === ')' && depth-- === 0) break;
      if (ch === ',' && depth === 0) {
        args.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    return [...args, cur.trim()];
  }
  throw new Error(`fixture: no call to ${name}`);
}

const named = (ref: ObjectRef, args: string[]): string | null => ('name' in ref ? ref.name : objectName(args[ref.arg] ?? ''));
const prim = <K extends Primitive['kind']>(name: string, kind: K): Extract<Primitive, { kind: K }> => {
  const p = PRIMITIVES[name];
  assert.equal(p?.kind, kind, name);
  return p as Extract<Primitive, { kind: K }>;
};

test('msleep_nsec(&deadproc, &deadproc_mutex, PVM, ...) in the fixture reaper: channel deadproc, lock deadproc_mutex, priority 4', () => {
  const args = callArgs(treeBefore(), 'msleep_nsec');
  const p = prim('msleep_nsec', 'sleep');
  assert.equal(objectName(args[p.chan]!), 'deadproc');
  assert.equal(objectName(args[p.lock!]!), 'deadproc_mutex');
  assert.equal(SLEEP_PRIORITIES[args[p.prio]!], 4);
});

test('tsleep_nsec(&spc->spc_deadproc, PVM, ...) after the seed patch: the per-CPU channel, no lock, priority 4', () => {
  const args = callArgs(treeAfter().filter((f) => f.path === 'sys/kern/kern_exit.c'), 'tsleep_nsec');
  const p = prim('tsleep_nsec', 'sleep');
  assert.equal(p.lock, null);
  assert.equal(objectName(args[p.chan]!), 'spc_deadproc');
  assert.equal(SLEEP_PRIORITIES[args[p.prio]!], 4);
});

test('list and lock calls of the fixture name the objects the built-in variants use', () => {
  const files = treeBefore();
  const insert = prim('LIST_INSERT_HEAD', 'insert');
  // kern_exit.c:131 LIST_INSERT_HEAD(&deadproc, p, p_hash) in exit2, the first in the tree order
  assert.equal(objectName(callArgs(files, 'LIST_INSERT_HEAD')[insert.head]!), 'deadproc');
  assert.equal(callArgs(files, 'LIST_INSERT_HEAD')[insert.elm], 'p');
  assert.equal(named(prim('mtx_enter', 'lock').object, callArgs(files, 'mtx_enter')), 'ps_mtx'); // kern_exit.c:72 &pr->ps_mtx
  assert.equal(objectName(callArgs(files, 'wakeup')[prim('wakeup', 'wakeup').chan]!), 'deadproc'); // kern_exit.c:134
  assert.equal(prim('wakeup', 'wakeup').all, true);
  assert.equal(prim('wakeup_one', 'wakeup').all, false);
  assert.equal(named(prim('KERNEL_LOCK', 'lock').object, []), 'kernel_lock');
  assert.equal(named(prim('SCHED_UNLOCK', 'unlock').object, []), 'sched_lock');
  // cpu_switchto(NULL, idle): the thread switched to is the second argument
  assert.equal(callArgs(files, 'cpu_switchto')[prim('cpu_switchto', 'switch').to!], 'idle');
  assert.equal(prim('mi_switch', 'switch').to, null);
});

test('removal: LIST_REMOVE takes the element, SIMPLEQ_REMOVE_HEAD the head, TAILQ_REMOVE both', () => {
  assert.deepEqual(PRIMITIVES['LIST_REMOVE'], { kind: 'remove', head: null, elm: 0 });
  assert.deepEqual(PRIMITIVES['SIMPLEQ_REMOVE_HEAD'], { kind: 'remove', head: 0, elm: null });
  assert.deepEqual(PRIMITIVES['TAILQ_REMOVE'], { kind: 'remove', head: 0, elm: 1 });
  assert.equal(PRIMITIVES['SIMPLEQ_REMOVE'], undefined);
  assert.deepEqual(PRIMITIVES['TAILQ_EMPTY'], { kind: 'empty', head: 0 });
});

test('named work has a cost of the cost table; the teardown calls of reaper() map to their costs', () => {
  for (const [name, p] of Object.entries(PRIMITIVES)) if (p.kind === 'work') assert.ok(COST_NAMES.includes(p.cost), name);
  assert.deepEqual(['uvm_uarea_free', 'uvm_exit', 'proc_free', 'tuagg_add_process', 'knote_processexit'].map((n) => prim(n, 'work').cost),
    ['uareaFree', 'uvmExit', 'procFree', 'tuagg', 'zombie']);
  assert.equal(prim('KASSERT', 'ignore').why, 'an assertion (no cost in the model)');
  assert.equal(PRIMITIVES['panic']!.kind, 'ends');
});

test('sleep priorities are OpenBSD sys/param.h: PSWP 0 < PVM 4 < ... < PWAIT 32 < PUSER 50', () => {
  assert.deepEqual(Object.values(SLEEP_PRIORITIES), [0, 4, 8, 16, 20, 22, 24, 32, 36, 40, 50]);
  assert.equal(SLEEP_PRIORITIES['PWAIT'], 32);
});
