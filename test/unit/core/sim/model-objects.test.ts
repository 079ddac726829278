import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectName, objectScope, PARENT_CHANNEL } from '../../../../src/core/sim/model-objects';

test('objects as the exit path writes them (kern_exit.c, kern_sched.c of the fixture)', () => {
  assert.equal(objectName('&deadproc_mutex'), 'deadproc_mutex');
  assert.equal(objectName('&deadproc'), 'deadproc');
  assert.equal(objectName('&spc->spc_deadproc'), 'spc_deadproc');
  assert.equal(objectName('&ci->ci_schedstate.spc_deadproc'), 'spc_deadproc');
  assert.equal(objectName('&curcpu()->ci_schedstate.spc_deadproc'), 'spc_deadproc');
  assert.equal(objectName('&p->p_p->ps_mtx'), 'ps_mtx');
  assert.equal(objectName('&pr->ps_mtx'), 'ps_mtx');
  assert.equal(objectName('pr->ps_pptr'), PARENT_CHANNEL);
  assert.equal(objectName('p->p_pptr'), 'wait');
});

test('spacing, parentheses and new names of a patch', () => {
  assert.equal(objectName(' & spc -> spc_deadproc '), 'spc_deadproc');
  assert.equal(objectName('(&deadproc)'), 'deadproc');
  // a new per-CPU field without the spc_ prefix gets it; ci_ fields keep theirs
  assert.equal(objectName('&spc->deadproc_mtx'), 'spc_deadproc_mtx');
  assert.equal(objectName('&ci->ci_reaper_mtx'), 'ci_reaper_mtx');
  // another struct's member: its last field
  assert.equal(objectName('&reaper_state.lock'), 'lock');
  assert.equal(objectName(''), null);
  assert.equal(objectName('&'), null);
  assert.equal(objectName('NULL'), 'NULL');
});

test('scopes by name', () => {
  assert.equal(objectScope('wait'), 'parent');
  assert.equal(objectScope('ps_mtx'), 'process');
  assert.equal(objectScope('spc_deadproc'), 'cpu');
  assert.equal(objectScope('ci_reaper_mtx'), 'cpu');
  assert.equal(objectScope('deadproc'), 'global');
  assert.equal(objectScope('kernel_lock'), 'global');
  // a name merely containing the prefix is global
  assert.equal(objectScope('my_spc_lock'), 'global');
});
