import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexCFunctions } from '../../../../../src/core/sim/derive/c-functions-index';
import { FunctionTranslator, type ProgramKind, type Value } from '../../../../../src/core/sim/derive/function-translator';
import { programSteps } from '../../../../../src/core/sim/derive/model-steps';
import { assemble } from '../../../../../src/core/sim/program';
import { cParser } from './exit-path-fixture';

interface Options {
  program?: ProgramKind;
  /** What `p`, the function's parameter, holds (default: the dead thread being handled). */
  p?: Value;
  /** Other functions of the file. */
  extra?: string;
  /** Locks held on entry, and how. */
  held?: [string, 'held' | 'implicit'][];
}

/**
 * Translates `body` as the loop body of `f(struct proc *p) { for (;;) { BODY } }` (a thread's
 * function loops forever, which gives every path a step to continue at): its steps as
 * `op object [→target]` without the loop's final `jump →0`, and the translator.
 */
async function translate(body: string, o: Options = {}): Promise<{ steps: string[]; t: FunctionTranslator }> {
  const text = `${o.extra ?? ''}\nvoid\nf(struct proc *p)\n{\nfor (;;) {\n${body}\n}\n}\n`;
  const idx = indexCFunctions(await cParser(), [{ path: 'sys/kern/k.c', text }]);
  const t = new FunctionTranslator(idx, o.program ?? 'idle', 'old', 't');
  for (const [lock, how] of o.held ?? []) t.held.set(lock, how);
  t.enter(idx.functions.get('f')!, [o.p ?? 'subject'], () => undefined);
  const steps = programSteps('reaper', assemble('t', t.finish()).steps).map((s) =>
    [s.op, s.object, s.self ? '(self)' : '', s.ofSubject ? '(subject)' : '', s.prio !== undefined ? `prio ${s.prio}` : '', s.target !== undefined ? `→${s.target}` : '']
      .filter((x) => x).join(' '));
  idx.dispose();
  if (steps[steps.length - 1] === 'jump →0') steps.pop();
  return { steps, t };
}

test('mutexes by expression: a per-CPU one and a global one, enter and leave', async () => {
  const { steps } = await translate('mtx_enter(&spc->spc_reaper_mtx);\nmtx_leave(&spc->spc_reaper_mtx);\nmtx_enter(&deadproc_mutex);\nmtx_leave(&deadproc_mutex);');
  assert.deepEqual(steps, ['lock spc_reaper_mtx', 'unlock spc_reaper_mtx', 'lock deadproc_mutex', 'unlock deadproc_mutex']);
});

test('msleep_nsec and rwsleep_nsec release their lock around the sleep; tsleep_nsec takes only sched_lock', async () => {
  const { steps } = await translate('mtx_enter(&m);\nmsleep_nsec(&chan, &m, PVM, "w", INFSLP);\nmtx_leave(&m);\ntsleep_nsec(&other, PWAIT, "w", INFSLP);\nrw_enter_write(&rwl);\nrwsleep_nsec(&c3, &rwl, PSOCK | PCATCH, "w", INFSLP);\nrw_exit_write(&rwl);');
  assert.deepEqual(steps, [
    'lock m', 'lock sched_lock', 'unlock m', 'sleep chan prio 4', 'lock m', 'unlock m',
    'lock sched_lock', 'sleep other prio 32',
    'lock rwl', 'lock sched_lock', 'unlock rwl', 'sleep c3 prio 24', 'lock rwl', 'unlock rwl',
  ]);
});

test('an unknown sleep priority is an assumption (PWAIT)', async () => {
  const { steps, t } = await translate('tsleep_nsec(&c, prio, "w", INFSLP);');
  assert.deepEqual(steps, ['lock sched_lock', 'sleep c prio 32']);
  assert.match(t.assumptions[0]!.what, /sleep priority "prio" unknown: PWAIT assumed/);
});

test('the kernel lock: KERNEL_LOCK/UNLOCK, __mp_release_all only when held, a lock the thread starts without is no step', async () => {
  const held = await translate('KERNEL_UNLOCK();\nKERNEL_LOCK();\nif (_kernel_lock_held())\n\t__mp_release_all(&kernel_lock);\nif (_kernel_lock_held())\n\t__mp_release_all(&kernel_lock);', { held: [['kernel_lock', 'implicit']] });
  assert.deepEqual(held.steps, ['lock kernel_lock', 'unlock kernel_lock']);
  assert.match(held.t.quiet[0]!.why, /not held in the model here/);
});

test('SCHED_LOCK + mi_switch: the switch releases sched_lock, so the SCHED_UNLOCK after it is no step', async () => {
  const { steps, t } = await translate('SCHED_LOCK();\nmi_switch();\nSCHED_UNLOCK();\nSCHED_LOCK();\ncpu_switchto(NULL, spc->spc_idleproc);', { program: 'idle' });
  assert.deepEqual(steps, ['lock sched_lock', 'switch-next', 'lock sched_lock', 'switch-idle']);
  assert.equal(t.quiet.filter((q) => q.text === 'SCHED_UNLOCK();').length, 1);
});

test('in the exit path the switch ends the path: nothing after it runs', async () => {
  const { steps, t } = await translate('SCHED_LOCK();\ncpu_switchto(NULL, sched_chooseproc());\nuvm_exit(p->p_p);', { program: 'exit', p: 'self' });
  assert.deepEqual(steps, ['lock sched_lock', 'switch-next']);
  assert.equal(t.stopped, true);
});

test('list primitives: LIST, TAILQ and SIMPLEQ inserts; the dying thread inserts itself', async () => {
  const { steps } = await translate('LIST_INSERT_HEAD(&spc->spc_deadproc, p, p_hash);\nTAILQ_INSERT_TAIL(&reapq, p, p_runq);\nSIMPLEQ_INSERT_TAIL(&ci->ci_dead, p, p_simple);', { program: 'exit', p: 'self' });
  assert.deepEqual(steps, ['insert spc_deadproc (self)', 'insert reapq (self)', 'insert ci_dead (self)']);
});

test('while ((q = TAILQ_FIRST(&l)) != NULL) drains a list: the removed thread is the subject of the work after it', async () => {
  const { steps } = await translate('struct proc *q;\nwhile ((q = TAILQ_FIRST(&l)) != NULL) {\n\tTAILQ_REMOVE(&l, q, p_runq);\n\tproc_free(q);\n}\nwakeup(&l);', { p: 'unknown' });
  assert.deepEqual(steps, ['if-empty l →4', 'remove l', 'work procFree (subject)', 'jump →0', 'lock sched_lock', 'work wakeup', 'wakeup-all l', 'unlock sched_lock']);
});

test('LIST_REMOVE knows the list from LIST_FIRST; SIMPLEQ_REMOVE_HEAD names it', async () => {
  const { steps } = await translate('struct proc *q = LIST_FIRST(&dl);\nLIST_REMOVE(q, p_hash);\nSIMPLEQ_REMOVE_HEAD(&sq, p_simple);', { p: 'unknown' });
  assert.deepEqual(steps, ['remove dl', 'remove sq']);
});

test('if on list emptiness, with an else', async () => {
  const { steps } = await translate('if (LIST_EMPTY(&a))\n\twakeup_one(&a);\nelse\n\twakeup_n(&b, 2);\nproc_free(p);');
  assert.deepEqual(steps, [
    'if-not-empty a →6', 'lock sched_lock', 'work wakeup', 'wakeup-one a', 'unlock sched_lock', 'jump →10',
    'lock sched_lock', 'work wakeup', 'wakeup-all b', 'unlock sched_lock', 'work procFree (subject)',
  ]);
});

test('if (P_THREAD): each outcome carries the rest of the path', async () => {
  const { steps } = await translate('if (p->p_flag & P_THREAD)\n\tproc_free(p);\nelse\n\tuvm_exit(p->p_p);\nknote_processexit(p->p_p);');
  // the else part first, then the rest; then the P_THREAD part and the rest again
  assert.deepEqual(steps, ['if-thread →4', 'work uvmExit (subject)', 'work zombie (subject)', 'jump →0', 'work procFree (subject)', 'work zombie (subject)']);
});

test('peg, named work, zombie, and an unknown call listed as an assumption', async () => {
  const { steps, t } = await translate('sched_peg_curproc(ci);\nuvm_uarea_free(p);\ntuagg_add_process(p->p_p, p);\nprsignal(p->p_p->ps_pptr, SIGCHLD);\nwakeup(p->p_p->ps_pptr);\nfrobnicate(p);');
  assert.deepEqual(steps, ['peg', 'work uareaFree (subject)', 'work tuagg (subject)', 'zombie', 'lock sched_lock', 'work wakeup', 'wakeup-all wait', 'unlock sched_lock', 'work unknownCall (subject)']);
  assert.match(t.assumptions[0]!.what, /frobnicate\(\) is not in the table/);
});

test('calls to functions of the tree are inlined with their arguments; a return in a branch jumps to the end', async () => {
  const extra = 'void\nhelper(struct proc *x)\n{\n\tif (LIST_EMPTY(&l))\n\t\treturn;\n\tuvm_exit(x->p_p);\n}\n';
  const { steps, t } = await translate('helper(p);\nproc_free(p);', { extra });
  assert.deepEqual(steps, ['if-not-empty l →2', 'jump →3', 'work uvmExit (subject)', 'work procFree (subject)']);
  assert.deepEqual([...t.visited.keys()], ['f', 'helper']);
});

test('#ifdef MULTIPROCESSOR is taken, #ifndef MULTIPROCESSOR is not; another #ifdef is an assumption', async () => {
  const { steps, t } = await translate('#ifdef MULTIPROCESSOR\n\tmtx_enter(&a);\n#endif\n#ifndef MULTIPROCESSOR\n\tmtx_enter(&b);\n#endif\n#ifdef DIAGNOSTIC\n\tmtx_enter(&c);\n#endif');
  assert.deepEqual(steps, ['lock a', 'lock c']);
  assert.match(t.assumptions[0]!.what, /#ifdef DIAGNOSTIC/);
});

test('what the model cannot follow is listed with its line and why, never dropped', async () => {
  const { t } = await translate('int i;\nfor (i = 0; i < 4; i++)\n\tmtx_enter(&a);\ndo {\n\tmtx_enter(&b);\n} while (0);\nif (p->p_foo == 3)\n\tmtx_enter(&c);\nelse\n\tmtx_enter(&d);');
  const lines = t.notUnderstood.map((n) => [n.line, n.why]);
  // f( is on line 3 of the snippet file (after the blank first line and `void`), the loop's body from line 6:
  // the for on 7, the do on 9, the else branch's statement on 15
  assert.deepEqual(lines.map(([l]) => l), [7, 9, 15]);
  assert.match(String(lines[0]![1]), /counting for loop/);
  assert.match(String(lines[1]![1]), /do statement/);
  assert.match(String(lines[2]![1]), /other branch .* left out/);
  assert.match(t.assumptions[0]!.what, /always takes this branch/);
  // visited: the for (;;) around, the declaration, the counting for, the do, the if and the statement of each branch
  assert.equal(t.statements, 7);
});

test('kernel macros that leave ERROR nodes are reported, and the rest is still read', async () => {
  const { steps, t } = await translate('mtx_enter(&a);\nLIST_FOREACH(q, &l, p_hash) @@ {\n}\nmtx_leave(&a);');
  assert.equal(steps[0], 'lock a');
  assert.equal(steps[steps.length - 1], 'unlock a');
  assert.ok(t.notUnderstood.length >= 1);
});
