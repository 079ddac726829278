/**
 * Reading a patch out of a review reply that quotes it (`> `, `>> `, `> > ` at any depth).
 *
 * The quote depth holding the diff is the one with the most `diff --git` / `@@` lines. Lines at
 * that depth or deeper, with that many quote levels stripped, are the quoted mail (prose, then
 * the diff). Text at a shallower depth between them is commentary: each block becomes a comment
 * placed before the quoted line that follows it. Depth 0 is the reply's author; depth k is the
 * author named by the nearest `... wrote:` line at depth k - 1 or quoted `From:` at depth k.
 * The reply's own signature (after `-- `), attribution lines (`... wrote:`), archive attachment
 * markers (`[2:application/...]`) and snip marks (`[...]`, `<snip>`) are not comments. One
 * unquoted line squeezed between two quoted diff lines, the one above it long, is the tail of
 * that line that the replier's client wrapped: it is joined back (`rewrapped`).
 */

import { readsAsProse } from './flattened-archive';

/** A quoted line split into its depth and its text after the quote markers. */
export interface QuotedLine {
  depth: number;
  content: string;
}

/** Reviewer text found between quoted lines. */
export interface QuotedComment {
  author: string;
  /** The comment, trimmed, its lines joined with '\n'. */
  text: string;
  /** Quote depth the comment was written at (0 = the reply itself). */
  depth: number;
  /** 0-based body line where the comment text starts. */
  bodyIndex: number;
  /** Index in `QuotedPatch.lines` of the quoted line right after the comment (may be lines.length). */
  before: number;
}

/** The quoted mail recovered from a reply. */
export interface QuotedPatch {
  /** Quote depth of the diff. */
  depth: number;
  /** Quoted lines at `depth` or deeper, with `depth` quote levels stripped. */
  lines: string[];
  /** 0-based body line of each of `lines`. */
  bodyIndex: number[];
  comments: QuotedComment[];
  /** Unquoted tails of long quoted lines that a mail client wrapped, joined back: [tail, line above] body lines. */
  rewrapped: [number, number][];
}

/** Joined lines at least this wide (columns) are ones a mail client wraps (they wrap at 72-78 with the quote marker). */
export const WRAP_WIDTH = 64;

/** Columns `text` takes with tabs to every 8th column, as a mail client lays it out. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width = c === '\t' ? width + 8 - (width % 8) : width + 1;
  return width;
}

/** A line that starts a diff: `diff --git` or a hunk header. */
export const DIFF_START = /^(?:diff --git |@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@)/;
/** The `-- ` line above a signature. */
export const SIGNATURE = /^-- ?$/;
const ARCHIVE_ATTACHMENT = /^\[\d+:[\w.+-]+\/[\w.+-]+[^\]]*\]$/;
/** Where a reviewer cut quoted text: `[...]`, `...`, `<snip>`, `[ trimmed ]`. */
export const SNIP = /^[[<(]?\s*(?:\.{3}|…|snip(?:ped)?|trimmed|cut)\s*[\]>)]?$/i;
/** An attribution line (`On ..., Name wrote:`). */
export const WROTE = /\bwrote:\s*$/;
const QUOTED_FROM = /^From:\s*(.+)$/;

/**
 * Splits the quote markers off `line`, stopping after `maxDepth` levels. One space after each
 * `>` belongs to the marker (`> > x`, `>> x`); a second space is the line's own (`>  ctx`).
 */
export function splitQuote(line: string, maxDepth = Infinity): QuotedLine {
  let i = 0;
  let depth = 0;
  while (depth < maxDepth && line.charCodeAt(i) === 62 /* > */) {
    depth++;
    i++;
    if (line.charCodeAt(i) === 32 && (line.charCodeAt(i + 1) !== 62 || depth >= maxDepth)) {
      i++;
      break;
    }
    if (line.charCodeAt(i) === 32) i++;
  }
  return { depth, content: line.slice(i) };
}

/** The quote depth holding the diff: the one with the most diff starts (the shallowest on a tie), or -1. */
export function diffDepth(quoted: readonly QuotedLine[]): number {
  const counts = new Map<number, number>();
  for (const q of quoted) if (DIFF_START.test(q.content)) counts.set(q.depth, (counts.get(q.depth) ?? 0) + 1);
  let best = -1;
  let bestCount = 0;
  for (const [depth, count] of counts) {
    if (count > bestCount || (count === bestCount && depth < best)) [best, bestCount] = [depth, count];
  }
  return best;
}

/** The person a `... wrote:` attribution line names (`On Wed, 10 Jul 2024, Mark Kettenis wrote:`). */
export function attributionName(text: string): string {
  let name = text.replace(WROTE, '').replace(/<[^>]*>?/g, '').replace(/\([^)]*@[^)]*\)/g, '').trim();
  if (/^On\b/.test(name)) {
    // `On <date> <time> [zone], Name` or Gmail's `On <date> at <time> PM Name`: the name follows the time.
    const time = /\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[+-]\d{4})?(?:\s*\([A-Za-z]+\))?[\s,]*/.exec(name);
    name = time ? name.slice(time.index + time[0].length) : name.slice(name.lastIndexOf(',') + 1);
  }
  return name.replace(/^"|"$/g, '').trim();
}

/** The author of text written at `depth`, looking upwards from body line `from`. */
function authorAt(quoted: readonly QuotedLine[], depth: number, from: number, replyAuthor: string): string {
  if (depth === 0) return replyAuthor;
  for (let i = from - 1; i >= 0; i--) {
    const q = quoted[i]!;
    if (q.depth === depth - 1 && WROTE.test(q.content)) {
      // Clients wrap long attributions: `On Wed, Jul 10, 2024 at 5:21 PM Christian Ludwig <` / `cl@x> wrote:`.
      const previous = quoted[i - 1];
      const wrapped = !/^On\b/.test(q.content) && previous?.depth === q.depth && /^On\b/.test(previous.content);
      return attributionName(wrapped ? `${previous.content} ${q.content}` : q.content);
    }
    const header = q.depth === depth ? QUOTED_FROM.exec(q.content) : null;
    if (header) return attributionName(header[1]!);
  }
  return '';
}

/**
 * Finds the quoted patch in a reply body. Returns null when no diff is quoted (a diff at depth
 * 0 is a plain patch mail, not a reply).
 */
export function readQuotedPatch(bodyLines: readonly string[], replyAuthor: string): QuotedPatch | null {
  const quoted = bodyLines.map((line) => splitQuote(line.replace(/\r$/, '')));
  const depth = diffDepth(quoted);
  if (depth <= 0) return null;
  const result: QuotedPatch = { depth, lines: [], bodyIndex: [], comments: [], rewrapped: [] };
  /** True when line i is the unquoted tail of a quoted diff line that a client wrapped. */
  const wrappedTail = (i: number): boolean => {
    const [above, below] = [quoted[i - 1], quoted[i + 1]];
    if (!above || !below || above.depth < depth || below.depth < depth) return false;
    const last = result.lines[result.lines.length - 1] ?? '';
    const tail = quoted[i]!.content;
    // The head fits the client's width (at most 80 columns with its quote markers), head and tail do not,
    // and the tail is no sentence of the reviewer's.
    return /^[ +-]/.test(last) && /^(?:[ +-]|$)/.test(below.content) && displayWidth(last) + 2 * depth <= 80 &&
      displayWidth(`${last} ${tail}`) >= WRAP_WIDTH && !readsAsProse(tail);
  };
  let block: { depth: number; start: number; text: string[] } | null = null;
  let inSignature = false;
  const closeBlock = (): void => {
    const text = block?.text.join('\n').trim();
    if (block && text) {
      result.comments.push({
        author: authorAt(quoted, block.depth, block.start, replyAuthor),
        text, depth: block.depth, bodyIndex: block.start, before: result.lines.length,
      });
    }
    block = null;
  };
  quoted.forEach((q, i) => {
    if (q.depth >= depth) {
      closeBlock();
      inSignature = false;
      result.lines.push(splitQuote(bodyLines[i]!.replace(/\r$/, ''), depth).content);
      result.bodyIndex.push(i);
      return;
    }
    const blank = q.content.trim() === '';
    if (!blank && wrappedTail(i)) {
      result.lines[result.lines.length - 1] += ` ${q.content}`;
      result.rewrapped.push([i, result.bodyIndex[result.bodyIndex.length - 1]!]);
      return;
    }
    if (SIGNATURE.test(q.content)) {
      closeBlock();
      inSignature = true;
    }
    if (inSignature || ARCHIVE_ATTACHMENT.test(q.content.trim()) || SNIP.test(q.content.trim())) return;
    const open = block as { depth: number; start: number; text: string[] } | null;
    if (WROTE.test(q.content)) {
      // An attribution line (perhaps wrapped after `On ... <`) introduces a quote; it is no comment.
      if (open?.depth === q.depth && /^On\b/.test(open.text[open.text.length - 1] ?? '')) open.text.pop();
      return;
    }
    if (blank) {
      if (open && open.depth === q.depth) open.text.push('');
      return;
    }
    if (!open || open.depth !== q.depth) {
      closeBlock();
      block = { depth: q.depth, start: i, text: [] };
    }
    block!.text.push(q.content);
  });
  closeBlock();
  return result;
}
