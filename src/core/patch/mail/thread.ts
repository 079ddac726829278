/**
 * A review thread as a reviewer gets it: every message of one or more inputs (an mbox, a maildir's
 * files, several .eml files, standard input), each decoded (MIME, quoted-printable, format=flowed
 * through postal-mime) with the patch read from it, and linked to the message it answers.
 *
 * Threading follows RFC 5322 and the JWZ threading algorithm in its simple form: the parent of a
 * message is the message its `In-Reply-To:` names when that is in the input, else the nearest
 * (last) `References:` entry that is; a reply (`Re:` subject) with neither gets the earliest
 * non-reply message of the same subject (the subject fallback for mail whose references were
 * stripped). Links that would make a cycle are dropped.
 *
 * Line numbers of a message (firstLine, bodySourceLines, its patch's lines and diagnostics) are
 * 1-based lines of its source, as for readPatch.
 */
import { diagnostic, type Diagnostic } from '../../common/diagnostic';
import type { Patch } from '../model';
import { patchFromMail, textOf } from '../read-patch';
import { isReplySubject } from './mail-subject';
import { looksLikeMail, messageIds, readMail, shiftBodySourceLines, type BodySourceLines } from './mail-message';
import { lineStartOffsets, looksLikeMbox, mboxMessageBytes, readMbox, type MboxMessage } from './mbox';
import { readPlainMail } from './plain-mail';

/** One input: a file (or standard input) holding an mbox or a single mail. */
export interface ThreadSource {
  /** Name used in messages (a path, or `-` / `<stdin>`). */
  name: string;
  data: Uint8Array | string;
}

/** One mail of the thread, decoded. */
export interface ThreadMessage {
  /** 0-based position in {@link Thread.messages}: sources in the order given, messages in file order. */
  index: number;
  /** Name of the source the message came from. */
  source: string;
  /** 1-based line of the source where the message's headers start. */
  firstLine: number;
  /** `Message-ID:` without angle brackets; null when the mail has none. */
  messageId: string | null;
  /** `In-Reply-To:` without angle brackets; null when absent. */
  inReplyTo: string | null;
  /** `References:` ids, oldest first, without angle brackets. */
  references: string[];
  /** Index of the message this one answers, when that is in the input; else null. */
  parent: number | null;
  /** Indexes of the messages that answer this one, in input order. */
  children: number[];
  /** `Name <address>` of the sender (RFC 2047 decoded). */
  from: string;
  /** The `Date:` header as written. */
  date: string;
  /** The date in milliseconds since 1970 UTC, or null when it cannot be read. */
  time: number | null;
  /** The subject, unfolded and decoded. */
  subject: string;
  /** True when the subject starts with `Re:` (or a localised reply prefix). */
  isReply: boolean;
  /** The decoded text/plain body (MIME, quoted-printable and format=flowed undone). */
  body: string;
  /** Source lines of the body's lines (see MailMessage.bodySourceLines, here counted in the source). */
  bodySourceLines: BodySourceLines;
  /** The patch read from the message (files empty for a reply without a diff or a cover letter). */
  patch: Patch;
}

/** A problem of one source; `line` is 1-based in that source. */
export interface ThreadDiagnostic extends Diagnostic {
  source: string;
}

export interface Thread {
  messages: ThreadMessage[];
  /** Indexes of the messages that answer no message of the input, in input order. */
  roots: number[];
  /** Problems with the inputs as a whole (not mail, cut short, duplicate ids); each message's own are on its patch. */
  diagnostics: ThreadDiagnostic[];
}

/** The id inside `<...>`, or the trimmed value when it has no brackets; null when empty. */
function bareId(value: string | undefined): string | null {
  if (!value) return null;
  return messageIds(value)[0] ?? (value.trim() || null);
}

/** The subject without reply prefixes and bracketed tags, lower case, white space collapsed. */
export function baseSubject(subject: string): string {
  let s = subject;
  for (let before = ''; before !== s;) {
    before = s;
    s = s.replace(/^\s*(?:(?:re|aw|sv|antw|fwd?)\s*(?:\[\d+\])?\s*:|\[[^\]]*\])\s*/i, '');
  }
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A raw message of a source, before decoding. */
interface RawMessage {
  /** The message as given to the MIME reader (bytes cut from the input when it is bytes), made on demand. */
  raw: () => Uint8Array | string;
  text: string;
  firstLine: number;
}

/** The messages of one source: an mbox's messages, or the source as one mail; null when it is not mail. */
function rawMessages(source: ThreadSource, text: string, diagnostics: ThreadDiagnostic[]): RawMessage[] | null {
  if (looksLikeMbox(text)) {
    const bytes = typeof source.data === 'string' ? null : source.data;
    let starts: number[] | null = null;
    const raw = (m: MboxMessage) => (): Uint8Array | string => {
      if (!bytes) return m.text;
      starts ??= lineStartOffsets(bytes);
      return mboxMessageBytes(bytes, starts, m);
    };
    const mbox = readMbox(text);
    for (const d of mbox.diagnostics) diagnostics.push({ source: source.name, ...diagnostic(d.line, 'warning', d.code, d.message) });
    return mbox.messages.map((m) => ({ raw: raw(m), text: m.text, firstLine: m.firstLine }));
  }
  if (looksLikeMail(text)) return [{ raw: () => source.data, text, firstLine: 1 }];
  return null;
}

/** True when `text` ends inside its header block (no empty line after the headers). */
function cutInHeaders(text: string): boolean {
  return !/\r?\n\r?\n/.test(text);
}

/** Decodes one message. */
async function threadMessage(source: string, m: RawMessage, index: number): Promise<ThreadMessage> {
  // The plain reader numbers body lines in the source already; the MIME reader, in the message.
  const plain = readPlainMail(m.text, m.firstLine);
  const mail = plain ?? await readMail(m.raw(), m.text);
  const firstLine = plain ? 1 : m.firstLine;
  const patch = patchFromMail(mail, firstLine, false);
  const time = Date.parse(mail.headers.date);
  const lines = mail.bodySourceLines;
  return {
    index,
    source,
    firstLine: m.firstLine,
    messageId: bareId(mail.headers.messageId),
    inReplyTo: bareId(mail.headers.inReplyTo),
    references: mail.references,
    parent: null,
    children: [],
    from: mail.headers.from,
    date: mail.headers.date,
    time: Number.isNaN(time) ? null : time,
    subject: mail.headers.subject,
    isReply: isReplySubject(mail.headers.subject),
    body: mail.body,
    bodySourceLines: plain ? lines : shiftBodySourceLines(lines, m.firstLine - 1),
    patch,
  };
}

/** True when making `parent` the parent of `child` would close a cycle. */
function makesCycle(messages: readonly ThreadMessage[], child: number, parent: number): boolean {
  for (let at: number | null = parent, steps = 0; at !== null && steps <= messages.length; at = messages[at]!.parent, steps++) {
    if (at === child) return true;
  }
  return false;
}

/** Sets `parent` and `children` of every message (see the file comment for the rules). */
export function linkReplies(messages: ThreadMessage[]): ThreadDiagnostic[] {
  const diagnostics: ThreadDiagnostic[] = [];
  const byId = new Map<string, number>();
  for (const m of messages) {
    if (m.messageId === null) continue;
    if (byId.has(m.messageId)) {
      diagnostics.push({ source: m.source, ...diagnostic(m.firstLine, 'info', 'duplicate-message-id', `Message-ID <${m.messageId}> appears twice; replies attach to its first copy.`) });
    } else byId.set(m.messageId, m.index);
  }
  // Subject fallback: the earliest non-reply message of each base subject.
  const bySubject = new Map<string, number>();
  for (const m of messages) {
    if (m.isReply) continue;
    const key = baseSubject(m.subject);
    const known = bySubject.get(key);
    if (known === undefined || (m.time ?? Infinity) < (messages[known]!.time ?? Infinity)) bySubject.set(key, m.index);
  }
  for (const m of messages) {
    m.parent = null;
    m.children = [];
  }
  for (const m of messages) {
    const candidates = [m.inReplyTo, ...[...m.references].reverse()];
    let parent: number | null = null;
    for (const id of candidates) {
      const found = id === null ? undefined : byId.get(id);
      if (found !== undefined && found !== m.index) {
        parent = found;
        break;
      }
    }
    if (parent === null && m.isReply && m.inReplyTo === null && m.references.length === 0) {
      parent = bySubject.get(baseSubject(m.subject)) ?? null;
      if (parent === m.index) parent = null;
    }
    if (parent !== null && !makesCycle(messages, m.index, parent)) m.parent = parent;
  }
  for (const m of messages) if (m.parent !== null) messages[m.parent]!.children.push(m.index);
  return diagnostics;
}

/**
 * Reads every message of `sources` and links the replies. Never throws: a source that is not
 * mail, an mbox cut inside a message's headers, or a `Content-Length:` that does not fit, is a
 * diagnostic; the rest is still read.
 */
export async function readThread(sources: readonly ThreadSource[]): Promise<Thread> {
  const messages: ThreadMessage[] = [];
  const diagnostics: ThreadDiagnostic[] = [];
  for (const source of sources) {
    const text = textOf(source.data);
    const raws = rawMessages(source, text, diagnostics);
    if (raws === null) {
      diagnostics.push({ source: source.name, ...diagnostic(1, 'warning', 'not-mail', `${source.name} is not a mail or an mbox (no header block naming From:, Subject: or Date:); skipped.`) });
      continue;
    }
    for (const raw of raws) {
      if (cutInHeaders(raw.text)) {
        diagnostics.push({ source: source.name, ...diagnostic(raw.firstLine, 'warning', 'cut-message', `The message starting here ends inside its headers (the input was cut short); skipped.`) });
        continue;
      }
      messages.push(await threadMessage(source.name, raw, messages.length));
    }
  }
  diagnostics.push(...linkReplies(messages));
  return { messages, roots: messages.filter((m) => m.parent === null).map((m) => m.index), diagnostics };
}
