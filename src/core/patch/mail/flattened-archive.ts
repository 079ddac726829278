/**
 * Recovering the lines of mail-archive text whose line breaks were lost (a reply copied from a
 * web archive: one long line, quote markers ` > ` left inline, runs of white space collapsed).
 *
 *     From: Mark Kettenis Subject: Re: ... Date: Wed, 10 Jul 2024 17:42:45 +0200 > Date: ...
 *     > @@ -441,20 +408,26 @@ void > reaper(void *arg) > { > struct proc *p; > + struct ...
 *
 * A quoted line starts at each `>` that stands alone between spaces (`->` has no space before
 * it, so C pointer arrows are safe). The leading `From:`/`Subject:`/`To:`/`Cc:`/`Date:` run
 * becomes a header block. Inside the quoted diff two repairs use the patch's own structure:
 * - a reviewer's comment glued to the end of a quoted diff line (`> + } I don't think ...`) is
 *   split off when the line ends like C (`;`, `{`, `}`, `)`, `*\/`) and the rest reads as prose;
 * - a `>` inside C code (`if (a > b)`) splits a line in two; when a hunk then has more lines than
 *   its header counts before the next hunk, the likeliest such splits are joined back.
 *
 * The result is a mail text (headers, empty line, body with `> ` quotes) that the reply reader
 * takes as it is. Its line numbers are the "recovered lines" that diagnostics and
 * PatchLine.sourceLine refer to; `columns` gives where each recovered line starts in the input.
 */
import { diagnostic, type Diagnostic } from '../../common/diagnostic';
import { parseHunkHeader } from '../diff/hunk-header';

/** The recovered mail text and where its lines came from. */
export interface RecoveredArchive {
  /** Headers, an empty line, then the body lines (quoted ones with a `> ` prefix). */
  text: string;
  lines: string[];
  /** 1-based column in the input where recovered line i (0-based) starts; 0 for lines made up here. */
  columns: number[];
  diagnostics: Diagnostic[];
}

/** A piece of the flattened text that becomes one recovered line. */
interface Piece {
  quoted: boolean;
  text: string;
  /** 1-based column in the input of the piece's first character. */
  column: number;
}

const HEADER_NAME = /(?:^|\s)(List|From|To|Cc|Bcc|Subject|Date|Reply-To|Message-I[Dd]|In-Reply-To|Sender|Organization):\s/g;
/** The `2024-07-10 15:42:45` dates of some archives. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?/;
const RFC_DATE = /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|[A-Z]{2,5})(?: \([A-Z]{2,5}\))?/;
const DIFF_START = /(?:^|\s)> (?:diff --git |@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@)/;
const DIFF_HEADER = /^(?:diff --git |index [0-9a-f]|--- |\+\+\+ |@@ |new file mode|deleted file mode|old mode|new mode|similarity index|rename (?:from|to) |copy (?:from|to) |Binary files |GIT binary patch)/;

/** True when `text` is archive text with its line breaks lost: a few very long lines holding a quoted diff. */
export function isFlattenedArchive(text: string): boolean {
  const lines = text.trim().split('\n');
  if (lines.length > 3) return false;
  return lines.some((l) => l.length > 300 && DIFF_START.test(l));
}

/** Start offsets of the quote markers: a `>` with a space or the text's edge on both sides. */
function markerOffsets(line: string): number[] {
  const offsets: number[] = [];
  for (let i = line.indexOf('>'); i !== -1; i = line.indexOf('>', i + 1)) {
    const before = i === 0 || line.charCodeAt(i - 1) === 32;
    const after = i + 1 === line.length || line.charCodeAt(i + 1) === 32;
    if (before && after) offsets.push(i);
  }
  return offsets;
}

/** The header block at the start of the text, and the unquoted text left after the last header. */
function readHeaderRun(prefix: string, column: number): { headers: Piece[]; rest: Piece | null } {
  const names = [...prefix.matchAll(HEADER_NAME)];
  // Archive navigation before the headers (`[prev in list] [next in list] ...`) is dropped.
  if (names.length === 0 || !/^(?:\s*\[[^\]]*\])*\s*$/.test(prefix.slice(0, names[0]!.index))) {
    return { headers: [], rest: prefix.trim() ? { quoted: false, text: prefix.trim(), column } : null };
  }
  const headers: Piece[] = [];
  let rest: Piece | null = null;
  names.forEach((match, k) => {
    const start = match.index + match[0].length;
    const end = k + 1 < names.length ? names[k + 1]!.index : prefix.length;
    let value = prefix.slice(start, end).trim();
    if (k === names.length - 1) {
      // The header run ends after the date, or before archive links such as `[Download RAW message or body]`.
      const date = match[1] === 'Date' ? RFC_DATE.exec(value) ?? ISO_DATE.exec(value) : null;
      const link = value.indexOf(' [');
      const cut = date ? date[0].length : link >= 0 ? link : value.length;
      const tail = value.slice(cut).trim();
      if (tail) rest = { quoted: false, text: tail, column: column + prefix.lastIndexOf(tail) };
      value = value.slice(0, cut);
    }
    headers.push({ quoted: false, text: `${match[1]}: ${value}`, column: column + match.index + match[0].indexOf(match[1]!) });
  });
  return { headers, rest };
}

/** The quoted pieces between markers, in order. */
function quotedPieces(line: string, markers: readonly number[]): Piece[] {
  return markers.map((at, k) => {
    const end = k + 1 < markers.length ? markers[k + 1]! : line.length;
    const raw = line.slice(at + 1, end);
    const text = raw.replace(/^ /, '').replace(/ $/, '');
    return { quoted: true, text, column: at + 1 };
  });
}

/** Words of a reviewer's text that {@link readsAsProse} looks at: the start is enough, later words may quote code. */
const PROSE_WORDS = 8;

/**
 * True when `text` starts like a reviewer's prose rather than C: its first words are words with
 * a capital start and no C punctuation (what follows may quote code).
 */
export function readsAsProse(text: string): boolean {
  if (!/^(?:[A-Z][a-z']*|I)\b/.test(text)) return false;
  const words = text.split(/\s+/).filter(Boolean).slice(0, PROSE_WORDS);
  if (words.length < 4) return false;
  const start = words.join(' ');
  if (/[;{}=#]|\*\/|\/\*|->|&&|\|\|/.test(start)) return false;
  const letters = start.replace(/[^A-Za-z]/g, '').length;
  return letters >= 0.7 * start.replace(/\s/g, '').length;
}

/** Splits a reviewer's comment off the end of a quoted diff body line, or returns null. */
export function splitProseTail(text: string): { code: string; tail: string } | null {
  if (DIFF_HEADER.test(text)) return null;
  const marker = text.charAt(0) === '+' || text.charAt(0) === '-' ? text.charAt(0) : '';
  const body = text.slice(marker.length);
  // Inside a C comment prose is expected; only text after the comment's `*/` can be a reviewer's.
  const inComment = /^\s*(?:\*|\/\*|\/\/)/.test(body);
  if (inComment && !/\*\/ /.test(body)) return null;
  for (const match of body.matchAll(/(?:[;{})]|\*\/) +(?=\S)/g)) {
    const cut = match.index + match[0].trimEnd().length;
    const code = body.slice(0, cut);
    if ((code.match(/"/g)?.length ?? 0) % 2 === 1) continue;
    const tail = body.slice(match.index + match[0].length);
    if (readsAsProse(tail)) return { code: marker + code, tail };
  }
  return null;
}

/** Kind of a recovered diff body line: context lines lost their leading space. */
function isChange(text: string): 'add' | 'remove' | 'context' {
  if (text.startsWith('+')) return 'add';
  if (text.startsWith('-')) return 'remove';
  return 'context';
}

/** How likely joining quoted pieces a and b undoes a split at a `>` inside C code (higher is likelier). */
function joinScore(a: string, b: string): number {
  const open = (s: string): number => (s.match(/\(/g)?.length ?? 0) - (s.match(/\)/g)?.length ?? 0);
  let score = 0;
  if (open(a) > 0) score += 2;
  if (open(b) < 0) score += 2;
  if (/[\w)\]]$/.test(a) && /^[\w(&*-]/.test(b)) score += 1;
  return score;
}

/** Old and new lines a hunk body line takes (a context line takes one of each). */
function sideCounts(text: string): { old: number; new: number } {
  const kind = isChange(text);
  return { old: kind === 'add' ? 0 : 1, new: kind === 'remove' ? 0 : 1 };
}

/**
 * Joins back pieces split at a `>` inside C code (`if (a > b)`, `x > -1`): for each hunk with
 * more old or new lines than its header counts before the next hunk or file header (or git's
 * `-- `), the best-scoring neighbours are joined while that brings the counts down without
 * making either side short.
 */
function joinSplitComparisons(pieces: Piece[], diagnostics: Diagnostic[], lineOfPiece: (index: number) => number): void {
  for (let h = 0; h < pieces.length; h++) {
    const range = pieces[h]!.quoted ? parseHunkHeader(pieces[h]!.text) : null;
    if (!range) continue;
    let end = h + 1;
    // The hunk ends at the next hunk or file header, or at the `-- ` that git puts after the patch.
    while (end < pieces.length && !(pieces[end]!.quoted && /^(?:@@ |diff --git |--$)/.test(pieces[end]!.text))) end++;
    if (end === pieces.length) continue;
    let oldExtra = -range.oldLines;
    let newExtra = -range.newLines;
    for (let i = h + 1; i < end; i++) {
      if (!pieces[i]!.quoted) continue;
      const counts = sideCounts(pieces[i]!.text);
      oldExtra += counts.old;
      newExtra += counts.new;
    }
    while (oldExtra > 0 || newExtra > 0) {
      let best = -1;
      let bestScore = 0;
      for (let k = h + 1; k + 1 < end; k++) {
        const [a, b] = [pieces[k]!, pieces[k + 1]!];
        if (!a.quoted || !b.quoted) continue;
        const counts = sideCounts(b.text);
        if (counts.old > oldExtra || counts.new > newExtra) continue;
        const score = joinScore(a.text, b.text);
        if (score > bestScore) [best, bestScore] = [k, score];
      }
      if (best < 0) break;
      const [a, b] = [pieces[best]!, pieces[best + 1]!];
      const counts = sideCounts(b.text);
      diagnostics.push(diagnostic(lineOfPiece(best), 'info', 'archive-gt-joined',
        `Joined "${a.text} > ${b.text}": the \`>\` is C code, not a quote marker (the hunk counts say so).`, a.column));
      a.text = `${a.text} > ${b.text}`;
      pieces.splice(best + 1, 1);
      end--;
      oldExtra -= counts.old;
      newExtra -= counts.new;
    }
  }
}

/** Recovers the mail text of flattened archive text. */
export function recoverFlattenedArchive(input: string): RecoveredArchive {
  const line = input.replace(/\r?\n/g, ' ').replace(/\s+$/, '');
  const markers = markerOffsets(line);
  const prefixEnd = markers[0] ?? line.length;
  const { headers, rest } = readHeaderRun(line.slice(0, prefixEnd), 1);
  const pieces: Piece[] = rest ? [rest] : [];
  let inDiff = false;
  for (const piece of quotedPieces(line, markers)) {
    if (/^(?:diff --git |@@ -)/.test(piece.text)) inDiff = true;
    const split = inDiff ? splitProseTail(piece.text) : null;
    if (!split) {
      // In the diff, an empty quoted line is a blank context line whose space was collapsed.
      pieces.push(inDiff && piece.text === '' ? { ...piece, text: ' ' } : piece);
      continue;
    }
    pieces.push({ ...piece, text: split.code });
    pieces.push({ quoted: false, text: '', column: 0 });
    pieces.push({ quoted: false, text: split.tail, column: piece.column + 2 + piece.text.lastIndexOf(split.tail) });
    pieces.push({ quoted: false, text: '', column: 0 });
  }
  const firstBodyLine = headers.length + 2;
  const diagnostics: Diagnostic[] = [];
  joinSplitComparisons(pieces, diagnostics, (i) => firstBodyLine + i);
  const lines = [...headers.map((h) => h.text), '', ...pieces.map((p) => (p.quoted ? (p.text ? `> ${p.text}` : '>') : p.text))];
  const columns = [...headers.map((h) => h.column), 0, ...pieces.map((p) => p.column)];
  diagnostics.unshift(diagnostic(1, 'info', 'archive-lines-recovered',
    `The text had lost its line breaks: ${lines.length} lines were recovered from the quote markers; ` +
    'line numbers count recovered lines, columns point into the original text.', 1));
  return { text: lines.join('\n') + '\n', lines, columns, diagnostics };
}
