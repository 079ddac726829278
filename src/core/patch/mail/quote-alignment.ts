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
 * Each aligned run of lines is then checked for uniqueness between its neighbours: a run whose
 * keys occur more than once there (a lone `}` after a snip) is marked ambiguous, and so is a
 * run's first (last) line when a line in the gap before (after) it reads the same: the quote
 * does not say which of the two was kept.
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
  /** False when the run of pairs holding this one matches elsewhere between its neighbours too. */
  unique: boolean;
}

/** The result of {@link alignQuote}. */
export interface QuoteAlignment {
  pairs: AlignedPair[];
  /** For each reply line, the index in `pairs` of the pair holding it, or -1. */
  pairOfReply: Int32Array;
  keys: KeyedLine[];
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

/**
 * Aligns the reply's lines (at depth >= 1) with the answered message's lines. Depth-0 reply lines
 * are the reviewer's own text: they align only as the unquoted tail of a wrapped quoted line.
 */
export function alignQuote(replyLines: readonly string[], answeredLines: readonly string[]): QuoteAlignment {
  const reply = replyLines.map(keyOf);
  const answered = answeredLines.map(keyOf);
  const n = reply.length;
  const m = answered.length;
  const aKeys = answered.map(answeredKey);
  const rKeys = reply.map((r) => (r.depth > 0 ? dequoted(r) : ''));
  const proseLike = answeredLines.map((line) => PROSE_START.test(splitQuote(line).content));
  /** The cost of opening a gap before reply line i (after i lines of the reply). */
  const gapOpen = (i: number): number => (reply[i - 1]?.snip || reply[i]?.snip ? SNIP_GAP_OPEN : GAP_OPEN);
  const width = m + 1;
  // Two states per cell: 0 = the last answered line was aligned, 1 = inside a run of skipped answered lines.
  const score = [new Float64Array((n + 1) * width).fill(-Infinity), new Float64Array((n + 1) * width).fill(-Infinity)];
  // Back pointers: op (1 skip answered, 2 skip reply, 3 match) * 2 + previous state; counts in the low bits of `span`.
  const back = [new Uint8Array((n + 1) * width), new Uint8Array((n + 1) * width)];
  const span = [new Uint8Array((n + 1) * width), new Uint8Array((n + 1) * width)];
  score[1]![0] = 0;
  const push = (to: number, state: 0 | 1, value: number, op: number, from: 0 | 1, counts = 0): void => {
    if (value > score[state]![to]!) {
      score[state]![to] = value;
      back[state]![to] = op * 2 + from;
      span[state]![to] = counts;
    }
  };
  /**
   * The joined key of reply lines i..i+count-1 (a `=` at the end of a piece taken as a soft break
   * when `soft`), or null when they cannot be one wrapped line.
   */
  const replyJoin = (i: number, count: number, soft: boolean): string | null => {
    const head = reply[i]!;
    let key = head.key;
    for (let k = 1; k < count; k++) {
      const tail = reply[i + k];
      if (!tail || tail.snip || tail.key === '' || tail.depth > head.depth) return null;
      key = (soft ? softBreak(key) : key) + tail.key;
    }
    return `${head.depth - 1}:${key}`;
  };
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
  for (let i = 0; i <= n; i++) {
    const r = reply[i];
    const quoted = r !== undefined && r.depth > 0 && !r.snip;
    for (let j = 0; j <= m; j++) {
      const cell = i * width + j;
      for (const state of [0, 1] as const) {
        const here = score[state]![cell]!;
        if (here === -Infinity) continue;
        if (quoted && j < m) {
          const rk = rKeys[i]!;
          const ak = aKeys[j]!;
          if (rk === ak) push(cell + width + 1, 0, here + MATCH, 3, state, 0x11);
          else if (r.key !== '' && answered[j]!.key !== '') {
            // A wrapped line: the reply has its pieces (head quoted, tail quoted or not), or the answered message has.
            if (ak.startsWith(softBreak(rk))) {
              joins: for (let c = 2; c <= MAX_JOIN && i + c <= n; c++) {
                for (const soft of [true, false]) {
                  if (replyJoin(i, c, soft) === ak) {
                    push(cell + c * width + 1, 0, here + JOIN * c, 3, state, (c << 4) | 1);
                    break joins;
                  }
                }
              }
            } else if (rk.startsWith(ak)) {
              for (let c = 2; c <= MAX_JOIN && j + c <= m; c++) {
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
        if (i < n) push(cell + width, state, here - (quoted ? UNALIGNED_QUOTE : 0), 2, state);
        // Skipping answered lines costs one per run, except after the reply's last line (the rest was trimmed).
        if (j < m) push(cell + 1, 1, here - (state === 0 && i < n ? gapOpen(i) : 0), 1, state);
      }
    }
  }
  const pairs: AlignedPair[] = [];
  let cell = n * width + m;
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
      pairs.push({ reply: Math.floor(cell / width), replyCount: rc, answered: cell % width, answeredCount: ac, unique: true });
    } else break;
    state = from;
  }
  pairs.reverse();
  markAmbiguous(pairs, aKeys);
  const pairOfReply = new Int32Array(n).fill(-1);
  pairs.forEach((p, k) => {
    for (let i = p.reply; i < p.reply + p.replyCount; i++) pairOfReply[i] = k;
  });
  return { pairs, pairOfReply, keys: reply };
}

/** How often `keys[start, end)` occurs as a run in `keys[from, to)`. */
function occurrences(keys: readonly string[], start: number, end: number, from: number, to: number): number {
  let count = 0;
  const length = end - start;
  for (let at = from; at + length <= to; at++) {
    let k = 0;
    while (k < length && keys[at + k] === keys[start + k]) k++;
    if (k === length) count++;
  }
  return count;
}

/**
 * Marks the pairs of each run (pairs aligned back to back in the answered message) whose keys
 * occur more than once between the runs before and after it: the quote does not say which.
 */
function markAmbiguous(pairs: AlignedPair[], answeredKeys: readonly string[]): void {
  const runs: [number, number][] = [];
  for (let k = 0; k < pairs.length; k++) {
    const p = pairs[k]!;
    const last = runs[runs.length - 1];
    const previous = pairs[k - 1];
    if (last && previous && previous.answered + previous.answeredCount === p.answered) last[1] = k;
    else runs.push([k, k]);
  }
  runs.forEach(([first, last], r) => {
    const start = pairs[first]!.answered;
    const endPair = pairs[last]!;
    const end = endPair.answered + endPair.answeredCount;
    const before = runs[r - 1];
    const after = runs[r + 1];
    const from = before ? pairs[before[1]]!.answered + pairs[before[1]]!.answeredCount : 0;
    const to = after ? pairs[after[0]]!.answered : answeredKeys.length;
    if (occurrences(answeredKeys, start, end, from, to) > 1) {
      for (let k = first; k <= last; k++) pairs[k]!.unique = false;
    }
    // The run's first line could as well stand alone anywhere in the gap before it (its last line in the gap after it).
    const head = pairs[first]!;
    if (head.answeredCount === 1 && occurrences(answeredKeys, start, start + 1, from, start) > 0) head.unique = false;
    if (endPair.answeredCount === 1 && occurrences(answeredKeys, end - 1, end, end, to) > 0) endPair.unique = false;
  });
}
