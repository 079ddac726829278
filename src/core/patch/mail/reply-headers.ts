/**
 * The headers of a reply to all (RFC 5322 §3.6.4 for threading): to the author (or Reply-To),
 * copies to everyone the mail went to (the list, the patch author), `In-Reply-To` the mail's
 * Message-ID, `References` its references plus that id, and the subject with one `Re:`.
 * Pure: no `vscode`.
 */
import type { MailHeaders } from '../model';
import { isReplySubject } from './mail-subject';

export interface ReplyHeaders {
  subject: string;
  to: string[];
  cc: string[];
  inReplyTo?: string;
  references: string[];
  /** The sender, when the user set one; otherwise left to the mail client or git send-email. */
  from?: string;
}

/** The part of an address that identifies it: the addr-spec in lower case, or the whole text when there is none. */
export function addressKey(address: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(address);
  const bare = /^[^\s<>@]+@[^\s<>@]+$/.test(address.trim()) ? address.trim() : null;
  return (angle?.[1] ?? bare ?? address.replace(/^"|"$/g, '').trim()).toLowerCase();
}

/** `items` without repeats (by addressKey) and without those in `except`. */
function distinct(items: readonly string[], except: readonly string[] = []): string[] {
  const seen = new Set(except.map(addressKey));
  return items.filter((a) => {
    const key = addressKey(a);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A message id with its angle brackets. */
const bracketed = (id: string): string => (id.startsWith('<') ? id : `<${id}>`);

/**
 * @param mail the mail answered; null for a bare diff (then only a subject is known).
 * @param options.from the user's own address: the sender, and left out of To and Cc.
 */
export function replyHeaders(mail: MailHeaders | null, options: { from?: string } = {}): ReplyHeaders {
  const subject = mail?.subject ? (isReplySubject(mail.subject) ? mail.subject : `Re: ${mail.subject}`) : 'Re: your patch';
  const self = options.from ? [options.from] : [];
  const to = distinct(mail?.replyTo?.length ? mail.replyTo : mail?.from ? [mail.from] : [], self);
  const cc = distinct([...(mail?.to ?? []), ...(mail?.cc ?? [])], [...self, ...to]);
  const earlier = mail?.references ?? (mail?.inReplyTo ? [mail.inReplyTo] : []);
  const id = mail?.messageId ? bracketed(mail.messageId) : undefined;
  const references = distinct([...earlier.map(bracketed), ...(id ? [id] : [])]);
  return { subject, to, cc, references, ...(id ? { inReplyTo: id } : {}), ...(options.from ? { from: options.from } : {}) };
}

/**
 * A header field folded after commas so no line passes 78 characters (RFC 5322 §2.1.1, §2.2.3):
 * `name: a, b,\n\tc`. Empty lists give no line.
 */
export function headerField(name: string, values: readonly string[], separator = ', '): string[] {
  if (values.length === 0) return [];
  const lines: string[] = [];
  let line = `${name}: `;
  values.forEach((v, i) => {
    const piece = v + (i < values.length - 1 ? separator.trimEnd() : '');
    if (i > 0 && line.length + 1 + piece.length > 78) {
      lines.push(line.trimEnd());
      line = '\t';
    } else if (i > 0) line += ' ';
    line += piece;
  });
  lines.push(line);
  return lines;
}

/** The header lines of a reply, in the order mail clients write them. */
export function formatReplyHeaders(h: ReplyHeaders): string[] {
  return [
    `Subject: ${h.subject}`,
    ...headerField('To', h.to),
    ...headerField('Cc', h.cc),
    ...(h.inReplyTo ? [`In-Reply-To: ${h.inReplyTo}`] : []),
    ...headerField('References', h.references, ' '),
    ...(h.from ? [`From: ${h.from}`] : []),
  ];
}
