/**
 * The simulator's model of the exit path, per function: the steps each variant executes in a
 * given function of a given file (the steps carry the C statement they model). What the
 * CodeLens over a touched function says about "its part of the exit path". Pure: no `vscode`.
 */
import { Op, operands } from '../sim/program';
import type { SourceRef } from '../sim/program';
import { variant, VARIANT_NAMES, type VariantName } from '../sim/variants';

export interface ModelStep {
  /** Op name, e.g. `Lock`, `Sleep`, `Switch`. */
  op: string;
  lock?: string;
  /** The C statement the step models. */
  text: string;
}

export interface FunctionSteps {
  variant: VariantName;
  steps: ModelStep[];
}

const opNames = new Map<number, string>(Object.entries(Op).map(([name, value]) => [value, name]));

/** Steps of every variant whose source is `func` in a file whose path ends with `file`'s patch path. */
export function exitPathSteps(file: string, func: string): FunctionSteps[] {
  const matches = (src: SourceRef | undefined): src is SourceRef => !!src && src.func === func && (file.endsWith(src.file) || src.file.endsWith(file));
  return VARIANT_NAMES.map((name) => {
    const v = variant(name);
    const all = [...v.exitPath, ...v.idle.steps, ...v.reaper.steps];
    const steps = all.filter((s) => matches(s.src)).map((s) => ({
      op: opNames.get(s.op) ?? String(s.op),
      ...(operands(s).lock !== undefined ? { lock: operands(s).lock } : {}),
      text: s.src?.text ?? '',
    }));
    return { variant: name, steps };
  }).filter((f) => f.steps.length > 0);
}
