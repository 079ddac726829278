/**
 * A thread's resources must not be freed while it still runs on its kernel stack: until its
 * final switch, nothing may hand the dying thread to a thread that can run on another CPU and
 * free it. Checked on the programs themselves (any model: built-in, derived or from a file), so
 * a patch that does it is caught whatever the timing of a run; the engine checks the same
 * during runs (machine.ts: "freed ... while it still runs").
 */
import { Op, type Step } from '../program';
import { objectScope } from '../model-objects';
import type { Variant } from '../variants';
import { programSteps, variantPrograms, type ModelStep } from './model-steps';

export interface EarlyHandover {
  message: string;
  /** The steps that allow it: the hand-over, the wakeups after it, the final switch. */
  steps: ModelStep[];
}

/** Whether a thread other than this CPU's own can take a thread off `list`. */
function takenElsewhere(v: Variant, list: string): boolean {
  if (objectScope(list) !== 'cpu') return true;
  const reaper = variantPrograms(v).reaper;
  const reaperTakes = reaper.some((s) => s.op === Op.Remove && s.list === list);
  const pegged = reaper.some((s) => s.op === Op.Peg);
  return reaperTakes && (v.reapers === 'one' || !pegged);
}

export function earlyHandovers(v: Variant): EarlyHandover[] {
  const exit = variantPrograms(v).exit;
  const data = programSteps('exit', exit);
  const out: EarlyHandover[] = [];
  const switchAt = exit.findIndex((s: Step) => s.op === Op.Switch);
  const end = switchAt < 0 ? exit.length : switchAt;
  for (let i = 0; i < end; i++) {
    const s = exit[i]!;
    if (s.op !== Op.Insert || !s.self || !s.list || !takenElsewhere(v, s.list)) continue;
    const wakes = data.slice(i + 1, end).filter((d) => d.op === 'wakeup-all' || d.op === 'wakeup-one');
    const steps = [data[i]!, ...wakes, ...(switchAt >= 0 ? [data[switchAt]!] : [])];
    out.push({
      message: `${v.name}: the dying thread is put on ${s.list}, where a thread on another CPU can take it and free its stack, before it has switched away (${data[i]!.file}:${data[i]!.line})`,
      steps,
    });
  }
  return out;
}
