/**
 * Lines of a file before and after a patch, matched through its hunks where they applied: a
 * line the patch keeps has a line on both sides, a removed line only an old one, an added line
 * only a new one. What lets the editor show the patched model's steps on the unpatched file (and
 * the other way round). Lines are 1-based. Pure.
 */
import type { Hunk } from '../patch/model';

export interface ImageLineMap {
  /** The post-image line of pre-image line `line`, or null when the patch removes it. */
  toNew(line: number): number | null;
  /** The pre-image line of post-image line `line`, or null when the patch adds it. */
  toOld(line: number): number | null;
}

/**
 * The map of a file patch whose hunks start at `oldStarts` (1-based pre-image lines, null for a
 * hunk that did not apply and is left out), in file order.
 */
export function imageLineMap(hunks: readonly Hunk[], oldStarts: readonly (number | null)[]): ImageLineMap {
  const removed = new Set<number>();
  const added = new Set<number>();
  // Sorted pre-image lines where the shift (new − old) changes, with the shift from there on.
  const oldSteps: { at: number; shift: number }[] = [];
  const newSteps: { at: number; shift: number }[] = [];
  let shift = 0;
  hunks.forEach((hunk, h) => {
    const start = oldStarts[h];
    if (start === null || start === undefined) return;
    let oldLine = start;
    let newLine = start + shift;
    for (const l of hunk.lines) {
      if (l.kind === 'remove') removed.add(oldLine++);
      else if (l.kind === 'add') added.add(newLine++);
      else {
        oldSteps.push({ at: oldLine, shift: newLine - oldLine });
        newSteps.push({ at: newLine, shift: newLine - oldLine });
        oldLine++;
        newLine++;
      }
    }
    shift = newLine - oldLine;
    oldSteps.push({ at: oldLine, shift });
    newSteps.push({ at: newLine, shift });
  });
  const shiftAt = (steps: readonly { at: number; shift: number }[], line: number): number => {
    let s = 0;
    for (const step of steps) {
      if (step.at > line) break;
      s = step.shift;
    }
    return s;
  };
  return {
    toNew: (line) => (removed.has(line) ? null : line + shiftAt(oldSteps, line)),
    toOld: (line) => (added.has(line) ? null : line - shiftAt(newSteps, line)),
  };
}

/** The map of a file the patch does not change: every line is itself. */
export const IDENTITY_LINE_MAP: ImageLineMap = { toNew: (line) => line, toOld: (line) => line };
