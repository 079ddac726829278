/**
 * Lock and scheduler sites in C source lines (`mtx_enter`, `KERNEL_LOCK`, `SCHED_LOCK`,
 * `tsleep_nsec`, `wakeup*`, `TRACEPOINT(...)`): where a hover is offered and its heading. What
 * the hover says about the line comes from the model (line-model.ts, site-figures.ts). Pure.
 */
import { formatNs } from '../common/format-ns';

export type SiteKind = 'mutex' | 'kernel-lock' | 'sched-lock' | 'sleep' | 'wakeup' | 'tracepoint';

export interface Site {
  kind: SiteKind;
  /** The identifier as written, e.g. `mtx_enter`, `wakeup_one`. */
  word: string;
  /** 0-based columns [start, end) of `word` in the line. */
  start: number;
  end: number;
  /** Lock name for lock sites (`deadproc_mutex`, `kernel_lock`, `sched_lock`), wait channel for sleeps/wakeups, `sched:off__cpu` for tracepoints. */
  subject: string;
}

const siteWord = /\b(mtx_enter|mtx_leave|mtx_enter_try|msleep_nsec|KERNEL_LOCK|KERNEL_UNLOCK|SCHED_LOCK|SCHED_UNLOCK|tsleep_nsec|wakeup\w*|TRACEPOINT)\b/g;

/** The last identifier of an address expression: `&p->p_p->ps_mtx` → `ps_mtx`. */
function lastIdentifier(expression: string): string {
  const ids = expression.match(/[A-Za-z_]\w*/g);
  return ids?.[ids.length - 1] ?? expression.trim();
}

/** The first argument of a call starting at `open` (index of `(`), or '' when the line ends first. */
function firstArgument(line: string, open: number): string {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const c = line[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return line.slice(open + 1, i);
    else if (c === ',' && depth === 1) return line.slice(open + 1, i);
  }
  return line.slice(open + 1);
}

export function findSites(line: string): Site[] {
  const sites: Site[] = [];
  for (const m of line.matchAll(siteWord)) {
    const word = m[1]!;
    const start = m.index;
    const end = start + word.length;
    const open = line.indexOf('(', end);
    const arg = open >= 0 && line.slice(end, open).trim() === '' ? firstArgument(line, open) : '';
    if (word.startsWith('KERNEL_')) sites.push({ kind: 'kernel-lock', word, start, end, subject: 'kernel_lock' });
    else if (word.startsWith('SCHED_')) sites.push({ kind: 'sched-lock', word, start, end, subject: 'sched_lock' });
    else if (word.startsWith('mtx_')) sites.push({ kind: 'mutex', word, start, end, subject: lastIdentifier(arg) });
    else if (word === 'tsleep_nsec' || word === 'msleep_nsec') sites.push({ kind: 'sleep', word, start, end, subject: lastIdentifier(arg) });
    else if (word.startsWith('wakeup')) sites.push({ kind: 'wakeup', word, start, end, subject: lastIdentifier(arg) });
    else if (word === 'TRACEPOINT') {
      const rest = open >= 0 ? line.slice(open + 1).split(',').map((s) => s.trim()) : [];
      sites.push({ kind: 'tracepoint', word, start, end, subject: rest.length >= 2 ? `${rest[0]}:${rest[1]}` : 'TRACEPOINT' });
    }
  }
  return sites;
}

export function siteAt(line: string, character: number): Site | null {
  return findSites(line).find((s) => s.start <= character && character <= s.end) ?? null;
}

const describe: Record<SiteKind, string> = {
  'mutex': 'mutex',
  'kernel-lock': 'the kernel lock',
  'sched-lock': 'the scheduler lock',
  'sleep': 'sleep on a wait channel',
  'wakeup': 'wakeup of a wait channel',
  'tracepoint': 'dt(4) tracepoint',
};

/** The hover's first line: `**mtx_enter** — mutex \`deadproc_mutex\``. */
export function siteHeading(site: Site): string {
  return `**${site.word}** — ${describe[site.kind]}${site.subject ? ` \`${site.subject}\`` : ''}`;
}

export { formatNs };
