/**
 * Finding where a hunk fits in a pre-image, the way patch(1) does: at the line its header
 * names (shifted by the offset the previous hunk needed), then at the nearest lines above and
 * below, then again with fuzz: up to `maxFuzz` context lines ignored at the start and end of
 * the hunk.
 */
import type { Hunk } from '../model';

/** Where a hunk was found. All indexes are 0-based line indexes of the pre-image. */
export interface HunkPlacement {
  /** Index of the first pre-image line the (fuzz-trimmed) old side matched. */
  start: number;
  /** Context lines ignored at the start of the hunk. */
  lead: number;
  /** Context lines ignored at the end of the hunk. */
  trail: number;
  /** max(lead, trail): the fuzz factor patch(1) reports. */
  fuzz: number;
}

export interface HunkSearch {
  /** The pre-image lines as they are compared (white space removed when matching loosely). */
  image: readonly string[];
  /** Hunks must not overlap: the search starts at this index (the end of the previous hunk). */
  minStart: number;
  /** Index where the hunk's old side should start, including the previous hunk's offset. */
  expected: number;
  maxFuzz: number;
  /** Normalizes a patch line's text the way `image` was normalized. */
  normalize: (text: string) => string;
}

/** Counts the context lines before the first and after the last change. */
function contextEnds(hunk: Hunk): { leading: number; trailing: number } {
  let leading = 0;
  while (leading < hunk.lines.length && hunk.lines[leading]!.kind === 'context') leading++;
  let trailing = 0;
  while (trailing < hunk.lines.length - leading && hunk.lines[hunk.lines.length - 1 - trailing]!.kind === 'context') trailing++;
  return { leading, trailing };
}

function matchesAt(image: readonly string[], segment: readonly string[], at: number): boolean {
  for (let k = 0; k < segment.length; k++) {
    if (image[at + k] !== segment[k]) return false;
  }
  return true;
}

/** Tries `expected`, then expected±1, ±2, … within [min, max]; returns the first match. */
function nearestMatch(image: readonly string[], segment: readonly string[], expected: number, min: number, max: number): number | null {
  if (max < min) return null;
  const from = Math.min(Math.max(expected, min), max);
  const reach = Math.max(from - min, max - from);
  for (let d = 0; d <= reach; d++) {
    if (from + d <= max && matchesAt(image, segment, from + d)) return from + d;
    if (d > 0 && from - d >= min && matchesAt(image, segment, from - d)) return from - d;
  }
  return null;
}

/** Finds the hunk in the pre-image, or returns null when it fits nowhere within `maxFuzz`. */
export function findHunk(hunk: Hunk, search: HunkSearch): HunkPlacement | null {
  const oldSide = hunk.lines.filter((l) => l.kind !== 'add').map((l) => search.normalize(l.text));
  const { image, minStart, expected } = search;
  if (oldSide.length === 0) {
    const at = Math.min(Math.max(expected, minStart), image.length);
    return { start: at, lead: 0, trail: 0, fuzz: 0 };
  }
  const { leading, trailing } = contextEnds(hunk);
  let previous = '';
  for (let fuzz = 0; fuzz <= search.maxFuzz; fuzz++) {
    const lead = Math.min(fuzz, leading);
    const trail = Math.min(fuzz, trailing);
    const key = `${lead}/${trail}`;
    if (key === previous) break;
    previous = key;
    const segment = oldSide.slice(lead, oldSide.length - trail);
    if (segment.length === 0) break;
    const start = nearestMatch(image, segment, expected + lead, minStart, image.length - segment.length);
    if (start !== null) return { start, lead, trail, fuzz: Math.max(lead, trail) };
  }
  return null;
}
