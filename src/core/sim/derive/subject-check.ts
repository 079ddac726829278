/**
 * A program that works on "the dead thread it handles" (the subject: P_THREAD tests, its
 * teardown costs, reaped, zombie, putting it on a list) must first take one off a list; else the
 * engine has nothing to work on. Checked on derived programs and model files before they run.
 */
import { Op, type Step } from '../program';

const usesSubject = (s: Step): boolean =>
  s.op === Op.JumpIfThread || s.op === Op.ReapMark || s.op === Op.Zombie || (s.op === Op.Work && !!s.ofSubject) || (s.op === Op.Insert && !s.self);

/** Why `steps` cannot run for want of a subject, or null. */
export function subjectProblem(program: string, steps: readonly Step[]): string | null {
  if (steps.some((s) => s.op === Op.Remove)) return null;
  const first = steps.find(usesSubject);
  if (!first) return null;
  const at = first.src ? ` (${first.src.file}:${first.src.line ?? '?'} ${first.src.text})` : '';
  return `the ${program} program works on a dead thread${at} but never takes one off a list`;
}
