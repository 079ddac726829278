/**
 * Names of the locks, lists and wait channels of a model derived from C, from the expression as
 * written: `&deadproc_mutex` is the global `deadproc_mutex`, `&spc->spc_deadproc` (and
 * `&ci->ci_schedstate.spc_deadproc`, `&curcpu()->ci_schedstate.spc_deadproc`) the executing
 * CPU's `spc_deadproc`, `&p->p_p->ps_mtx` a process's `ps_mtx`, `pr->ps_pptr` the parent's wait
 * channel. A new lock or list in a patch gets a name the same way, so it is modelled without
 * code changes. The engine tells the scopes apart by name (see {@link objectScope}).
 */

/** Where an object lives: one for the machine, one per CPU, one per process, or the parent's wait channel. */
export type ObjectScope = 'global' | 'cpu' | 'process' | 'parent';

/** The wait channel of the thread that spawned the subject (its parent in wait4, or a joiner). */
export const PARENT_CHANNEL = 'wait';

const PER_CPU = /^(?:spc|ci|curcpu\(\))\s*(?:->|\.)\s*(?:ci_schedstate\s*\.\s*)?(\w+)$/;
const PARENT = /(?:^|->|\.)\s*(?:ps_pptr|p_pptr)$/;

/** The model's name for the object an argument expression denotes, or null when it names none. */
export function objectName(expression: string): string | null {
  const e = expression.replace(/\s+/g, '').replace(/^&/, '').replace(/^\((.*)\)$/, '$1');
  if (e === '') return null;
  if (PARENT.test(e)) return PARENT_CHANNEL;
  if (/(?:^|->|\.)ps_mtx$/.test(e)) return 'ps_mtx';
  const cpu = PER_CPU.exec(e);
  if (cpu) return perCpuName(cpu[1]!);
  if (/^\w+$/.test(e)) return e;
  // any other member chain: its last field (a global struct's member)
  const last = /(\w+)$/.exec(e);
  return last ? last[1]! : null;
}

/** Per-CPU objects carry the `spc_` or `ci_` prefix of their struct; a bare field gets `spc_`. */
function perCpuName(field: string): string {
  return /^(?:spc|ci)_/.test(field) ? field : `spc_${field}`;
}

/** The scope of a model object, by its name (as {@link objectName} gives it). */
export function objectScope(name: string): ObjectScope {
  if (name === PARENT_CHANNEL) return 'parent';
  if (name === 'ps_mtx') return 'process';
  if (/^(?:spc|ci)_/.test(name)) return 'cpu';
  return 'global';
}
