/**
 * Which exit-path variant a patch implements, from the parsed patch (DESIGN.md "The exit path"),
 * with the lines that show it. The model covers the "one reaper per CPU" change to OpenBSD's
 * baseline exit path; anything else gets "no model for this patch", never made-up numbers.
 */
import type { FilePatch, Hunk, Patch, PatchLine } from '../patch/model';
import type { VariantName } from './variants';

export interface Evidence {
  /** What the line shows, e.g. `removes deadproc_mutex`. */
  what: string;
  /** Path of the file (new path, else old). */
  file: string;
  /** Which file's numbering `line` uses: `old` for a removed line, `new` otherwise. */
  side: 'old' | 'new';
  /** 1-based line in that side's file. */
  line: number;
  text: string;
  /** 1-based line of the patch input. */
  sourceLine: number;
}

export type Detection =
  | { kind: 'model'; variant: Exclude<VariantName, 'baseline'>; evidence: Evidence[]; summary: string }
  | { kind: 'no-model'; reason: string; evidence: Evidence[] };

interface Located {
  file: FilePatch;
  hunk: Hunk;
  index: number;
  line: PatchLine;
}

const pathOf = (f: FilePatch): string => f.newPath ?? f.oldPath ?? '';

function* allLines(patch: Patch): Generator<Located> {
  for (const file of patch.files) {
    for (const hunk of file.hunks) {
      for (let index = 0; index < hunk.lines.length; index++) yield { file, hunk, index, line: hunk.lines[index]! };
    }
  }
}

function evidence(what: string, at: Located): Evidence {
  const removed = at.line.kind === 'remove';
  return {
    what, file: pathOf(at.file), side: removed ? 'old' : 'new',
    line: (removed ? at.line.oldLine : at.line.newLine) ?? 0, text: at.line.text.trim(), sourceLine: at.line.sourceLine,
  };
}

/** First line of `kind` (in a file whose path ends with `file`) whose text matches. */
function find(patch: Patch, kind: PatchLine['kind'], file: string, pattern: RegExp): Located | null {
  for (const at of allLines(patch)) {
    if (at.line.kind === kind && pathOf(at.file).endsWith(file) && pattern.test(at.line.text)) return at;
  }
  return null;
}

/** The nearest added/context line above and below `at` in its hunk (skipping removed lines). */
function neighbours(at: Located): [PatchLine | null, PatchLine | null] {
  const lines = at.hunk.lines;
  let above: PatchLine | null = null;
  let below: PatchLine | null = null;
  for (let i = at.index - 1; i >= 0 && !above; i--) if (lines[i]!.kind !== 'remove') above = lines[i]!;
  for (let i = at.index + 1; i < lines.length && !below; i++) if (lines[i]!.kind !== 'remove') below = lines[i]!;
  return [above, below];
}

export function detectVariant(patch: Patch): Detection {
  const found: Evidence[] = [];
  const missing: string[] = [];
  const need = (what: string, at: Located | null): Located | null => {
    if (at) found.push(evidence(what, at));
    else missing.push(what);
    return at;
  };
  need('removes the global deadproc_mutex', find(patch, 'remove', 'kern_exit.c', /\bdeadproc_mutex\b/));
  need('removes exit2()', find(patch, 'remove', 'kern_exit.c', /^exit2\s*\(/) ?? find(patch, 'remove', '', /\bexit2\s*\(/));
  const create = find(patch, 'add', 'kern_sched.c', /kthread_create\s*\(\s*reaper\b/);
  if (create && !/sched_kthreads_create/.test(create.hunk.header) && !create.hunk.functions.includes('sched_kthreads_create')) {
    missing.push('reaper created in sched_kthreads_create()');
  } else need('creates a reaper per CPU in sched_kthreads_create()', create);
  need('wakeup_one(&spc->spc_deadproc) in sched_exit()', find(patch, 'add', 'kern_sched.c', /wakeup_one\s*\(\s*&spc->spc_deadproc\s*\)/));
  const peg = find(patch, 'add', 'kern_exit.c', /sched_peg_curproc\s*\(/);
  if (peg) found.push(evidence('pegs each reaper to its CPU', peg));
  const sleep = need('the reaper sleeps on its CPU\'s spc_deadproc', find(patch, 'add', 'kern_exit.c', /tsleep_nsec\s*\(\s*&spc->spc_deadproc/));
  if (missing.length > 0) {
    const touches = found.length > 0;
    return {
      kind: 'no-model',
      reason: touches
        ? `no model for this patch: it changes the exit path, but not as the modelled "one reaper per CPU" change (missing: ${missing.join('; ')})`
        : 'no model for this patch: it does not change the exit path the simulator models (deadproc list, exit2, reaper)',
      evidence: found,
    };
  }
  const [above, below] = neighbours(sleep!);
  const locked = !!above && /KERNEL_LOCK\s*\(\s*\)/.test(above.text) && !!below && /KERNEL_UNLOCK\s*\(\s*\)/.test(below.text);
  if (locked) {
    const lockLine = sleep!.hunk.lines.indexOf(above!);
    found.push(evidence('KERNEL_LOCK() around the reaper\'s tsleep_nsec', { ...sleep!, index: lockLine, line: above! }));
    return { kind: 'model', variant: 'patched', evidence: found, summary: 'as posted: one pegged reaper per CPU, the kernel lock around its sleep' };
  }
  return { kind: 'model', variant: 'lockless', evidence: found, summary: 'one pegged reaper per CPU, no kernel lock around its sleep (the reviewer\'s suggestion)' };
}
