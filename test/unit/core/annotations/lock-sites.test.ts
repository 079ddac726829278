import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSites, siteAt, siteHeading } from '../../../../src/core/annotations/lock-sites';

test('sites name the lock, channel or probe they are about', () => {
  assert.deepEqual(findSites('\tmtx_enter(&p->p_p->ps_mtx);').map((s) => [s.kind, s.subject]), [['mutex', 'ps_mtx']]);
  assert.deepEqual(findSites('\t\tmtx_enter(&deadproc_mutex);').map((s) => s.subject), ['deadproc_mutex']);
  assert.deepEqual(findSites('\tKERNEL_UNLOCK();').map((s) => [s.kind, s.subject]), [['kernel-lock', 'kernel_lock']]);
  assert.deepEqual(findSites('\tSCHED_LOCK();').map((s) => s.subject), ['sched_lock']);
  assert.deepEqual(findSites('\twakeup_one(&spc->spc_deadproc);').map((s) => [s.kind, s.word, s.subject]), [['wakeup', 'wakeup_one', 'spc_deadproc']]);
  assert.deepEqual(findSites('\t\tTRACEPOINT(sched, off__cpu, idle->p_tid + THREAD_PID_OFFSET,').map((s) => s.subject), ['sched:off__cpu']);
  assert.deepEqual(findSites('\t\t\ttsleep_nsec(&spc->spc_deadproc, PVM, "reaper", INFSLP);').map((s) => [s.kind, s.subject]), [['sleep', 'spc_deadproc']]);
  assert.deepEqual(findSites('\tmy_wakeup_thing(x); mtx_enters(y);'), []);
  const line = '\tmtx_enter(&deadproc_mutex);';
  assert.equal(siteAt(line, line.indexOf('enter'))?.word, 'mtx_enter');
  assert.equal(siteAt(line, line.indexOf('deadproc')), null);
  assert.equal(siteHeading(siteAt(line, 2)!), '**mtx_enter** — mutex `deadproc_mutex`');
});
