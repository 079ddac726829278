/**
 * Aligning the quoted text of a reply with the message it answers, by content.
 *
 * A reply quotes the answered message's body one level deeper: its depth-k lines are the
 * answered body's depth-(k - 1) lines. On the way, reviewers and mail clients trim headers,
 * hunks and hunk ends, put snips (`...`, `[...]`, `<snip>`) in, re-wrap long lines (the tail
 * quoted or not, a quoted-printable soft break `=` left at the break), join short ones, drop the
 * leading space of context lines, turn tabs into spaces and strip trailing blanks. So lines are
 * compared as keys (quote depth, then the text without any white space), and the two sequences
 * are aligned globally (dynamic programming, an affine cost for skipped answered lines so kept
 * runs of the quote stay together, lower where a snip mark says lines were cut), with joins of up to three reply lines into one answered line
 * and of up to three answered lines into one reply line.
 *
 * Each aligned pair is then checked: it is unique when every order-keeping placement of the
 * aligned lines on answered lines that read the same puts it on the same line. Otherwise (a lone
 * `}` after a snip; a run's first or last line that reads the same as a line in the gap beside
 * it; a run's last blank line when a blank quoted after a snip could as well take its place and
 * it the next blank) the quote does not say which line was kept.
 */
import { SNIP, splitQuote } from './quoted-reply';

/** A body line as the alignment sees it. */
export interface KeyedLine {
  /** Quote depth. */
  depth: number;
  /** The text after the quote markers with every white space character removed. */
  key: string;
  /** True for a snip mark at any depth. */
  snip: boolean;
}

/** The key of one body line. */
export function keyOf(line: string): KeyedLine {
  const { depth, content } = splitQuote(line.replace(/\r$/, ''));
  const key = content.replace(/\s+/g, '');
  return { depth, key, snip: SNIP.test(content.trim()) && key !== '' };
}

/** One aligned pair: reply lines [reply, reply + replyCount) with answered lines [answered, answered + answeredCount). */
export interface AlignedPair {
  reply: number;
  replyCount: number;
  answered: number;
  answeredCount: number;
  /** False when another order-keeping placement of the aligned lines on lines reading the same puts this pair elsewhere. */
  unique: boolean;
}

/** The result of {@link alignQuote}. */
export interface QuoteAlignment {
  pairs: AlignedPair[];
  /** For each reply line, the index in `pairs` of the pair holding it, or -1. */
  pairOfReply: Int32Array;
  keys: KeyedLine[];
  /** DP cells filled (two scores, two back pointers each), the measure of the work done. */
  cells: number;
}

/** Score of one aligned pair. */
const MATCH = 10;
/** A join (a wrapped line) scores a little lower than plain matches of the same lines. */
const JOIN = 9;
/** A quoted reply line left unaligned. */
const UNALIGNED_QUOTE = 3;
/** Opening a run of skipped answered lines (trimmed text): one per run. */
const GAP_OPEN = 1;
/**
 * Opening it where the reply has a snip mark (the line before or after the gap): the mark says
 * lines were cut there, so such a gap is preferred to a silent one of the same length. Without
 * it, a run ending in a line that reads the same later (`}` and a blank line) could as well be
 * split before that line and its end aligned with the later copy: two gaps either way.
 */
const SNIP_GAP_OPEN = 0.5;
/** A line that may be re-flowed with its neighbours: text, not a diff line (` `, `+`, `-`, `@@`, `\`). */
const PROSE_START = /^[^\s+\-@\\<>]/;
/** Most lines one side of a join may take. */
const MAX_JOIN = 3;

/** The reply line's key as the answered message has it: one quote level less. */
function dequoted(line: KeyedLine): string {
  return `${line.depth - 1}:${line.key}`;
}

function answeredKey(line: KeyedLine): string {
  return `${line.depth}:${line.key}`;
}

/** A quoted-printable soft break left at the end of a wrapped head. */
const softBreak = (key: string): string => (key.endsWith('=') ? key.slice(0, -1) : key);

/** What the segment aligner needs of both messages. */
interface Sides {
  reply: readonly KeyedLine[];
  answered: readonly KeyedLine[];
  /** Reply keys one quote level less ('' for depth-0 lines). */
  rKeys: readonly string[];
  aKeys: readonly string[];
  /** Answered lines that may be re-flowed with their neighbours. */
  proseLike: readonly boolean[];
}

/**
 * The joined key of reply lines i..i+count-1 (a `=` at the end of a piece taken as a soft break
 * when `soft`), or null when they cannot be one wrapped line.
 */
function replyJoin(reply: readonly KeyedLine[], i: number, count: number, soft: boolean): string | null {
  const head = reply[i];
  if (!head || head.depth === 0 || head.snip) return null;
  let key = head.key;
  for (let k = 1; k < count; k++) {
    const tail = reply[i + k];
    if (!tail || tail.snip || tail.key === '' || tail.depth > head.depth) return null;
    key = (soft ? softBreak(key) : key) + tail.key;
  }
  return `${head.depth - 1}:${key}`;
}

/** True when reply line i may be a piece of a wrapped line whose whole is an answered line. */
function maybePiece(reply: readonly KeyedLine[], i: number, answeredKeys: ReadonlySet<string>): boolean {
  for (let count = 2; count <= MAX_JOIN; count++) {
    for (let head = Math.max(0, i - count + 1); head <= i; head++) {
      for (const soft of [true, false]) {
        const joined = replyJoin(reply, head, count, soft);
        if (joined !== null && answeredKeys.has(joined)) return true;
      }
    }
  }
  return false;
}

/**
 * Most DP cells one segment between anchors may take (12 bytes each: ~12 MB). A larger segment
 * (a long stretch of quote with no line found once on both sides) is left unaligned: its
 * comments fall back to the last aligned line above them and say the quote did not match.
 */
export const MAX_SEGMENT_CELLS = 1 << 20;

/**
 * Anchors: reply lines whose key (one quote level less) occurs once among the reply's quoted
 * lines and once in the answered message, kept in the longest chain increasing on both sides
 * (patience diff's anchors), leaving out lines that may be a piece of a wrapped line. Such a
 * line can only be that answered line; the DP runs between them.
 */
function anchors(sides: Sides): [number, number][] {
  const count = new Map<string, number>();
  const quoted = (i: number): boolean => {
    const r = sides.reply[i]!;
    return r.depth > 0 && !r.snip && r.key !== '';
  };
  sides.rKeys.forEach((k, i) => {
    if (quoted(i)) count.set(k, (count.get(k) ?? 0) + 1);
  });
  const answeredKeys = new Set(sides.aKeys);
  const inAnswered = new Map<string, number>();
  sides.aKeys.forEach((k, j) => {
    if (count.get(k) === 1) inAnswered.set(k, inAnswered.has(k) ? -1 : j);
  });
  const candidates: [number, number][] = [];
  sides.rKeys.forEach((k, i) => {
    const j = quoted(i) && count.get(k) === 1 ? inAnswered.get(k) : undefined;
    if (j !== undefined && j >= 0 && !maybePiece(sides.reply, i, answeredKeys)) candidates.push([i, j]);
  });
  // Longest chain increasing in j (i already increases): patience sorting, O(k log k).
  const tails: number[] = [];
  const previous = new Int32Array(candidates.length).fill(-1);
  candidates.forEach(([, j], c) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (candidates[tails[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[c] = tails[lo - 1]!;
    tails[lo] = c;
  });
  const chain: [number, number][] = [];
  for (let c = tails.length > 0 ? tails[tails.length - 1]! : -1; c >= 0; c = previous[c]!) chain.push(candidates[c]!);
  return chain.reverse();
}

/**
 * Aligns reply lines [i0, i1) with answered lines [j0, j1) by dynamic programming and appends
 * the pairs found to `pairs`. `afterMatch`: the line before both ranges was aligned (an anchor),
 * so skipping answered lines at the start opens a gap; else the skipped head is free. The tail
 * is free when the range ends the reply. Returns the cells filled.
 */
function alignSegment(sides: Sides, i0: number, i1: number, j0: number, j1: number, afterMatch: boolean, pairs: AlignedPair[]): number {
  const { reply, answered, rKeys, aKeys, proseLike } = sides;
  const n = i1 - i0;
  const m = j1 - j0;
  const width = m + 1;
  const cells = (n + 1) * width;
  if (cells > MAX_SEGMENT_CELLS) return 0;
  const replyEnd = reply.length;
  // Two states per cell: 0 = the last answered line was aligned, 1 = inside a run of skipped answered lines.
  const score = [new Float32Array(cells).fill(-Infinity), new Float32Array(cells).fill(-Infinity)];
  // Back pointers: op (1 skip answered, 2 skip reply, 3 match) * 2 + previous state; counts in the low bits of `span`.
  const back = [new Uint8Array(cells), new Uint8Array(cells)];
  const span = [new Uint8Array(cells), new Uint8Array(cells)];
  score[afterMatch ? 0 : 1]![0] = 0;
  const push = (to: number, state: 0 | 1, value: number, op: number, from: 0 | 1, counts = 0): void => {
    if (value > score[state]![to]!) {
      score[state]![to] = value;
      back[state]![to] = op * 2 + from;
      span[state]![to] = counts;
    }
  };
  /** The cost of opening a gap before reply line i (after i lines of the reply). */
  const gapOpen = (i: number): number => (reply[i - 1]?.snip || reply[i]?.snip ? SNIP_GAP_OPEN : GAP_OPEN);
  /** The joined key of answered lines j..j+count-1, or null when they cannot be one re-flowed line (diff lines never are). */
  const answeredJoin = (j: number, count: number): string | null => {
    const head = answered[j]!;
    if (!proseLike[j]) return null;
    let key = head.key;
    for (let k = 1; k < count; k++) {
      const next = answered[j + k];
      if (!next || !proseLike[j + k] || next.depth !== head.depth) return null;
      key += next.key;
    }
    return `${head.depth}:${key}`;
  };
  for (let i = i0; i <= i1; i++) {
    const r = i < i1 ? reply[i] : undefined;
    // A quoted snip mark is the reviewer's cut, unless the answered message has it too (its own writer's cut, quoted on).
    const quotedLine = r !== undefined && r.depth > 0;
    const quoted = quotedLine && !r.snip;
    for (let j = j0; j <= j1; j++) {
      const cell = (i - i0) * width + (j - j0);
      for (const state of [0, 1] as const) {
        const here = score[state]![cell]!;
        if (here === -Infinity) continue;
        if (quotedLine && j < j1) {
          const rk = rKeys[i]!;
          const ak = aKeys[j]!;
          if (rk === ak) push(cell + width + 1, 0, here + MATCH, 3, state, 0x11);
          else if (quoted && r.key !== '' && answered[j]!.key !== '') {
            // A wrapped line: the reply has its pieces (head quoted, tail quoted or not), or the answered message has.
            if (ak.startsWith(softBreak(rk))) {
              joins: for (let c = 2; c <= MAX_JOIN && i + c <= i1; c++) {
                for (const soft of [true, false]) {
                  if (replyJoin(reply, i, c, soft) === ak) {
                    push(cell + c * width + 1, 0, here + JOIN * c, 3, state, (c << 4) | 1);
                    break joins;
                  }
                }
              }
            } else if (rk.startsWith(ak)) {
              for (let c = 2; c <= MAX_JOIN && j + c <= j1; c++) {
                const joined = answeredJoin(j, c);
                if (joined === null || !rk.startsWith(joined)) break;
                if (joined === rk) {
                  push(cell + width + c, 0, here + JOIN * c, 3, state, 0x10 | c);
                  break;
                }
              }
            }
          }
        }
        if (i < i1) push(cell + width, state, here - (quoted ? UNALIGNED_QUOTE : 0), 2, state);
        // Skipping answered lines costs one per run, except after the reply's last line (the rest was trimmed).
        if (j < j1) push(cell + 1, 1, here - (state === 0 && i < replyEnd ? gapOpen(i) : 0), 1, state);
      }
    }
  }
  const found: AlignedPair[] = [];
  let cell = cells - 1;
  let state: 0 | 1 = score[0]![cell]! >= score[1]![cell]! ? 0 : 1;
  while (cell > 0) {
    const b = back[state]![cell]!;
    const op = b >> 1;
    const from = (b & 1) as 0 | 1;
    if (op === 1) cell -= 1;
    else if (op === 2) cell -= width;
    else if (op === 3) {
      const counts = span[state]![cell]!;
      const rc = counts >> 4;
      const ac = counts & 15;
      cell -= rc * width + ac;
      found.push({ reply: i0 + Math.floor(cell / width), replyCount: rc, answered: j0 + (cell % width), answeredCount: ac, unique: true });
    } else break;
    state = from;
  }
  pairs.push(...found.reverse());
  return cells;
}

/**
 * Aligns the reply's lines (at depth >= 1) with the answered message's lines. Depth-0 reply lines
 * are the reviewer's own text: they align only as the unquoted tail of a wrapped quoted line.
 * Lines found once on both sides anchor the alignment; the DP runs between anchors only, so time
 * and memory follow the longest stretch between anchors, not the product of the two lengths.
 */
export function alignQuote(replyLines: readonly string[], answeredLines: readonly string[]): QuoteAlignment {
  const reply = replyLines.map(keyOf);
  const answered = answeredLines.map(keyOf);
  const sides: Sides = {
    reply, answered,
    rKeys: reply.map((r) => (r.depth > 0 ? dequoted(r) : '')),
    aKeys: answered.map(answeredKey),
    proseLike: answeredLines.map((line) => PROSE_START.test(splitQuote(line).content)),
  };
  const pairs: AlignedPair[] = [];
  let cells = 0;
  let i0 = 0;
  let j0 = 0;
  let afterMatch = false;
  for (const [i, j] of anchors(sides)) {
    cells += alignSegment(sides, i0, i, j0, j, afterMatch, pairs);
    pairs.push({ reply: i, replyCount: 1, answered: j, answeredCount: 1, unique: true });
    [i0, j0, afterMatch] = [i + 1, j + 1, true];
  }
  cells += alignSegment(sides, i0, reply.length, j0, answered.length, afterMatch, pairs);
  markAmbiguous(pairs, sides.aKeys);
  const pairOfReply = new Int32Array(reply.length).fill(-1);
  pairs.forEach((p, k) => {
    for (let i = p.reply; i < p.reply + p.replyCount; i++) pairOfReply[i] = k;
  });
  return { pairs, pairOfReply, keys: reply, cells };
}

/**
 * Marks the pairs the quote does not pin. All aligned pairs, in order, are placed on answered
 * lines that read the same (a pair of several answered lines on as many lines reading the same),
 * each after the one before: once as early as possible, once as late as possible. A pair on the
 * same line both ways is on that line in every such placement; else some other reading of the
 * quote puts it elsewhere (a lone `}` after a snip, a run's last blank line that could as well be
 * a blank line further on with the lines before it cut), and it is marked not unique. The
 * alignment found is one such placement, so the verdict does not depend on which of two equally
 * good alignments the DP kept.
 */
function markAmbiguous(pairs: AlignedPair[], answeredKeys: readonly string[]): void {
  const spanKey = (at: number, count: number): string | undefined =>
    count === 1 ? answeredKeys[at] : at < 0 || at + count > answeredKeys.length ? undefined : answeredKeys.slice(at, at + count).join('\n');
  const earliest = new Int32Array(pairs.length);
  let next = 0;
  pairs.forEach((p, k) => {
    const key = spanKey(p.answered, p.answeredCount);
    let at = next;
    // The alignment's own place is always a candidate: the scan stops there at the latest.
    while (at !== p.answered && spanKey(at, p.answeredCount) !== key) at++;
    earliest[k] = at;
    next = at + p.answeredCount;
  });
  let end = answeredKeys.length;
  for (let k = pairs.length - 1; k >= 0; k--) {
    const p = pairs[k]!;
    const key = spanKey(p.answered, p.answeredCount);
    let at = end - p.answeredCount;
    while (at !== p.answered && spanKey(at, p.answeredCount) !== key) at--;
    p.unique = at === earliest[k];
    end = at;
  }
}
