/**
 * The reply document the user edited (headers, a blank line, the body), read back and handed
 * on: as an .eml file for `git send-email` / `mutt -H`, or as a `mailto:` URL (RFC 6068) for
 * the user's mail client. Pure: no `vscode`.
 */

/** A reply document split into its header fields (unfolded; names in lower case) and its body. */
export interface ReplyDocument {
  headers: Map<string, string>;
  body: string;
}

/** Reads the header block at the top of a reply document back (the user may have edited it). */
export function readReplyDocument(text: string): ReplyDocument {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const headers = new Map<string, string>();
  let last: string | null = null;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      i++;
      break;
    }
    const field = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (field) {
      last = field[1]!.toLowerCase();
      headers.set(last, field[2]!.trim());
    } else if (/^[ \t]/.test(line) && last) headers.set(last, `${headers.get(last)} ${line.trim()}`.trim());
    else break; // not a header block: all of it is body
  }
  if (headers.size === 0) return { headers, body: text };
  return { headers, body: lines.slice(i).join('\n') };
}

/** Splits a header value that lists addresses at the commas outside quotes and angle brackets. */
export function splitAddresses(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if (ch === ',' && !quoted && !angle) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out.filter((a) => a !== '');
}

/**
 * The reply as an RFC 5322 message file (.eml) that `git send-email` and `mutt -H` read: the
 * document's headers, plain UTF-8 text MIME headers, CRLF-free (both tools take LF files).
 */
export function replyEml(text: string): string {
  const doc = readReplyDocument(text);
  const header = text.slice(0, text.length - doc.body.length).replace(/\n+$/, '');
  const mime = ['MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit'];
  const missing = mime.filter((m) => !doc.headers.has(m.slice(0, m.indexOf(':')).toLowerCase()));
  return `${[header, ...missing].filter((l) => l !== '').join('\n')}\n\n${doc.body.replace(/\n*$/, '\n')}`;
}

/**
 * A `mailto:` URL (RFC 6068) with the reply's To, Cc, Subject, In-Reply-To, References and
 * body, for the user's mail client. Line breaks in the body are CRLF, percent-encoded.
 */
export function replyMailto(text: string): string {
  const doc = readReplyDocument(text);
  const to = splitAddresses(doc.headers.get('to') ?? '');
  const params: string[] = [];
  const add = (name: string, value: string | undefined): void => {
    if (value) params.push(`${name}=${encodeURIComponent(value)}`);
  };
  add('cc', splitAddresses(doc.headers.get('cc') ?? '').join(','));
  add('subject', doc.headers.get('subject'));
  add('in-reply-to', doc.headers.get('in-reply-to'));
  add('references', doc.headers.get('references'));
  add('body', doc.body.replace(/\n+$/, '').replace(/\r?\n/g, '\r\n'));
  return `mailto:${to.map(encodeURIComponent).join(',')}${params.length ? `?${params.join('&')}` : ''}`;
}
