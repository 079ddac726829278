/**
 * The comments of one reply, placed on the lines they are about.
 *
 * The reply's quoted text is aligned with the message it answers (quote-alignment.ts); each block
 * of the reviewer's own text (depth 0) goes on the last aligned line above it and takes that
 * line's meaning (line-meaning.ts): a patch line (file, side, line), a line of an earlier comment
 * (the new comment answers it, on the same patch line), or text about no line (commit message,
 * cover letter, general). Quoted words of other people are never comments. A diff inside the
 * reviewer's text is a proposal attached to the comment. Without the answered message the
 * quoted text is read alone (quoted-hunks.ts): every comment says it could not be checked
 * (`checked` false) and is exact only where the quote pins its line.
 */
import type { ThreadComment } from '../model';
import { alignQuote, type QuoteAlignment } from './quote-alignment';
import { SIGNATURE, SNIP, WROTE, readQuotedPatch, splitQuote } from './quoted-reply';
import { quotedHunkMeanings, UNCHECKED } from './quoted-hunks';
import type { AnsweredMessage, LineMeaning } from './line-meaning';

/** The reply as the thread gives it. */
export interface ReplyMessage {
  /** The decoded body (flowed text and quoted-printable already decoded where the mail said so). */
  body: string;
  /** `Name <address>`. */
  author: string;
  date: string;
  messageId: string;
}

/** What {@link readReplyComments} found. */
export interface ReplyReading {
  /** The comments of this reply, also appended to the thread's list. */
  comments: ThreadComment[];
  /** This reply's lines and their meanings, for the replies that answer it. */
  answered: AnsweredMessage;
}

/** A line of a reviewer's proposed diff (or the blank between its parts). */
const PROPOSAL_START = /^(?:diff --git |diff -|Index: |--- \S|@@ -\d)/;
const PROPOSAL_LINE = /^(?:[ +\-\\]|@@ |diff |index |Index: |={5,}|new file mode|deleted file mode|similarity index|rename (?:from|to) |old mode|new mode|$)/;

/** Splits a comment's lines into its words and the diff it proposes (null when none). */
export function splitProposal(lines: readonly string[]): { text: string; proposal: string | null } {
  const start = lines.findIndex((l, i) => PROPOSAL_START.test(l) && lines.slice(i).some((x) => x.startsWith('@@ -')));
  if (start < 0) return { text: lines.join('\n').trim(), proposal: null };
  let end = start;
  while (end < lines.length && PROPOSAL_LINE.test(lines[end]!)) end++;
  while (end > start && lines[end - 1] === '') end--;
  const text = [lines.slice(0, start), lines.slice(end)].map((part) => part.join('\n').trim()).filter((part) => part !== '').join('\n\n');
  return { text, proposal: lines.slice(start, end).join('\n') };
}

/** The reply's quoted text, one quote level removed, as the answered message would read: the fallback's stand-in. */
function quotedStandIn(lines: readonly string[]): string[] {
  const wrappedTails = new Map<number, number>();
  for (const [tail, above] of readQuotedPatch(lines, '')?.rewrapped ?? []) wrappedTails.set(tail, above);
  const standIn: string[] = [];
  const standInOf = new Map<number, number>();
  lines.forEach((line, i) => {
    const above = wrappedTails.get(i);
    if (above !== undefined && standInOf.has(above)) {
      standIn[standInOf.get(above)!] += ` ${line}`;
      return;
    }
    const q = splitQuote(line.replace(/\r$/, ''));
    // The reviewer's snip marks stay: the lines after one are counted as if nothing was cut, and say so.
    if (q.depth === 0 && SNIP.test(q.content.trim())) standIn.push(q.content);
    if (q.depth === 0) return;
    standInOf.set(i, standIn.length);
    standIn.push(`${'> '.repeat(q.depth - 1)}${q.content}`);
  });
  return standIn;
}

/** Why a comment under a quoted line that reads the same in two places of the answered message is approximate. */
const AMBIGUOUS = 'the quoted lines above it match more than one place of the answered message';

const joinReasons = (...reasons: (string | undefined)[]): string => reasons.filter((r) => r).join('; ');

interface Block {
  start: number;
  lines: string[];
  /** The last aligned pair above the block, or -1. */
  pair: number;
  /** Why the place is not exact, from what lies between that line and the block. */
  doubts: string[];
}

/** The answered line a pair ends on. */
function pairEnd(alignment: QuoteAlignment, pair: number): number {
  const p = alignment.pairs[pair]!;
  return p.answered + p.answeredCount - 1;
}

/** The comment for one block of the reviewer's text. */
function commentOf(
  block: Block, reply: ReplyMessage, meaning: LineMeaning | null, doubts: string[], thread: readonly ThreadComment[], checked: boolean,
): ThreadComment | null {
  const { text, proposal } = splitProposal(block.lines);
  if (text === '' && proposal === null) return null;
  const base = { author: reply.author, date: reply.date, messageId: reply.messageId, text, bodyLine: block.start + 1, checked };
  const withProposal = <T extends object>(c: T): T => (proposal === null ? c : { ...c, proposal });
  if (meaning === null || meaning.kind === 'text') {
    const about = meaning?.about ?? 'general';
    return withProposal({ ...base, file: null, side: null, line: null, about, certainty: 'not-a-line' as const });
  }
  if (meaning.kind === 'comment') {
    const answered = thread[meaning.comment]!;
    const reasons = [...(answered.reason ? [answered.reason] : []), ...doubts];
    const certainty = answered.certainty === 'not-a-line' ? 'not-a-line' : reasons.length > 0 ? 'approximate' : answered.certainty;
    const comment: ThreadComment = {
      ...base, file: answered.file, side: answered.side, line: answered.line, about: answered.about, certainty, replyTo: meaning.comment,
    };
    if (answered.patchMessageId !== undefined) comment.patchMessageId = answered.patchMessageId;
    if (reasons.length > 0 && certainty === 'approximate') comment.reason = reasons.join('; ');
    return withProposal(comment);
  }
  const reasons = [...(meaning.reason ? [meaning.reason] : []), ...doubts];
  const comment: ThreadComment = {
    ...base, file: meaning.file, side: meaning.side, line: meaning.line, about: 'line', certainty: reasons.length > 0 ? 'approximate' : 'exact',
  };
  if (reasons.length > 0) comment.reason = reasons.join('; ');
  return withProposal(comment);
}

/**
 * Reads the comments of `reply`, which answers `answered` (null when that message is not in the
 * input), appends them to `thread` and returns them with this reply's own line meanings.
 * `patchMessageId` names the patch mail the comments are about, when known.
 */
export function readReplyComments(
  reply: ReplyMessage, answered: AnsweredMessage | null, thread: ThreadComment[], patchMessageId?: string,
): ReplyReading {
  const lines = reply.body.split('\n').map((l) => l.replace(/\r$/, ''));
  const checked = answered !== null;
  const target = answered ?? quotedHunkMeanings(quotedStandIn(lines));
  const alignment = alignQuote(lines, target.lines);
  const meanings: (LineMeaning | null)[] = lines.map(() => null);
  const comments: ThreadComment[] = [];
  let lastPair = -1;
  let doubts: string[] = [];
  let block: Block | null = null;
  let inSignature = false;
  const close = (): void => {
    const b = block;
    block = null;
    if (!b) return;
    while (b.lines.length > 0 && b.lines[b.lines.length - 1]!.trim() === '') b.lines.pop();
    const meaning = b.pair < 0 ? null : target.meanings[pairEnd(alignment, b.pair)] ?? null;
    const pair = alignment.pairs[b.pair];
    const ambiguity = pair && !pair.unique && meaning?.kind !== 'text' ? [AMBIGUOUS] : [];
    const comment = commentOf(b, reply, meaning, [...ambiguity, ...b.doubts], thread, checked);
    if (!comment) return;
    if (patchMessageId !== undefined && comment.about === 'line' && comment.patchMessageId === undefined) comment.patchMessageId = patchMessageId;
    if (!checked && comment.certainty === 'approximate' && !comment.reason?.includes(UNCHECKED)) comment.reason = joinReasons(UNCHECKED, comment.reason);
    const index = thread.length;
    thread.push(comment);
    comments.push(comment);
    for (let i = b.start; i < b.start + b.lines.length; i++) meanings[i] = { kind: 'comment', comment: index };
  };
  lines.forEach((line, i) => {
    const pair = alignment.pairOfReply[i]!;
    const keyed = alignment.keys[i]!;
    if (pair >= 0) {
      close();
      lastPair = pair;
      doubts = [];
      inSignature = false;
      const meaning = target.meanings[pairEnd(alignment, pair)] ?? null;
      meanings[i] = meaning?.kind === 'patch' && !alignment.pairs[pair]!.unique ? { ...meaning, reason: joinReasons(meaning.reason, AMBIGUOUS) } : meaning;
      return;
    }
    if (keyed.snip) {
      close();
      if (lastPair >= 0) doubts = [...new Set([...doubts, 'a snip lies between the quoted line and the comment'])];
      return;
    }
    if (keyed.depth > 0) {
      close();
      inSignature = false;
      if (keyed.key !== '' && lastPair >= 0) {
        doubts = [...new Set([...doubts, 'the quoted text right above it does not match the answered message'])];
      }
      return;
    }
    const text = line;
    if (SIGNATURE.test(text)) {
      close();
      inSignature = true;
    }
    if (inSignature) return;
    if (WROTE.test(text)) {
      // An attribution (perhaps wrapped after `On ... <`) introduces the quote below it.
      const open = block as Block | null;
      if (open && /^On\b/.test(open.lines[open.lines.length - 1] ?? '')) open.lines.pop();
      close();
      return;
    }
    if (text.trim() === '' && !block) return;
    if (!block) block = { start: i, lines: [], pair: lastPair, doubts };
    (block as Block).lines.push(text);
  });
  close();
  return { comments, answered: { lines, meanings } };
}
