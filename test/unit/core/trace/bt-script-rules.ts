/**
 * A checker of the rules a btrace(8) program must follow to start on OpenBSD and record
 * without loss, for the scripts Reaperscope ships (media/*.bt). Reads bt(5) clauses
 * (`probe[, probe] [/filter/] { statements }`) after removing comments; only what the
 * shipped scripts use is understood (printf statements).
 *
 * Rules (DESIGN.md "OpenBSD tracing facts"):
 * - each probe is enabled once (dt(4): a second enable of a probe is EEXIST, btrace exits);
 *   BEGIN and END at most once too;
 * - no probe that fires on every system call (`tracepoint:raw_syscalls:*`): its filter runs in
 *   btrace, the events flood dt(4)'s per-CPU rings;
 * - printf: as many conversions as arguments, no length modifier (printf(1) has none);
 * - an argN a probe does not have prints 0: N below the probe's argument count (dt(4));
 * - with `noKprobes` (the default script, for GENERIC kernels): no kprobe provider.
 */

export interface BtClause {
  probes: string[];
  filter: string | null;
  printfs: { format: string; args: string[] }[];
  /** 1-based line of the clause's first probe. */
  line: number;
}

/** Arguments of the dt(4) probes the scripts use (dt_prov_static.c of OpenBSD 7.4+; syscall: sysent). */
export const PROBE_ARGS: Readonly<Record<string, number>> = {
  'tracepoint:sched:on__cpu': 0,
  'tracepoint:sched:off__cpu': 2,
  'tracepoint:sched:wakeup': 3,
  'tracepoint:sched:sleep': 0,
  'tracepoint:sched:enqueue': 2,
  'tracepoint:sched:dequeue': 2,
  'tracepoint:sched:fork': 3,
  'tracepoint:sched:steal': 3,
  'syscall:exit:entry': 1,
  'syscall:__threxit:entry': 1,
  'kprobe:uvm_exit:entry': 1,
  'kprobe:proc_free:entry': 1,
  BEGIN: 0,
  END: 0,
};

/** Comments blanked out, line breaks kept (so line numbers stay). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');
}

/** Splits a printf argument list at top-level commas, keeping the quoted format whole. */
function splitArgs(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c === '"' && list[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && c === '(') depth++;
    if (!quoted && c === ')') depth--;
    if (!quoted && depth === 0 && c === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

export function parseBtScript(text: string): BtClause[] {
  const src = withoutComments(text);
  const clauses: BtClause[] = [];
  const head = /([A-Za-z_][\w:]*(?:\s*,\s*[A-Za-z_][\w:]*)*)\s*(?:\/([^/]*)\/)?\s*\{([^}]*)\}/g;
  for (const m of src.matchAll(head)) {
    const printfs = [...m[3]!.matchAll(/printf\(([\s\S]*?)\);/g)].map((p) => {
      const [fmt, ...args] = splitArgs(p[1]!);
      return { format: fmt!.replace(/^"|"$/g, ''), args };
    });
    clauses.push({
      probes: m[1]!.split(',').map((p) => p.trim()),
      filter: m[2]?.trim() ?? null,
      printfs,
      line: src.slice(0, m.index).split('\n').length,
    });
  }
  return clauses;
}

/** The printf conversions of a format: `%` [flags] [width] [.precision] [length] conversion; `%%` is none. */
function conversions(format: string): { length: string; conv: string }[] {
  return [...format.matchAll(/%(?:%|[-+ #0]*\d*(?:\.\d+)?(hh|h|ll|l|j|z|t|q|L)?([a-zA-Z]))/g)]
    .filter((m) => m[0] !== '%%')
    .map((m) => ({ length: m[1] ?? '', conv: m[2]! }));
}

/** The rules the script breaks, one message each (empty: it follows them all). */
export function checkBtScript(text: string, options: { noKprobes: boolean }): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const clauses = parseBtScript(text);
  if (clauses.length === 0) problems.push('no clause');
  for (const c of clauses) {
    for (const probe of c.probes) {
      const first = seen.get(probe);
      if (first !== undefined) problems.push(`line ${c.line}: probe ${probe} again (first at line ${first}): dt(4) enables a probe once`);
      else seen.set(probe, c.line);
      if (probe.startsWith('tracepoint:raw_syscalls:')) problems.push(`line ${c.line}: ${probe} fires on every system call; use the syscall provider's probe for the call`);
      if (options.noKprobes && probe.startsWith('kprobe:')) problems.push(`line ${c.line}: ${probe} needs a DDBPROF kernel`);
      if (!(probe in PROBE_ARGS)) problems.push(`line ${c.line}: ${probe} is not a probe this checker knows`);
    }
    for (const p of c.printfs) {
      const convs = conversions(p.format);
      if (convs.length !== p.args.length) problems.push(`line ${c.line}: printf has ${convs.length} conversion(s) for ${p.args.length} argument(s)`);
      for (const v of convs) if (v.length !== '') problems.push(`line ${c.line}: printf conversion %${v.length}${v.conv} has a length modifier`);
      for (const a of p.args) {
        const argN = /^arg(\d)$/.exec(a);
        if (!argN) continue;
        for (const probe of c.probes) {
          const n = PROBE_ARGS[probe] ?? 0;
          if (Number(argN[1]) >= n) problems.push(`line ${c.line}: ${probe} has ${n} argument(s), ${a} prints 0`);
        }
      }
    }
  }
  return problems;
}
