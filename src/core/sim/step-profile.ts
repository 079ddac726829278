/**
 * Where simulated time goes, per C line: the time each Work step takes and each Lock step's
 * acquisition (uncontended: the mutex cost plus a cache-line transfer; contended: the wait until
 * the lock is handed over), summed per source line of the step and program. Filled by the
 * machine when a run asks for it (SimulationInput.profileSteps); what the editor shows as a
 * line's simulated cost or wait per variant.
 */
import type { Step } from './program';

export type ProfiledProgram = 'exit' | 'idle' | 'reaper';

export interface LineTime {
  file: string;
  line: number;
  side?: 'old' | 'new';
  program: ProfiledProgram;
  /** Work and lock steps of the line executed. */
  count: number;
  /** Time spent in the line's work and uncontended lock acquisitions, ns. */
  costNs: number;
  /** Time spent waiting for the line's locks to be handed over, ns. */
  waitNs: number;
}

export class StepProfile {
  private readonly lines = new Map<string, LineTime>();

  /** Adds `costNs` of cost and `waitNs` of waiting to the line of `step` (steps without a line are not counted). */
  add(step: Step, program: ProfiledProgram, costNs: number, waitNs: number): void {
    const src = step.src;
    if (!src || src.line === undefined) return;
    const key = `${program}\u0000${src.file}\u0000${src.line}`;
    let t = this.lines.get(key);
    if (!t) this.lines.set(key, (t = { file: src.file, line: src.line, ...(src.side ? { side: src.side } : {}), program, count: 0, costNs: 0, waitNs: 0 }));
    t.count++;
    t.costNs += costNs;
    t.waitNs += waitNs;
  }

  result(): LineTime[] {
    return [...this.lines.values()];
  }
}

/** The line times of several runs (seeds) added up per program and line. */
export function sumLineTimes(runs: readonly (readonly LineTime[])[]): LineTime[] {
  const sum = new Map<string, LineTime>();
  for (const run of runs) {
    for (const t of run) {
      const key = `${t.program}\u0000${t.file}\u0000${t.line}`;
      const s = sum.get(key);
      if (s) {
        s.count += t.count;
        s.costNs += t.costNs;
        s.waitNs += t.waitNs;
      } else sum.set(key, { ...t });
    }
  }
  return [...sum.values()];
}
