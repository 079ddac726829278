/**
 * A fast reader for the mail git format-patch and git send-email write: one text/plain part in
 * UTF-8 or US-ASCII, 7bit or 8bit, not flowed, headers without encoded words, LF line ends. Such
 * a mail's body is its text as it is, so the MIME reader has nothing to decode; reading the
 * headers here keeps a 400-message series from paying a MIME parse per message. Anything else
 * (encoded words, quoted-printable, base64, multipart, flowed, other charsets, CR LF) returns
 * null, and the caller uses the MIME reader. The result equals what readMail gives through
 * postal-mime for the same mail (see its tests).
 */
import type { MailHeaders } from '../model';
import type { MailMessage } from './mail-message';

/** The unfolded header fields of a header block, names lower case; null when a line is not a header. */
function headerFields(block: string): Map<string, string> | null {
  const fields = new Map<string, string>();
  let name = '';
  for (const line of block.split('\n')) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (name === '') return null;
      fields.set(name, `${fields.get(name)!} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[A-Za-z][A-Za-z0-9-]*$/.test(line.slice(0, colon))) return null;
    name = line.slice(0, colon).toLowerCase();
    // A repeated field keeps its first value, as postal-mime's named fields do.
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/** `Name <address>` (the name unquoted) or a bare address; null for forms left to the MIME reader. */
function plainAddress(value: string): string | null {
  const named = /^(?:"([^"\\]*)"|([^"<>,;:()\\]*?))\s*<([^<>\s"(),;:\\]+@[^<>\s"(),;:\\]+)>$/.exec(value);
  if (named) {
    const name = (named[1] ?? named[2] ?? '').trim();
    return name ? `${name} <${named[3]}>` : named[3]!;
  }
  return /^[^<>\s"(),;:\\]+@[^<>\s"(),;:\\]+$/.test(value) ? value : null;
}

/** A comma-separated list of plain addresses; null when one is not plain or its name holds a character the MIME reader would quote. */
function addressList(value: string): string[] | null {
  const list: string[] = [];
  for (const item of value.split(',').map((a) => a.trim()).filter((a) => a !== '')) {
    const address = plainAddress(item);
    if (address === null) return null;
    const name = / <[^>]*>$/.test(address) ? address.replace(/ <[^>]*>$/, '') : '';
    if (/[@[\]]/.test(name)) return null;
    list.push(address);
  }
  return list;
}

/** True when the Content-Type (absent: text/plain; charset=us-ascii) and transfer encoding need no decoding. */
function plainContent(fields: ReadonlyMap<string, string>): boolean {
  const type = fields.get('content-type');
  if (type !== undefined) {
    const params = type.toLowerCase().split(';').map((p) => p.trim());
    if (params[0] !== 'text/plain') return false;
    for (const param of params.slice(1)) {
      const [key, raw = ''] = param.split('=', 2);
      const value = raw.replace(/^"|"$/g, '');
      if (key === 'charset' && value !== 'utf-8' && value !== 'us-ascii') return false;
      if (key === 'format' && value !== 'fixed') return false;
    }
  }
  const encoding = (fields.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  return encoding === '7bit' || encoding === '8bit';
}

/**
 * Reads `text` (one mail) when it is a plain mail as described above; else null. `text` must be
 * the mail's exact text: its body lines are body lines 1.. after the header block. With
 * `firstLine`, bodySourceLines counts from that line of a larger input (1: the mail's own lines).
 */
export function readPlainMail(text: string, firstLine = 1): MailMessage | null {
  if (text.includes('\r')) return null;
  const end = text.indexOf('\n\n');
  if (end < 0) return null;
  const block = text.slice(0, end);
  if (block.includes('=?')) return null;
  const fields = headerFields(block);
  if (!fields || !plainContent(fields)) return null;
  const rest = text.slice(end + 2);
  // The MIME reader ends a non-empty body with a line break.
  const body = rest === '' || rest.endsWith('\n') ? rest : `${rest}\n`;
  // An 8-bit byte that is not UTF-8 became U+FFFD; its charset is the MIME reader's business.
  if (body.includes('\ufffd')) return null;
  const from = fields.get('from');
  const address = from === undefined ? '' : plainAddress(from);
  if (address === null) return null;
  const headers: MailHeaders = { from: address, date: fields.get('date') ?? '', subject: (fields.get('subject') ?? '').replace(/\s+/g, ' ').trim() };
  const messageId = fields.get('message-id');
  const inReplyTo = fields.get('in-reply-to');
  if (messageId) headers.messageId = messageId;
  if (inReplyTo) headers.inReplyTo = inReplyTo;
  for (const [key, field] of [['to', 'to'], ['cc', 'cc'], ['replyTo', 'reply-to']] as const) {
    const value = fields.get(field);
    if (value === undefined) continue;
    const list = addressList(value);
    if (list === null) return null;
    if (list.length > 0) headers[key] = list;
  }
  const references = [...(fields.get('references') ?? '').matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (references.length > 0) headers.references = references.map((id) => `<${id}>`);
  return { headers, body, bodySourceLines: countLines(block) + 2 + firstLine, patchAttachments: [], references };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
