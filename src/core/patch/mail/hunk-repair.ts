/**
 * Repairing hunks of a quoted patch where the reviewer's comment replaced blank context lines.
 *
 * A reviewer writes into the quoted patch and usually deletes the blank context line the
 * comment goes in (the seed reply does, after `+\t\t}` in reaper()). The hunk is then short by
 * that many context lines at the place of the comment. When a hunk ends short by the same number
 * of old and new lines, at most one per comment inside it, the missing lines are put back as
 * blank context lines at the comments (the first ones when fewer lines than comments are
 * missing), and a `hunk-repaired` diagnostic says so. A hunk short by more was cut by the
 * reviewer and is left to parseDiff's count check.
 *
 * Empty lines inside a hunk (a blank context line whose lone space a mail client stripped) are
 * counted as context here and left as they are: `parseDiff` reads them (`stripped-blank-context`).
 * A quoted line inside a hunk that is no diff line was wrapped by the replier's client: it is
 * joined to the line above (`quote-rewrapped`). git's `-- ` signature ends the last hunk, so a
 * comment that replaced that hunk's last blank line is repaired too.
 */
import { diagnostic, type Diagnostic } from '../../common/diagnostic';
import { parseHunkHeader } from '../diff/hunk-header';
import { WRAP_WIDTH, displayWidth } from './quoted-reply';

/** Input of {@link repairHunks}. */
export interface HunkRepairInput {
  /** The de-quoted lines: prose, then the diff. */
  lines: readonly string[];
  /** 1-based input line of each of `lines`. */
  sourceLines: readonly number[];
  /** Comment gaps: `before` is the index of the line right after the comment (may be lines.length). */
  gaps: readonly { before: number; sourceLine: number }[];
  /** Lines lost their leading white space: any other line inside a hunk is context (as parseDiff reads it). */
  whitespaceDamaged?: boolean;
}

/** The lines with the missing context put back, each with its 1-based input line. */
export interface HunkRepairResult {
  lines: string[];
  sourceLines: number[];
  diagnostics: Diagnostic[];
}

interface OpenHunk {
  header: string;
  oldLeft: number;
  newLeft: number;
  /** Output positions of the comment gaps inside the hunk, with their input lines. */
  gaps: { at: number; sourceLine: number }[];
}

const FILE_HEADER = /^diff --git |^diff -|^Index: /;

/** Adjusts the counts for one hunk body line; false when the line cannot be part of a hunk. */
function consume(hunk: OpenHunk, line: string, whitespaceDamaged: boolean): boolean {
  const c = line.charAt(0);
  if (line === '' || c === ' ' || (whitespaceDamaged && c !== '-' && c !== '+' && c !== '\\')) {
    hunk.oldLeft--;
    hunk.newLeft--;
  } else if (c === '-') hunk.oldLeft--;
  else if (c === '+') hunk.newLeft--;
  else if (c !== '\\') return false;
  return true;
}

/**
 * Puts back `missing` blank context lines at the hunk's gaps, one per gap in order. A hunk short
 * by more lines than it has comments was cut by the reviewer (a trimmed quote), not repaired.
 */
function fill(hunk: OpenHunk, out: HunkRepairResult): void {
  const missing = hunk.oldLeft;
  if (missing <= 0 || hunk.newLeft !== missing || missing > hunk.gaps.length) return;
  const per = hunk.gaps.map((_, i) => (i < missing ? 1 : 0));
  for (let g = hunk.gaps.length - 1; g >= 0; g--) {
    const { at, sourceLine } = hunk.gaps[g]!;
    const n = per[g]!;
    if (n === 0) continue;
    out.lines.splice(at, 0, ...Array<string>(n).fill(' '));
    out.sourceLines.splice(at, 0, ...Array<number>(n).fill(sourceLine));
    out.diagnostics.push(diagnostic(sourceLine, 'info', 'hunk-repaired',
      `Hunk "${hunk.header}" was ${missing} line${missing === 1 ? '' : 's'} short where a reply comment replaced ` +
      `${n === 1 ? 'a blank context line' : `${n} blank context lines`}: put ${n === 1 ? 'it' : 'them'} back at line ${sourceLine}.`));
  }
}

/** True when line i is git's `-- ` signature line after the patch (followed by its version or nothing). */
function endsPatch(lines: readonly string[], i: number): boolean {
  if (!/^--[ ]?$/.test(lines[i]!)) return false;
  const next = lines[i + 1];
  return next === undefined || next.trim() === '' || /^\d+(?:\.\d+)+/.test(next);
}


/**
 * A quoted line inside a hunk that is no diff line, after a long diff line and before more diff
 * lines, is the tail of the line above wrapped by the replier's mail client: join it back (with
 * the space the wrap took) and say so. Returns false when it does not look like that.
 */
function rejoinWrapped(out: HunkRepairResult, lines: readonly string[], i: number, sourceLine: number): boolean {
  const line = lines[i]!;
  const last = out.lines.length - 1;
  const above = out.lines[last];
  const next = lines[i + 1];
  if (above === undefined || above.startsWith('@@ ') || line.trim() === '') return false;
  if (displayWidth(`${above} ${line}`) < WRAP_WIDTH || next === undefined || !/^(?:[ +-]|$)/.test(next)) return false;
  out.lines[last] = `${above} ${line}`;
  out.diagnostics.push(rewrappedDiagnostic(sourceLine, out.sourceLines[last]!));
  return true;
}

/** The warning for a wrapped diff line joined back: `line` continued `aboveLine`. */
export function rewrappedDiagnostic(line: number, aboveLine: number): Diagnostic {
  return diagnostic(line, 'warning', 'quote-rewrapped',
    `This line continues the quoted diff line above it (line ${aboveLine}): a mail client wrapped it. ` +
    'Joined them with one space; the white space at the break may differ from the patch.');
}

/**
 * Walks the hunks of `input.lines` by their header counts and repairs the ones a comment made
 * short. Lines outside hunks pass through unchanged.
 */
export function repairHunks(input: HunkRepairInput): HunkRepairResult {
  const out: HunkRepairResult = { lines: [], sourceLines: [], diagnostics: [] };
  const gapAt = new Map(input.gaps.map((g) => [g.before, g.sourceLine]));
  let hunk: OpenHunk | null = null;
  let pending: { at: number; sourceLine: number }[] = [];
  const close = (): void => {
    if (hunk) fill(hunk, out);
    hunk = null;
  };
  for (let i = 0; i <= input.lines.length; i++) {
    const gap = gapAt.get(i);
    if (gap !== undefined && hunk) pending.push({ at: out.lines.length, sourceLine: gap });
    if (i === input.lines.length) break;
    const line = input.lines[i]!;
    const open = hunk as OpenHunk | null;
    if (open) {
      if (open.oldLeft <= 0 && open.newLeft <= 0) close();
      else {
        open.gaps.push(...pending);
        if (FILE_HEADER.test(line) || line.startsWith('@@ ') || endsPatch(input.lines, i)) close();
        else if (!consume(open, line, input.whitespaceDamaged ?? false)) {
          if (!input.whitespaceDamaged && rejoinWrapped(out, input.lines, i, input.sourceLines[i] ?? i + 1)) continue;
          close();
        }
      }
    }
    pending = [];
    if (!hunk) {
      const range = parseHunkHeader(line);
      if (range) hunk = { header: line.replace(/ @@.*$/, ' @@'), oldLeft: range.oldLines, newLeft: range.newLines, gaps: [] };
    }
    out.lines.push(line);
    out.sourceLines.push(input.sourceLines[i] ?? i + 1);
  }
  if (hunk) (hunk as OpenHunk).gaps.push(...pending);
  close();
  return out;
}
