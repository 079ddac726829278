/**
 * The review comments of a whole thread. Messages are read parents first: a patch mail (or a
 * cover letter) gives the meaning of each of its lines; each reply is aligned with the message
 * it answers (reply-comments.ts) and passes its own line meanings on to the replies to it, so a
 * reply to a reply continues the comment it answers, on the same patch line. A reply whose
 * parent is not in the input is read from its quoted text alone (its comments say so).
 */
import type { ThreadComment } from '../model';
import { patchMailMeanings, type AnsweredMessage } from './line-meaning';
import { readReplyComments } from './reply-comments';
import type { Thread } from './thread';

/** The comments of a thread, each with the message it comes from and the patch mail it is about. */
export interface ThreadComments {
  /** In reading order (parents before replies); `replyTo` indexes this list. */
  comments: ThreadComment[];
  /** For each comment, the index of the reply it was read from. */
  message: number[];
  /** For each comment, the index of the patch mail or cover letter it is about, or null when that is not in the input. */
  patch: (number | null)[];
}

/** Message indexes, each after the message it answers: depth first from the roots, replies in input order. */
function parentsFirst(thread: Thread): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  const visit = (start: number): void => {
    const stack = [start];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (seen.has(at)) continue;
      seen.add(at);
      order.push(at);
      stack.push(...[...thread.messages[at]!.children].reverse());
    }
  };
  for (const root of thread.roots) visit(root);
  for (const m of thread.messages) visit(m.index);
  return order;
}

/** Reads every reply's comments (see the file comment). */
export function threadComments(thread: Thread): ThreadComments {
  const result: ThreadComments = { comments: [], message: [], patch: [] };
  const answered = new Map<number, AnsweredMessage>();
  const patchOf = new Map<number, number | null>();
  for (const index of parentsFirst(thread)) {
    const m = thread.messages[index]!;
    if (!m.isReply) {
      answered.set(index, patchMailMeanings(m.body, m.patch.files.length === 0));
      patchOf.set(index, index);
      continue;
    }
    const parent = m.parent;
    const patch = parent === null ? null : patchOf.get(parent) ?? null;
    patchOf.set(index, patch);
    const patchMessageId = patch === null ? undefined : thread.messages[patch]!.messageId ?? undefined;
    const reading = readReplyComments({ body: m.body, author: m.from, date: m.date, messageId: m.messageId ?? '' },
      parent === null ? null : answered.get(parent) ?? null, result.comments, patchMessageId);
    answered.set(index, reading.answered);
    for (let k = 0; k < reading.comments.length; k++) {
      result.message.push(index);
      result.patch.push(patch);
    }
  }
  return result;
}
