/**
 * The three exit-path variants as step programs (DESIGN.md "The exit path"):
 * - `baseline`: OpenBSD before the patch — idle hop, exit2, global deadproc_mutex, one reaper;
 * - `patched`: the patch as posted — per-CPU pegged reaper, wakeup_one, sched_toproc, the
 *   kernel lock around the reaper's sleep;
 * - `lockless`: the reviewer's suggestion — the same without the kernel lock there.
 * Statements quote sys/kern/kern_exit.c and kern_sched.c (pre-image for baseline, post-image
 * of the seed patch for patched; lockless is the post-image minus the two kernel-lock lines).
 */
import { assemble, Op, operands, PRIO, wakeupDrafts, type Draft, type Program, type SourceRef, type Step, type StepOperands } from './program';

/** The variants the simulator models, in the order every list shows them. */
export const VARIANT_NAMES = ['baseline', 'patched', 'lockless'] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];

export interface Variant {
  name: VariantName;
  /** Which side of the patch the source references quote. */
  side: 'old' | 'new';
  /** One global reaper, or one pegged reaper per CPU. */
  reapers: 'one' | 'per-cpu';
  /** Appended to a thread's own program: from exit1 to its last switch. */
  exitPath: Draft[];
  idle: Program;
  reaper: Program;
  /** What the variant changes, one line each, for reports. */
  summary: string[];
}

const EXIT = 'sys/kern/kern_exit.c';
const SCHED = 'sys/kern/kern_sched.c';
const at = (file: string, func: string, text: string): SourceRef => ({ file, func, text });

/** exit1 under the kernel lock (taken on syscall entry), then the Exit event in cpu_exit. */
function exit1Drafts(): Draft[] {
  return [
    { op: Op.Lock, lock: 'kernel_lock', src: at('sys/sys/syscall_mi.h', 'mi_syscall', 'KERNEL_LOCK();') },
    { op: Op.Work, cost: 'exit1', src: at(EXIT, 'exit1', 'exit1(struct proc *p, int xexit, int xsig, int flags)') },
    { op: Op.ExitMark, src: at(EXIT, 'exit1', 'cpu_exit(p);') },
    { op: Op.Insert, list: 'spc_deadproc', self: true, src: at(SCHED, 'sched_exit', 'LIST_INSERT_HEAD(&spc->spc_deadproc, p, p_hash);') },
  ];
}

/** The reaper's teardown of its subject, shared by all variants (kern_exit.c reaper()). */
function teardownDrafts(loop: string): Draft[] {
  const r = (text: string): SourceRef => at(EXIT, 'reaper', text);
  return [
    { op: Op.Work, cost: 'uareaFree', ofSubject: true, src: r('uvm_uarea_free(p);') },
    { op: Op.JumpIfThread, to_label: 'thread', src: r('if (p->p_flag & P_THREAD) {') },
    { op: Op.Work, cost: 'uvmExit', ofSubject: true, src: r('uvm_exit(pr);') },
    { op: Op.Lock, lock: 'kernel_lock', src: r('KERNEL_LOCK();') },
    { op: Op.Work, cost: 'zombie', ofSubject: true, src: r('knote_processexit(pr);') },
    { op: Op.Zombie, src: r('prsignal(pr->ps_pptr, SIGCHLD);') },
    ...wakeupDrafts('wait', true, r('wakeup(pr->ps_pptr);')),
    { op: Op.Unlock, lock: 'kernel_lock', src: r('KERNEL_UNLOCK();') },
    { op: Op.ReapMark, src: r('KERNEL_UNLOCK();') },
    { op: Op.Jump, to_label: loop, src: r('for (;;) {') },
    { op: Op.Work, cost: 'procFree', ofSubject: true, src: r('proc_free(p);'), label: 'thread' },
    { op: Op.ReapMark, src: r('proc_free(p);') },
    { op: Op.Jump, to_label: loop, src: r('for (;;) {') },
  ];
}

/** The idle thread's wait for work: halt, then switch to the next runnable thread. */
function idleWaitDrafts(top: string): Draft[] {
  const i = (text: string): SourceRef => at(SCHED, 'sched_idle', text);
  return [
    { op: Op.IdleWait, src: i('cpu_idle_cycle();'), label: 'wait' },
    { op: Op.Lock, lock: 'sched_lock', src: i('SCHED_LOCK();') },
    { op: Op.Switch, to: 'next', src: i('mi_switch();') },
    { op: Op.Jump, to_label: top, src: i('while (!cpu_is_idle(curcpu())) {') },
  ];
}

function baseline(): Variant {
  const x2 = (text: string): SourceRef => at(EXIT, 'exit2', text);
  const idleSrc = (text: string): SourceRef => at(SCHED, 'sched_idle', text);
  const r = (text: string): SourceRef => at(EXIT, 'reaper', text);
  const msleep = r('msleep_nsec(&deadproc, &deadproc_mutex, PVM, "reaper",');
  const toidle = (text: string): SourceRef => at(SCHED, 'sched_toidle', text);
  return {
    name: 'baseline',
    side: 'old',
    reapers: 'one',
    exitPath: [
      ...exit1Drafts(),
      { op: Op.Unlock, lock: 'kernel_lock', src: toidle('__mp_release_all(&kernel_lock);') },
      { op: Op.Lock, lock: 'sched_lock', src: toidle('SCHED_LOCK();') },
      { op: Op.Switch, to: 'idle', src: toidle('cpu_switchto(NULL, idle);') },
    ],
    idle: assemble('baseline idle', [
      { op: Op.JumpIfEmpty, list: 'spc_deadproc', to_label: 'wait', src: idleSrc('while ((dead = LIST_FIRST(&spc->spc_deadproc))) {'), label: 'top' },
      { op: Op.Remove, list: 'spc_deadproc', src: idleSrc('LIST_REMOVE(dead, p_hash);') },
      { op: Op.Lock, lock: 'ps_mtx', src: x2('mtx_enter(&p->p_p->ps_mtx);') },
      { op: Op.Work, cost: 'tuagg', ofSubject: true, src: x2('tuagg_add_process(p->p_p, p);') },
      { op: Op.Unlock, lock: 'ps_mtx', src: x2('mtx_leave(&p->p_p->ps_mtx);') },
      { op: Op.Lock, lock: 'deadproc_mutex', src: x2('mtx_enter(&deadproc_mutex);') },
      { op: Op.Insert, list: 'deadproc', src: x2('LIST_INSERT_HEAD(&deadproc, p, p_hash);') },
      { op: Op.Unlock, lock: 'deadproc_mutex', src: x2('mtx_leave(&deadproc_mutex);') },
      ...wakeupDrafts('deadproc', true, x2('wakeup(&deadproc);')),
      { op: Op.Jump, to_label: 'top', src: idleSrc('while ((dead = LIST_FIRST(&spc->spc_deadproc))) {') },
      ...idleWaitDrafts('top'),
    ]),
    reaper: assemble('baseline reaper', [
      { op: Op.Lock, lock: 'deadproc_mutex', src: r('mtx_enter(&deadproc_mutex);'), label: 'top' },
      { op: Op.JumpIfNotEmpty, list: 'deadproc', to_label: 'got', src: r('while ((p = LIST_FIRST(&deadproc)) == NULL)'), label: 'check' },
      { op: Op.Lock, lock: 'sched_lock', src: msleep },
      { op: Op.Unlock, lock: 'deadproc_mutex', src: msleep },
      { op: Op.Sleep, chan: 'deadproc', prio: PRIO.PVM, src: msleep },
      { op: Op.Lock, lock: 'deadproc_mutex', src: msleep },
      { op: Op.Jump, to_label: 'check', src: r('while ((p = LIST_FIRST(&deadproc)) == NULL)') },
      { op: Op.Remove, list: 'deadproc', src: r('LIST_REMOVE(p, p_hash);'), label: 'got' },
      { op: Op.Unlock, lock: 'deadproc_mutex', src: r('mtx_leave(&deadproc_mutex);') },
      ...teardownDrafts('top'),
    ]),
    summary: [
      'exit: switch to the idle thread (idle hop)',
      'idle: exit2 takes ps_mtx and the global deadproc_mutex, wakeup(&deadproc)',
      'one reaper for all CPUs, woken on any CPU',
    ],
  };
}

function perCpu(name: 'patched' | 'lockless'): Variant {
  const r = (text: string): SourceRef => at(EXIT, 'reaper', text);
  const exit = (text: string): SourceRef => at(SCHED, 'sched_exit', text);
  const toproc = (text: string): SourceRef => at(SCHED, 'sched_toproc', text);
  const sleepLoop = r('while ((p = LIST_FIRST(&spc->spc_deadproc)) == NULL) {');
  const kernelLock: Draft[] = name === 'patched' ? [{ op: Op.Lock, lock: 'kernel_lock', src: r('KERNEL_LOCK();') }] : [];
  const kernelUnlock: Draft[] = name === 'patched' ? [{ op: Op.Unlock, lock: 'kernel_lock', src: r('KERNEL_UNLOCK();') }] : [];
  const tsleep = r('tsleep_nsec(&spc->spc_deadproc, PVM, "reaper", INFSLP);');
  return {
    name,
    side: 'new',
    reapers: 'per-cpu',
    exitPath: [
      ...exit1Drafts(),
      { op: Op.Unlock, lock: 'kernel_lock', src: exit('KERNEL_UNLOCK();') },
      ...wakeupDrafts('spc_deadproc', false, exit('wakeup_one(&spc->spc_deadproc);')),
      { op: Op.Lock, lock: 'sched_lock', src: toproc('SCHED_LOCK();') },
      { op: Op.Switch, to: 'next', src: toproc('cpu_switchto(NULL, nextproc);') },
    ],
    idle: assemble(`${name} idle`, [
      { op: Op.Jump, to_label: 'wait', src: at(SCHED, 'sched_idle', 'while (1) {'), label: 'top' },
      ...idleWaitDrafts('top'),
    ]),
    reaper: assemble(`${name} reaper`, [
      { op: Op.Peg, src: r('sched_peg_curproc(ci);') },
      { op: Op.JumpIfNotEmpty, list: 'spc_deadproc', to_label: 'got', src: sleepLoop, label: 'top' },
      ...kernelLock,
      { op: Op.Lock, lock: 'sched_lock', src: tsleep },
      { op: Op.Sleep, chan: 'spc_deadproc', prio: PRIO.PVM, src: tsleep },
      ...kernelUnlock,
      { op: Op.Jump, to_label: 'top', src: sleepLoop },
      { op: Op.Remove, list: 'spc_deadproc', src: r('LIST_REMOVE(p, p_hash);'), label: 'got' },
      ...teardownDrafts('top'),
    ]),
    summary: name === 'patched'
      ? ['exit: wakeup_one(&spc->spc_deadproc), then sched_toproc(NULL) (no idle hop)', 'one reaper per CPU, pegged; no deadproc_mutex, no exit2', 'the reaper sleeps with the kernel lock held around tsleep_nsec']
      : ['as patched, without the kernel lock around the reaper\'s sleep'],
  };
}

export function variant(name: VariantName): Variant {
  return name === 'baseline' ? baseline() : perCpu(name);
}

export function isVariantName(s: string): s is VariantName {
  return (VARIANT_NAMES as readonly string[]).includes(s);
}

/** SCHED_LOCK, setrunqueue, mi_switch, then return to the interrupted program, as `func` does it. */
function requeueAndSwitch(name: string, func: string, setrunqueue: string): Program {
  const p = (text: string): SourceRef => at(SCHED, func, text);
  return assemble(name, [
    { op: Op.Lock, lock: 'sched_lock', src: p('SCHED_LOCK();') },
    { op: Op.Requeue, src: p(setrunqueue) },
    { op: Op.Switch, to: 'next', src: p('mi_switch();') },
    { op: Op.Return },
  ]);
}

/** Preemption (kern_sched.c preempt()): put the running thread back on its queue and switch. */
export const preemptProgram = (): Program => requeueAndSwitch('preempt', 'preempt', 'setrunqueue(p->p_cpu, p, p->p_usrpri);');

/** sched_peg_curproc(ci) when not yet on ci: queue on ci and switch away. */
export const pegProgram = (): Program => requeueAndSwitch('peg', 'sched_peg_curproc', 'setrunqueue(ci, p, p->p_usrpri);');

/** One step of a variant with where it sits, for showing the model next to the C source. */
export interface SourceStep {
  program: 'exit path' | 'idle thread' | 'reaper';
  index: number;
  /** What the step does, e.g. `lock deadproc_mutex`, `wakeup one spc_deadproc`. */
  action: string;
  src: SourceRef;
}

const ACTION: Record<number, (s: StepOperands) => string> = {
  [Op.Work]: (s) => `work ${s.cost}`,
  [Op.Lock]: (s) => `lock ${s.lock}`,
  [Op.Unlock]: (s) => `unlock ${s.lock}`,
  [Op.Insert]: (s) => `insert on ${s.list}`,
  [Op.Remove]: (s) => `remove from ${s.list}`,
  [Op.JumpIfEmpty]: (s) => `if ${s.list} is empty`,
  [Op.JumpIfNotEmpty]: (s) => `if ${s.list} is not empty`,
  [Op.Wake]: (s) => `wakeup ${s.all ? 'all' : 'one'} ${s.chan}`,
  [Op.Sleep]: (s) => `sleep on ${s.chan}`,
  [Op.Switch]: (s) => `switch to ${s.to === 'idle' ? 'the idle thread' : 'the next thread'}`,
  [Op.Peg]: () => 'peg to its CPU',
  [Op.ExitMark]: () => 'leave exit1',
  [Op.ReapMark]: () => 'reaped',
  [Op.JumpIfThread]: () => 'if a thread (P_THREAD)',
  [Op.Zombie]: () => 'zombie: tell the parent',
};

/** Every step of a variant that models a C statement, in program order. */
export function sourceSteps(v: Variant): SourceStep[] {
  const out: SourceStep[] = [];
  const add = (program: SourceStep['program'], steps: Step[]): void => {
    steps.forEach((s, index) => {
      if (s.src) out.push({ program, index, action: (ACTION[s.op] ?? (() => 'jump'))(operands(s)), src: s.src });
    });
  };
  add('exit path', assemble('exit path', v.exitPath).steps);
  add('idle thread', v.idle.steps);
  add('reaper', v.reaper.steps);
  return out;
}
