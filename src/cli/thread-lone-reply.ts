/**
 * A review reply read alone (`reaperscope patch reply.eml`: the message it answers is not in the
 * input). Its comments come from the thread reader's robust quote reader (quoted-hunks.ts through
 * threadComments): a quoted hunk without its file header, a hunk cut short, snips are read, not
 * errors. Each comment is `checked: false`; it is exact only where the quote pins its line (file
 * and hunk headers quoted, every line down to it with its diff marker, no snip), else
 * approximate with the reason. The quoted diff's errors (a hunk cut short) become notes.
 */
import { diagnostic } from '../core/common/diagnostic';
import type { CommentCertainty, Patch, ReviewComment } from '../core/patch/model';
import { bodySourceLine } from '../core/patch/mail/mail-message';
import { diffDepth, splitQuote } from '../core/patch/mail/quoted-reply';
import { threadComments } from '../core/patch/mail/thread-comments';
import { readThread, type ThreadSource } from '../core/patch/mail/thread';
import { patchJson, type PatchJson } from './patch-json';

/** What {@link readLoneReply} found. */
export interface LoneReply {
  /** The patch as readPatch gave it, with the comments of the robust reader and errors turned to notes. */
  patch: Patch;
  /** True when the reply quotes at least one hunk header or diff header. */
  quotesDiff: boolean;
  /** Comments on a patch line that could not be checked against the patch (all of them, the answered message being absent). */
  unchecked: number;
}

/** Why an error of a reply's quoted diff is only a note. */
const QUOTE_NOTE = 'the reply quotes the patch only in part; read as far as the quote goes';

/**
 * Reads `source` as a lone reply when it is one (a single mail that quotes a diff at depth 1 or
 * more); null when it is not (a patch mail, a bare diff, a reply quoting no diff). `patch` is
 * what readPatch gave for the same input.
 */
export async function readLoneReply(source: ThreadSource, patch: Patch): Promise<LoneReply | null> {
  const thread = await readThread([source]);
  if (thread.messages.length !== 1) return null;
  const message = thread.messages[0]!;
  const lines = message.body.split('\n');
  const quotesDiff = diffDepth(lines.map((l) => splitQuote(l.replace(/\r$/, '')))) > 0;
  if (!quotesDiff) return null;
  const read = threadComments(thread);
  const bodyLine = (line: number): number => bodySourceLine(message.bodySourceLines, line - 1) ?? message.firstLine + line - 1;
  const comments: ReviewComment[] = read.comments.flatMap((c) => {
    if (c.file === null || c.side === null || c.line === null) return [];
    const comment: ReviewComment = {
      author: c.author, text: c.text, file: c.file, side: c.side, line: c.line, sourceLine: bodyLine(c.bodyLine),
      certainty: c.certainty, date: c.date, messageId: c.messageId,
    };
    if (c.reason !== undefined) comment.reason = c.reason;
    if (c.proposal !== undefined) comment.proposal = c.proposal;
    return [comment];
  });
  const diagnostics = patch.diagnostics.map((d) => (d.severity === 'error'
    ? { ...diagnostic(d.line, 'info', d.code, `${d.message} (${QUOTE_NOTE})`, d.column) }
    : d));
  return { patch: { ...patch, comments, diagnostics }, quotesDiff, unchecked: comments.length };
}

/** The lines the `patch` report adds for a lone reply: which comments could not be checked, and why. */
export function loneReplySummary(reply: LoneReply, name: string): string[] {
  if (reply.unchecked === 0) return [];
  const out = ['', `${reply.unchecked} comment(s) could not be checked: ${name} is a reply read alone (the message it answers is not in the input); lines read from the quote:`];
  for (const c of reply.patch.comments) {
    out.push(`  ${name}:${c.sourceLine}: ${c.file || '(file not quoted)'}:${c.line} (${c.side} side), ${c.certainty ?? 'exact'}${c.reason ? `: ${c.reason}` : ''}`);
  }
  return out;
}

/** A comment of `patch --json` for a lone reply: today's fields, and how sure its line is. */
export type LoneCommentJson = PatchJson['comments'][number] & { certainty: CommentCertainty; reason?: string; checked: false };

/** The `patch --json` document of a lone reply: today's shape, each comment with its certainty, reason and `checked: false`. */
export function loneReplyJson(reply: LoneReply): Omit<PatchJson, 'comments'> & { comments: LoneCommentJson[] } {
  const json = patchJson(reply.patch);
  return {
    ...json,
    comments: reply.patch.comments.map((c, k) => {
      const out: LoneCommentJson = { ...json.comments[k]!, certainty: c.certainty ?? 'exact', checked: false };
      if (c.reason !== undefined) out.reason = c.reason;
      return out;
    }),
  };
}
