/**
 * What a patch changes in the model: per program, the steps only the model before has
 * (removed) and those only the model after has (added), by a longest common subsequence of
 * their meaning (op and object; jumps are structure and left out), each with the file and line
 * of its statement; plus a change in how many reapers there are and where they are made.
 */
import { Op, type Step } from '../program';
import type { DerivedModel } from './derive-model';
import { assembledSteps } from './derive-model';
import { stepObject, stepOpName, type ProgramName, type StepOpName } from './model-steps';

export interface ModelChange {
  program: ProgramName | 'reapers';
  kind: 'added' | 'removed' | 'changed';
  op?: StepOpName;
  object?: string;
  file: string;
  line: number;
  side: 'old' | 'new';
  text: string;
  /** One line for a report: `reaper: + lock kernel_lock at sys/kern/kern_exit.c:425 KERNEL_LOCK();`. */
  summary: string;
}

const meaning = (s: Step): string => `${stepOpName(s)} ${stepObject(s) ?? ''}${s.op === Op.Insert && s.self ? ' (itself)' : ''}`.trim();

/** Indices of a longest common subsequence of `a` and `b` (by equality of the strings). */
function lcs(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const t = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const out: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) out.push([i++, j++]);
    else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

function change(program: ProgramName, kind: 'added' | 'removed', s: Step, side: 'old' | 'new'): ModelChange {
  const op = stepOpName(s) ?? 'work';
  const object = stepObject(s);
  const file = s.src?.file ?? '';
  const line = s.src?.line ?? 0;
  const text = s.src?.text ?? '';
  return {
    program, kind, op, ...(object !== undefined ? { object } : {}), file, line, side, text,
    summary: `${program}: ${kind === 'added' ? '+' : '-'} ${meaning(s)} at ${file}:${line} (${side === 'old' ? 'before' : 'after'}) ${text}`,
  };
}

export function modelChanges(before: DerivedModel, after: DerivedModel): ModelChange[] {
  const out: ModelChange[] = [];
  for (const pb of before.programs) {
    const pa = after.programs.find((p) => p.kind === pb.kind);
    if (!pa) continue;
    let sb: Step[];
    let sa: Step[];
    try {
      sb = assembledSteps(pb).filter((s) => stepOpName(s) !== 'jump');
      sa = assembledSteps(pa).filter((s) => stepOpName(s) !== 'jump');
    } catch {
      continue;
    }
    const common = lcs(sb.map(meaning), sa.map(meaning));
    const keptB = new Set(common.map(([i]) => i));
    const keptA = new Set(common.map(([, j]) => j));
    sb.forEach((s, i) => { if (!keptB.has(i)) out.push(change(pb.kind, 'removed', s, 'old')); });
    sa.forEach((s, j) => { if (!keptA.has(j)) out.push(change(pa.kind, 'added', s, 'new')); });
  }
  if (before.reapers !== after.reapers) {
    const site = after.reaperSites[0] ?? before.reaperSites[0];
    out.push({
      program: 'reapers', kind: 'changed', file: site?.file ?? '', line: site?.line ?? 0, side: after.reaperSites[0] ? 'new' : 'old', text: site?.text ?? '',
      summary: `reapers: ${before.reapers ?? 'none'} → ${after.reapers ?? 'none'}${site ? ` at ${site.file}:${site.line} (${site.func}) ${site.text}` : ''}`,
    });
  }
  return out;
}
