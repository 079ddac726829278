/**
 * What `reaperscope model` and `compare --tree` report about the models of a patch: per
 * variant its steps (file:line each), what the translator did not understand, its assumptions
 * and how much of the exit path it understood; what the patch changed in the model; a hand-over
 * of the dying thread before its final switch. As JSON (the model file format, model-file.ts)
 * and as text.
 */
import { wrap } from '../../compare/comparison-report';
import { assemble } from '../program';
import type { DerivedModel } from './derive-model';
import { earlyHandovers, type EarlyHandover } from './handover-check';
import { MODEL_FORMAT, MODEL_VERSION } from './model-file';
import { programSteps, type ModelStep } from './model-steps';
import type { PatchModels } from './patch-models';

export interface DerivedModelEntry {
  name: string;
  side: 'old' | 'new';
  reapers: 'one' | 'per-cpu' | null;
  steps: ModelStep[];
  notUnderstood: DerivedModel['notUnderstood'];
  assumptions: DerivedModel['assumptions'];
  /** Why the model cannot run (empty when it can). */
  problems: string[];
  /** Statements of the exit path visited and how many the model understood. */
  understood: { statements: number; understood: number };
  /** Hand-overs of the dying thread before its final switch (an invariant on the programs). */
  handovers: EarlyHandover[];
}

export function derivedModelEntry(m: DerivedModel): DerivedModelEntry {
  const steps = m.programs.flatMap((p) => {
    try {
      return programSteps(p.kind, assemble(p.kind, p.drafts).steps);
    } catch {
      return [];
    }
  });
  return {
    name: m.name, side: m.side, reapers: m.reapers, steps, notUnderstood: m.notUnderstood, assumptions: m.assumptions, problems: m.problems,
    understood: { statements: m.statements, understood: Math.max(0, m.statements - m.notUnderstood.length) },
    handovers: m.variant ? earlyHandovers(m.variant) : [],
  };
}

/** The `model` block of `compare --tree`'s JSON, and the content of `reaperscope model --out`. */
export function patchModelJson(pm: PatchModels): Record<string, unknown> {
  return {
    format: MODEL_FORMAT, version: MODEL_VERSION, source: 'code',
    variants: [derivedModelEntry(pm.before), derivedModelEntry(pm.after)],
    changes: pm.changes,
    touchesExitPath: pm.touchesExitPath,
    touchedFunctions: pm.touchedFunctions,
    ...(pm.notApplied.length > 0 ? { notApplied: pm.notApplied } : {}),
  };
}

const percent = (u: DerivedModelEntry['understood']): string =>
  u.statements === 0 ? 'no statement' : `${u.understood} of ${u.statements} statements understood (${Math.round((100 * u.understood) / u.statements)} %)`;

/**
 * The report's text: does the patch touch the exit path, what it changes, what was not
 * understood; wrapped at 72 columns for a mail, except the step listing (`steps`).
 */
export function formatPatchModels(pm: PatchModels, opts: { steps?: boolean } = {}): string {
  const lines: string[] = [];
  const add = (line: string): void => void lines.push(...wrap(line));
  if (!pm.touchesExitPath) {
    const fns = pm.touchedFunctions.map((f) => `${f.func}() in ${f.file}`);
    add(`The patch does not touch the exit path the model is read from; it touches ${fns.length > 0 ? fns.join(', ') : 'no C function'}.`);
    return lines.join('\n') + '\n';
  }
  for (const n of pm.notApplied) add(`not applied: ${n.file}: ${n.why}`);
  for (const m of [pm.before, pm.after]) {
    const e = derivedModelEntry(m);
    add(`${e.name} (${e.side === 'old' ? 'the tree before the patch' : 'with the patch applied'}): ${e.steps.length} steps, ${e.reapers ?? 'no'} reaper${e.reapers === 'one' ? '' : 's'}; ${percent(e.understood)}`);
    for (const p of e.problems) add(`  cannot run: ${p}`);
    for (const n of e.notUnderstood) add(`  not understood: ${n.file}:${n.line} ${n.text} — ${n.why}`);
    for (const a of e.assumptions) add(`  assumption: ${a.file}:${a.line} ${a.what}`);
    for (const h of e.handovers) {
      add(`  INVARIANT: ${h.message}`);
      for (const s of h.steps) add(`    ${s.file}:${s.line} ${s.op}${s.object ? ` ${s.object}` : ''}: ${s.text}`);
    }
    if (opts.steps) {
      for (const s of e.steps) lines.push(`  ${s.program.padEnd(6)} ${`${s.op}${s.object ? ` ${s.object}` : ''}${s.target !== undefined ? ` → ${s.target}` : ''}`.padEnd(34)} ${s.file}:${s.line} ${s.text}`);
    }
  }
  add(pm.changes.length === 0 ? 'The patch does not change the model.' : 'What the patch changes in the model:');
  for (const c of pm.changes) add(`  ${c.summary}`);
  return lines.join('\n') + '\n';
}
