/**
 * Seeded single-line mutations of the ftrace fixtures, for comparing readers line for line:
 * characters that matter to the line grammar (separators, brackets, digits, white space of
 * both kinds, line-break-like characters) inserted, deleted or replaced at random places of
 * one event line. A small LCG, not a library generator, so the corpus never changes with a
 * dependency's version.
 */
import { fixture } from './trace-test-helpers';

/** The fixtures the corpus mutates: the three printings of the scenario and two real recordings. */
export const MUTATED_FIXTURES = ['ftrace-flags5.txt', 'ftrace-tgid-flags4.txt', 'ftrace-trace-cmd.txt', 'linux-tracefs-storm.txt', 'linux-storm.report.txt'];

const ALPHABET = [' ', ' ', '\t', '-', '[', ']', '(', ')', ':', '.', '=', '>', '0', '7', '9', 'a', 'X', 'Z', '_', '\r', '\u00a0', '\u2028', 'é', '#', 'c', '<', ' ==> ', ' pid=', 'prev_comm=', ' [001] '];

/** Numbers 0 ≤ n < 2^31 from a linear congruential generator (glibc's constants). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 1;
}

export interface Mutation {
  fixture: string;
  /** 1-based line changed. */
  line: number;
  text: string;
}

/** `count` mutated copies of the fixtures, the same for the same seed. */
export function mutations(count: number, seed: number): Mutation[] {
  const next = lcg(seed);
  const texts = MUTATED_FIXTURES.map((name) => fixture(name).split('\n'));
  const out: Mutation[] = [];
  for (let k = 0; k < count; k++) {
    const f = next() % texts.length;
    const lines = texts[f]!.slice();
    const events = lines.map((l, i) => (l.startsWith('#') || l === '' ? -1 : i)).filter((i) => i >= 0);
    const at = events[next() % events.length]!;
    let line = lines[at]!;
    const edits = 1 + (next() % 3);
    for (let e = 0; e < edits; e++) {
      const pos = next() % (line.length + 1);
      const piece = ALPHABET[next() % ALPHABET.length]!;
      const op = next() % 3;
      if (op === 0) line = line.slice(0, pos) + piece + line.slice(pos);
      else if (op === 1) line = line.slice(0, pos) + line.slice(pos + 1 + (next() % 4));
      else line = line.slice(0, pos) + piece + line.slice(pos + 1);
    }
    lines[at] = line;
    out.push({ fixture: MUTATED_FIXTURES[f]!, line: at + 1, text: lines.join('\n') });
  }
  return out;
}
