/**
 * Reading one RFC 5322 / MIME mail through postal-mime: headers (encoded words decoded), the
 * decoded text/plain body, and attachments that hold a patch (text/x-patch, text/x-diff, or a
 * text attachment named *.patch / *.diff).
 *
 * Line numbers: when the body reached us as it is in the input (single part, not base64), body
 * lines map to lines of the input, so diagnostics point into the file the user opened; for a
 * quoted-printable body, to the raw line where each decoded line starts. Otherwise (base64,
 * multipart) they refer to the decoded body (line 1 = its first line).
 */
import PostalMime from 'postal-mime';
import type { Address, Email } from 'postal-mime';
import type { MailHeaders } from '../model';
import { readPlainMail } from './plain-mail';

/** A patch carried as an attachment. */
export interface MailAttachmentText {
  fileName: string | null;
  mimeType: string;
  text: string;
}

/** One mail, decoded. */
export interface MailMessage {
  headers: MailHeaders;
  /** The decoded text/plain body ('' when the mail has none). */
  body: string;
  /** Where the body's lines are in the input (see {@link BodySourceLines}). */
  bodySourceLines: BodySourceLines;
  /** Text attachments that look like patches, in mail order. */
  patchAttachments: MailAttachmentText[];
  /** Message-IDs of the `References:` header, oldest first, without angle brackets. */
  references: string[];
}

/**
 * The 1-based input line of each body line. A number: the body is the input text as it is, and
 * body line i (0-based) is input line `first + i` (one number, not an array a line: a 400-message
 * mbox reads no faster than the arrays it allocates). An array: the first raw line of each
 * decoded line, for a quoted-printable body. Null when the body was decoded otherwise (base64,
 * multipart): then body line i is reported as i + 1.
 */
export type BodySourceLines = number | number[] | null;

/** The 1-based input line of 0-based body line `index`, or null when the body's lines are not in the input. */
export function bodySourceLine(lines: BodySourceLines, index: number): number | null {
  if (lines === null) return null;
  if (typeof lines === 'number') return lines + index;
  return lines[index] ?? lines[lines.length - 1] ?? null;
}

/** `lines` moved down by `offset` input lines (a message's lines counted in the file that holds it). */
export function shiftBodySourceLines(lines: BodySourceLines, offset: number): BodySourceLines {
  if (lines === null) return null;
  return typeof lines === 'number' ? lines + offset : lines.map((l) => l + offset);
}

const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:[ \t]?\S?/;
const PATCH_MIME = /^(?:text\/x-(?:patch|diff)|text\/x-diff|application\/(?:x-)?(?:patch|diff))$/i;
const PATCH_NAME = /\.(?:patch|diff)$/i;

/**
 * True when `text` starts with an RFC 5322 header block that names a sender, a subject or a
 * date (the first lines are `Name: value`, possibly folded). The block may be of any size: list
 * mail carries kilobytes of Received / ARC / DKIM lines before From: and Subject:.
 */
export function looksLikeMail(text: string): boolean {
  let known = false;
  let at = 0;
  for (let first = true; at < text.length; first = false) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end).replace(/\r$/, '');
    at = end < 0 ? text.length : end + 1;
    if (line === '') break;
    if (!first && /^[ \t]/.test(line)) continue;
    if (!HEADER_LINE.test(line)) return false;
    if (/^(?:from|subject|date|message-id):/i.test(line)) known = true;
  }
  return known;
}

/** The message ids (`<id>`) in a References or In-Reply-To value, in order, without brackets. */
export function messageIds(value: string | undefined): string[] {
  return [...(value ?? '').matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
}

/** `Name <address>`, `Name`, or `address`, as a person would write it. */
export function formatAddress(address: Address | undefined): string {
  if (!address) return '';
  if (address.group !== undefined) return address.name;
  if (address.name && address.address) return `${address.name} <${address.address}>`;
  return address.name || address.address;
}

/** An address as it is written in a header list: a display name with RFC 5322 specials (a comma) in quotes. */
function listAddress(address: Address): string {
  if (address.group === undefined && address.name && address.address && /[",;:<>@()[\]\\]/.test(address.name)) {
    return `"${address.name.replace(/["\\]/g, '\\$&')}" <${address.address}>`;
  }
  return formatAddress(address);
}

/** Each address of a header's list, a group's members in its place. */
function addressList(list: readonly Address[] | undefined): string[] {
  return (list ?? []).flatMap((a) => (a.group !== undefined ? a.group.map(listAddress) : [listAddress(a)])).filter((a) => a !== '');
}

/** The plain name of a sender (`Mark Kettenis` for `Mark Kettenis <kettenis@...>`). */
export function senderName(address: Address | undefined): string {
  if (!address) return '';
  return address.name || (address.group === undefined ? address.address : '');
}

/** Index of the first character of the body (after the empty line ending the headers), or -1. */
function bodyOffset(raw: string): number {
  const match = /\r?\n\r?\n/.exec(raw);
  return match ? match.index + match[0].length : -1;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Every non-ASCII character as '?': an 8-bit byte read as UTF-8 (U+FFFD) and read in its charset compare equal. */
function asciiShape(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[^\x00-\x7f]/g, '?');
}

/**
 * The 1-based input line of the body when the decoded body is the raw body as it is (up to
 * charset decoding), so body line i is input line (result + i); null when it was transformed.
 */
function verbatimBodyLine(raw: string, body: string): number | null {
  const offset = bodyOffset(raw);
  if (offset < 0) return null;
  const rawBody = asciiShape(raw.slice(offset));
  const decoded = asciiShape(body).replace(/\n+$/, '');
  if (!rawBody.startsWith(decoded)) return null;
  return countLines(raw.slice(0, offset)) + 1;
}

/**
 * For a single-part quoted-printable body: the input line where each decoded line starts (a raw
 * line ending in `=` is a soft break that continues on the next). Null when the count of lines
 * found differs from the decoded body's.
 */
function quotedPrintableLines(raw: string, body: string): number[] | null {
  const offset = bodyOffset(raw);
  if (offset < 0) return null;
  const first = countLines(raw.slice(0, offset)) + 1;
  const starts: number[] = [];
  let startsLine = true;
  raw.slice(offset).replace(/\r\n/g, '\n').split('\n').forEach((line, i) => {
    if (startsLine) starts.push(first + i);
    startsLine = !/=[ \t]*$/.test(line);
  });
  const decodedLines = body.replace(/\r\n/g, '\n').split('\n').length;
  while (starts.length > decodedLines) starts.pop();
  return starts.length === decodedLines ? starts : null;
}

/** Input lines of the body's lines, when they can be told (see MailMessage.bodySourceLines). */
function bodySourceLines(email: Email, raw: string, body: string): BodySourceLines {
  const first = verbatimBodyLine(raw, body);
  if (first !== null) return first;
  const header = (key: string): string => email.headers.find((h) => h.key === key)?.value.trim().toLowerCase() ?? '';
  if (header('content-transfer-encoding') !== 'quoted-printable' || header('content-type').startsWith('multipart/')) return null;
  return quotedPrintableLines(raw, body);
}

function attachmentText(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === 'string') return content;
  return new TextDecoder('utf-8').decode(content);
}

/**
 * Reads a mail. `raw` is the mail as given (bytes keep their charset for postal-mime); `rawText`
 * is the same as text, used to map body lines to input lines. A plain format-patch mail is read
 * without the MIME reader (see plain-mail.ts). Never throws: a mail postal-mime
 * cannot read gives empty headers and the raw text after the header block as body.
 */
export async function readMail(raw: Uint8Array | string, rawText: string): Promise<MailMessage> {
  return readPlainMail(rawText) ?? readMimeMail(raw, rawText);
}

/** Reads a mail through postal-mime (readMail without its plain path). */
export async function readMimeMail(raw: Uint8Array | string, rawText: string): Promise<MailMessage> {
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'utf8' });
  } catch {
    const offset = bodyOffset(rawText);
    const body = offset < 0 ? '' : rawText.slice(offset);
    const first = countLines(rawText.slice(0, offset)) + 1;
    return {
      headers: { from: '', date: '', subject: '' },
      body,
      bodySourceLines: offset < 0 ? null : first,
      patchAttachments: [],
      references: [],
    };
  }
  const rawDate = email.headers.find((h) => h.key === 'date')?.value ?? email.date ?? '';
  const headers: MailHeaders = {
    from: formatAddress(email.from),
    date: rawDate.trim(),
    subject: (email.subject ?? '').replace(/\s+/g, ' ').trim(),
  };
  if (email.messageId) headers.messageId = email.messageId;
  if (email.inReplyTo) headers.inReplyTo = email.inReplyTo;
  const lists = { to: email.to, cc: email.cc, replyTo: email.replyTo } as const;
  for (const [key, list] of Object.entries(lists) as [keyof typeof lists, Address[] | undefined][]) {
    const addresses = addressList(list);
    if (addresses.length > 0) headers[key] = addresses;
  }
  const references = messageIds(email.references);
  // The headers keep the written form (`<id>`), as In-Reply-To and Message-ID do: a reply copies them.
  if (references.length > 0) headers.references = references.map((id) => `<${id}>`);
  const body = email.text ?? '';
  const patchAttachments = email.attachments
    .filter((a) => PATCH_MIME.test(a.mimeType) || (/^text\//i.test(a.mimeType) && PATCH_NAME.test(a.filename ?? '')))
    .map((a) => ({ fileName: a.filename, mimeType: a.mimeType, text: attachmentText(a.content) }));
  return { headers, body, bodySourceLines: bodySourceLines(email, rawText, body), patchAttachments, references };
}
