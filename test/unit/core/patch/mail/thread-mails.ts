/**
 * Writing list mail for thread tests: format-patch mails, cover letters and replies, with the
 * headers real list traffic carries (a long Received / ARC / DKIM block before From:), joined
 * into an mbox. Patches touch BSD-style C written for these tests.
 */

export interface MailSpec {
  id: string;
  subject: string;
  from?: string;
  /** Minutes after 2024-07-10 12:00 UTC. */
  minute?: number;
  inReplyTo?: string;
  references?: string[];
  body: string;
  /** Extra header lines placed before From: (list traffic). */
  preamble?: string[];
}

/** ~6 KB of the transport headers a list adds before From: and Subject:. */
export function listPreamble(seed: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 24; i++) {
    lines.push(`Received: from mail${seed}-${i}.example.net (mail${seed}-${i}.example.net [192.0.2.${(seed + i) % 250}])`,
      `\tby lists.example.org (Postfix) with ESMTPS id 4W${seed}K${i}Q0Zz${i}`,
      `\tfor <tech@lists.example.org>; Wed, 10 Jul 2024 15:42:${String(i % 60).padStart(2, '0')} +0000 (UTC)`);
  }
  lines.push('ARC-Seal: i=1; a=rsa-sha256; d=example.org; s=arc; t=1720626165; cv=none;',
    `\tb=${'Q'.repeat(70)}`, `\t${'W'.repeat(70)}`,
    'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=k1;',
    `\tbh=${'x'.repeat(43)}=;`, `\tb=${'y'.repeat(70)}`,
    'List-Id: <tech.lists.example.org>', 'List-Unsubscribe: <mailto:tech-unsubscribe@lists.example.org>');
  return lines;
}

function date(minute: number): string {
  const d = new Date(Date.UTC(2024, 6, 10, 12, minute));
  return d.toUTCString().replace('GMT', '+0000');
}

/** One mail: headers, empty line, body (ending in a line break). */
export function mail(spec: MailSpec): string {
  const headers = [...spec.preamble ?? []];
  headers.push(`From: ${spec.from ?? 'Christian Ludwig <cludwig@example.org>'}`,
    `Date: ${date(spec.minute ?? 0)}`,
    `Subject: ${spec.subject}`,
    `Message-ID: <${spec.id}>`);
  if (spec.inReplyTo) headers.push(`In-Reply-To: <${spec.inReplyTo}>`);
  if (spec.references?.length) headers.push(`References: ${spec.references.map((r) => `<${r}>`).join('\n ')}`);
  headers.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8');
  const body = spec.body.endsWith('\n') ? spec.body : `${spec.body}\n`;
  return `${headers.join('\n')}\n\n${body}`;
}

/** Mails joined into an mboxrd (`From ` lines in bodies quoted with `>`). */
export function mbox(mails: readonly string[]): string {
  return mails.map((m) => `From mboxrd@z Thu Jan  1 00:00:00 1970\n${m.replace(/^(>*From )/gm, '>$1')}`).join('\n');
}

/** A patch body: commit message, diffstat-free `---`, one hunk adding `added` to function `fn` of `file`. */
export function patchBody(file: string, fn: string, added: string, message = `Change ${fn}.`): string {
  return [
    message, '', 'Signed-off-by: Christian Ludwig <cludwig@example.org>', '---',
    `diff --git a/${file} b/${file}`,
    `--- a/${file}`, `+++ b/${file}`,
    `@@ -10,3 +10,4 @@ ${fn}(void)`,
    ' {', '\tint s;', `+\t${added}`, ' ', '-- ', '2.45.2', '',
  ].join('\n');
}
