/**
 * What the lines of a quoted patch are when the message it quotes is not at hand: the quoted
 * text read alone, tolerant of what reviewers cut. A hunk without its file header still counts
 * its lines (the file is unknown), a hunk cut short simply ends, a snip inside a hunk makes the
 * lines after it inferred (counted as if nothing was cut), a context line that lost its leading
 * space is context.
 *
 * A line is known (no reason: exact, though not checked against the patch) when the quote pins
 * it: its file header and hunk header are quoted and every quoted line from the hunk header down
 * to it carries its diff marker (an empty line counts as blank context), with no snip between (the bundled review read alone). Otherwise
 * it is inferred, with the reason: the answered message is not in the input, and what made the
 * count unsure.
 */
import { parseHunkHeader } from '../diff/hunk-header';
import { SNIP, diffDepth, splitQuote } from './quoted-reply';
import { hunkStartMeaning, type AnsweredMessage, type LineMeaning, type PatchLineMeaning } from './line-meaning';

/** Why comments read from the quoted text alone are not exact. */
export const UNCHECKED = 'answered message not in the input; line read from the quote';

/** The path a file header line names, or null when it names none. */
function headerPath(content: string): string | null {
  const git = /^diff --git (?:"?a\/)?(\S+) (?:"?b\/)?(\S+?)"?$/.exec(content);
  if (git) return git[2]!;
  const plus = /^\+\+\+ (?:b\/)?(\S+)/.exec(content);
  if (plus && plus[1] !== '/dev/null') return plus[1]!;
  const index = /^Index: (\S+)/.exec(content);
  return index ? index[1]! : null;
}

interface Walk {
  file: string | null;
  old: number;
  new: number;
  oldLeft: number;
  newLeft: number;
  snipped: boolean;
  /** A line without a diff marker was taken for context (a lost leading space, or a wrapped tail). */
  guessed: boolean;
}

/** The meaning of each of `lines` (a quoted message, one quote level removed), read from the text alone. */
export function quotedHunkMeanings(lines: readonly string[]): AnsweredMessage {
  const depth = diffDepth(lines.map((line) => splitQuote(line)));
  const meanings: (LineMeaning | null)[] = lines.map(() => null);
  let walk: Walk | null = null;
  let file: string | null = null;
  const at = (side: 'old' | 'new', line: number, w: Walk): PatchLineMeaning => {
    const reasons: string[] = [];
    if (w.file === null) reasons.push('no file header was quoted above the hunk');
    if (w.snipped) reasons.push('a snip above it in the hunk may have cut lines');
    if (w.guessed) reasons.push('a quoted line above it in the hunk has no diff marker');
    const meaning: PatchLineMeaning = { kind: 'patch', file: w.file ?? '', side, line };
    if (reasons.length > 0) meaning.reason = [UNCHECKED, ...reasons].join('; ');
    return meaning;
  };
  lines.forEach((line, i) => {
    const q = splitQuote(line);
    if (depth < 0 || q.depth !== depth) {
      if (walk && SNIP.test(q.content.trim())) walk.snipped = true;
      return;
    }
    const content = q.content;
    const path = headerPath(content);
    if (path !== null) {
      file = path;
      walk = null;
      return;
    }
    const range = parseHunkHeader(content);
    if (range) {
      walk = { file, old: range.oldStart, new: range.newStart, oldLeft: range.oldLines, newLeft: range.newLines, snipped: false, guessed: false };
      const start = hunkStartMeaning(file ?? '', { oldStart: range.oldStart, newStart: range.newStart, newLines: range.newLines });
      meanings[i] = at(start.side, start.line, walk);
      return;
    }
    if (!walk) return;
    if (SNIP.test(content.trim())) {
      walk.snipped = true;
      return;
    }
    if (walk.oldLeft <= 0 && walk.newLeft <= 0) {
      walk = null;
      return;
    }
    const c = content.charAt(0);
    if (c === '-') {
      meanings[i] = at('old', walk.old++, walk);
      walk.oldLeft--;
    } else if (c === '+') {
      meanings[i] = at('new', walk.new++, walk);
      walk.newLeft--;
    } else if (c === '\\') {
      meanings[i] = meanings[i - 1] ?? null;
    } else {
      // Context, with or without its leading space (a client stripped it).
      if (c !== ' ' && content !== '') walk.guessed = true;
      meanings[i] = at('new', walk.new++, walk);
      walk.old++;
      walk.oldLeft--;
      walk.newLeft--;
    }
  });
  return { lines, meanings };
}
