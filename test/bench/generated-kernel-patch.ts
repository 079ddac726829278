/**
 * A generated git patch of kernel-style C hunks for the patch parsing benchmark: tab-indented
 * OpenBSD scheduler statements, 2-9 hunks per file, 3 lines of context, deterministic (same
 * text every run).
 */
/** Deterministic 32-bit PRNG (mulberry32), so every run parses the same text. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATEMENTS = [
  'mtx_enter(&deadproc_mutex);', 'LIST_INSERT_HEAD(&spc->spc_deadproc, p, p_hash);', 'mtx_leave(&deadproc_mutex);',
  'KERNEL_ASSERT_LOCKED();', 'wakeup_one(&spc->spc_deadproc);', 'SCHED_LOCK();', 'SCHED_UNLOCK();',
  'p->p_stat = SRUN;', 'uvmexp.swtch++;', 'cpu_switchto(NULL, nextproc);', 'if (curproc != NULL)',
  'TRACEPOINT(sched, off__cpu, idle->p_tid + THREAD_PID_OFFSET, idle->p_p->ps_pid);',
  'tsleep_nsec(&spc->spc_deadproc, PVM, "reaper", INFSLP);', '/* Remove us from the deadproc list. */',
  'struct schedstate_percpu *spc = &curcpu()->ci_schedstate;', 'return (0);', '}', '',
];

/** A git patch of about `targetBytes` bytes (UTF-16 code units) of C files, each with several hunks of tab-indented kernel code. */
export function generatePatch(targetBytes: number): string {
  const random = prng(20240710);
  const pick = (): string => {
    const s = STATEMENTS[Math.floor(random() * STATEMENTS.length)]!;
    return s === '' ? '' : '\t'.repeat(1 + Math.floor(random() * 3)) + s;
  };
  const parts: string[] = [];
  let size = 0;
  for (let f = 0; size < targetBytes; f++) {
    const path = `sys/kern/gen_${f}.c`;
    const out: string[] = [`diff --git a/${path} b/${path}`, `index ${(f * 2654435761 >>> 0).toString(16).padStart(12, '0')}..${(f * 40503 + 7 >>> 0).toString(16).padStart(12, '0')} 100644`, `--- a/${path}`, `+++ b/${path}`];
    let oldLine = 1 + Math.floor(random() * 40);
    let newLine = oldLine;
    const hunks = 2 + Math.floor(random() * 8);
    for (let h = 0; h < hunks; h++) {
      const body: string[] = [];
      let oldCount = 0;
      let newCount = 0;
      const context = (): void => { body.push(` ${pick()}`); oldCount++; newCount++; };
      for (let k = 0; k < 3; k++) context();
      const changes = 1 + Math.floor(random() * 4);
      for (let c = 0; c < changes; c++) {
        const removed = Math.floor(random() * 5);
        const added = Math.floor(random() * 6);
        for (let k = 0; k < removed; k++) { body.push(`-${pick()}`); oldCount++; }
        for (let k = 0; k < added; k++) { body.push(`+${pick()}`); newCount++; }
        for (let k = 0; k < 3; k++) context();
      }
      out.push(`@@ -${oldLine},${oldCount} +${newLine},${newCount} @@ sched_fn_${f}_${h}(struct proc *p)`, ...body);
      oldLine += oldCount + 20 + Math.floor(random() * 100);
      newLine += newCount + 20 + Math.floor(random() * 100) + (newCount - oldCount);
      newLine = Math.max(newLine, 1);
    }
    const text = out.join('\n') + '\n';
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
}
