import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectName, objectScope, PARENT_CHANNEL, type ObjectScope } from '../../../../src/core/sim/model-objects';

/** Each expression with the name objectName must give. */
const check = (cases: [string, string | null][]): void => {
  for (const [expression, name] of cases) assert.equal(objectName(expression), name, expression);
};

test('objects as the exit path writes them (kern_exit.c, kern_sched.c of the fixture)', () => {
  check([
    ['&deadproc_mutex', 'deadproc_mutex'], ['&deadproc', 'deadproc'],
    ['&spc->spc_deadproc', 'spc_deadproc'], ['&ci->ci_schedstate.spc_deadproc', 'spc_deadproc'], ['&curcpu()->ci_schedstate.spc_deadproc', 'spc_deadproc'],
    ['&p->p_p->ps_mtx', 'ps_mtx'], ['&pr->ps_mtx', 'ps_mtx'],
    ['pr->ps_pptr', PARENT_CHANNEL], ['p->p_pptr', 'wait'],
  ]);
});

test('spacing, parentheses and new names of a patch', () => {
  check([
    [' & spc -> spc_deadproc ', 'spc_deadproc'], ['(&deadproc)', 'deadproc'],
    // a new per-CPU field without the spc_ prefix gets it; ci_ fields keep theirs
    ['&spc->deadproc_mtx', 'spc_deadproc_mtx'], ['&ci->ci_reaper_mtx', 'ci_reaper_mtx'],
    // another struct's member: its last field
    ['&reaper_state.lock', 'lock'],
    ['', null], ['&', null], ['NULL', 'NULL'],
  ]);
});

test('scopes by name', () => {
  const cases: [string, ObjectScope][] = [
    ['wait', 'parent'], ['ps_mtx', 'process'], ['spc_deadproc', 'cpu'], ['ci_reaper_mtx', 'cpu'], ['deadproc', 'global'], ['kernel_lock', 'global'],
    // a name merely containing the prefix is global
    ['my_spc_lock', 'global'],
  ];
  for (const [name, scope] of cases) assert.equal(objectScope(name), scope, name);
});
