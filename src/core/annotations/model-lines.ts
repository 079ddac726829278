/**
 * The per-line index of a model derived from C (sim/derive): for each line of the exit path,
 * per variant and program, what it does in the model (its steps: op and object), its cost from
 * the cost table, or why it is no step, or that the model did not understand it. What the
 * editor shows next to kern_exit.c / kern_sched.c lines and on hovers. Pure: no `vscode`.
 */
import { defaultCosts, type CostName, type Costs } from '../sim/costs';
import type { DerivedModel } from '../sim/derive/derive-model';
import { assembledSteps } from '../sim/derive/derive-model';
import { stepObject, stepOpName, type ProgramName, type StepOpName } from '../sim/derive/model-steps';
import { Op, type Step } from '../sim/program';
import type { LineTime } from '../sim/step-profile';

export interface ModelLineStep {
  op: StepOpName;
  object?: string;
  /** Index of the step in its program. */
  index: number;
}

export interface ModelLine {
  file: string;
  /** 1-based line in the image `side` names. */
  line: number;
  side: 'old' | 'new';
  /** The variant (model) the line belongs to: `baseline`, `patched`, ... */
  variant: string;
  program: ProgramName;
  /** `step`: the line became steps; `quiet`: no step, see `why`; `not-understood`: the model cannot follow it, see `why`. */
  kind: 'step' | 'quiet' | 'not-understood';
  steps: ModelLineStep[];
  text: string;
  why?: string;
  /**
   * What the line's steps cost by the cost table, ns (work at its cost, a lock enter+leave at
   * `mutex`, a wakeup at `wakeup`, a switch at `contextSwitch`); 0 for steps that only decide;
   * null for lines that are no step. Waits (contention) come from a simulation, not from here.
   */
  costNs: number | null;
  /** From a simulation of the variant ({@link withSimulatedTimes}): per execution of the line, ns. */
  simulated?: { count: number; meanCostNs: number; meanWaitNs: number };
}

function stepCost(s: Step, costs: Costs): number {
  const c = (name: CostName): number => costs[name].meanNs;
  switch (s.op) {
    case Op.Work: return s.cost ? c(s.cost) : 0;
    case Op.Lock: return c('mutex');
    case Op.Switch: return c('contextSwitch');
    default: return 0;
  }
}

/** Every line of every model, grouped per (variant, program, file, line), in program order. */
export function modelLineIndex(models: readonly DerivedModel[], costs: Costs = defaultCosts()): ModelLine[] {
  const out: ModelLine[] = [];
  for (const m of models) {
    for (const p of m.programs) {
      let steps: Step[];
      try {
        steps = assembledSteps(p);
      } catch {
        continue;
      }
      const byLine = new Map<string, ModelLine>();
      steps.forEach((s, index) => {
        if (!s.src?.line) return;
        const key = `${s.src.file}:${s.src.line}`;
        let entry = byLine.get(key);
        if (!entry) {
          entry = { file: s.src.file, line: s.src.line, side: s.src.side ?? m.side, variant: m.name, program: p.kind, kind: 'step', steps: [], text: s.src.text, costNs: 0 };
          byLine.set(key, entry);
          out.push(entry);
        }
        const object = stepObject(s);
        entry.steps.push({ op: stepOpName(s) ?? 'work', ...(object !== undefined ? { object } : {}), index });
        entry.costNs! += stepCost(s, costs);
      });
    }
    for (const q of m.quiet) {
      out.push({ file: q.file, line: q.line, side: m.side, variant: m.name, program: q.program ?? 'exit', kind: 'quiet', steps: [], text: q.text, why: q.why, costNs: null });
    }
    for (const n of m.notUnderstood) {
      out.push({ file: n.file, line: n.line, side: m.side, variant: m.name, program: n.program ?? 'exit', kind: 'not-understood', steps: [], text: n.text, why: n.why, costNs: null });
    }
  }
  return out;
}

/** The entries of `index` for one line of a file (path compared by suffix, as the editor's paths are absolute). */
export function modelLinesAt(index: readonly ModelLine[], file: string, line: number, side?: 'old' | 'new'): ModelLine[] {
  return index.filter((e) => e.line === line && (side === undefined || e.side === side) && (file === e.file || file.endsWith(`/${e.file}`) || e.file.endsWith(`/${file}`)));
}

/**
 * The index with the simulated time of `variant`'s lines (a run's RunResult.lineTimes) attached
 * to its step entries: per execution, the mean cost and the mean wait for locks.
 */
export function withSimulatedTimes(index: readonly ModelLine[], variant: string, times: readonly LineTime[]): ModelLine[] {
  const byKey = new Map(times.map((t) => [`${t.program}\u0000${t.file}\u0000${t.line}`, t]));
  return index.map((e) => {
    if (e.variant !== variant || e.kind !== 'step') return e;
    const t = byKey.get(`${e.program}\u0000${e.file}\u0000${e.line}`);
    return t && t.count > 0 ? { ...e, simulated: { count: t.count, meanCostNs: t.costNs / t.count, meanWaitNs: t.waitNs / t.count } } : e;
  });
}

const us = (ns: number): string => `${(ns / 1000).toFixed(2)} µs`;

/** `lock deadproc_mutex · wakeup-all deadproc (1.03 µs; simulated 1.10 µs + wait 0.40 µs)`: a line's steps for an inline hint. */
export function describeModelLine(e: ModelLine): string {
  if (e.kind !== 'step') return `${e.kind === 'quiet' ? 'no step' : 'not understood'}: ${e.why ?? ''}`;
  const steps = e.steps.map((s) => (s.object ? `${s.op} ${s.object}` : s.op)).join(' · ');
  const sim = e.simulated ? `simulated ${us(e.simulated.meanCostNs)}${e.simulated.meanWaitNs > 0 ? ` + wait ${us(e.simulated.meanWaitNs)}` : ''}` : '';
  const parts = [e.costNs ? us(e.costNs) : '', sim].filter((x) => x);
  return parts.length > 0 ? `${steps} (${parts.join('; ')})` : steps;
}
