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
    ' {', ' \tint s;', `+\t${added}`, ' ', '-- ', '2.45.2', '',
  ].join('\n');
}

/** How the patches of a generated series are threaded. */
export type Threading = 'to-cover' | 'chain' | 'none';

export interface SeriesSpec {
  version: number;
  total: number;
  cover: boolean;
  threading: Threading;
  /** Minute of the first mail. */
  minute: number;
  /** The message the whole series answers (b4 send --in-reply-to an older version's cover). */
  inReplyTo?: string;
  /** `n of m` counters (Mercurial patchbomb) instead of `n/m`. */
  ofStyle?: boolean;
  /** What the series is about, in its ids and titles (another series of the same sender); none for the reaper series. */
  topic?: string;
  /** Message-IDs as git send-email writes them, `<stamp-serial-user@host>`, with this stamp (`YYYYmmddHHMMSS.pid`). */
  stamp?: string;
}

/**
 * The Message-ID of mail n (0: the cover) of a series. With a git send-email stamp, the form
 * send-email gives (`<20240710120000.4242-2-topic-v1@example.org>`: the serial counts the mails of
 * one sending from 1, the cover first when there is one); else a short readable id.
 */
export function seriesId(version: number, n: number, topic?: string, sending?: { stamp: string; cover: boolean }): string {
  const name = `${topic ? `${topic}-` : ''}v${version}`;
  return sending ? `${sending.stamp}-${sending.cover ? n + 1 : n}-${name}@example.org` : `${name}-${n}@example.org`;
}

/** The mails of a series: cover (when asked) and patches 1..m, each patch adding one line to its own function. */
export function seriesMails(spec: SeriesSpec): MailSpec[] {
  const mails: MailSpec[] = [];
  const tag = (n: number): string => {
    const counter = spec.ofStyle ? `${n} of ${spec.total}` : `${n}/${spec.total}`;
    return `[PATCH${spec.version > 1 ? ` v${spec.version}` : ''} ${counter}]`;
  };
  const id = (n: number): string => seriesId(spec.version, n, spec.topic, spec.stamp ? { stamp: spec.stamp, cover: spec.cover } : undefined);
  const about = spec.topic ? `${spec.topic}: ` : '';
  const top = spec.cover ? id(0) : spec.inReplyTo;
  if (spec.cover) {
    mails.push({ id: id(0), subject: `${tag(0)} sched: ${spec.topic ?? 'one reaper per CPU'}`, minute: spec.minute,
      ...spec.inReplyTo ? { inReplyTo: spec.inReplyTo, references: [spec.inReplyTo] } : {},
      body: `This is version ${spec.version} of the series.\n` });
  }
  for (let n = 1; n <= spec.total; n++) {
    const previous = n === 1 ? top : id(n - 1);
    const parent = spec.threading === 'none' ? undefined : spec.threading === 'to-cover' ? top : previous;
    mails.push({
      id: id(n), subject: `${tag(n)} sched: ${about}step ${n}`, minute: spec.minute + n,
      ...parent ? { inReplyTo: parent, references: [...new Set([top, parent].filter((x): x is string => x !== undefined))] } : {},
      body: patchBody('sys/kern/kern_sched.c', `${spec.topic ?? ''}step${n}`, `v${spec.version}_step${n}();`),
    });
  }
  return mails;
}

/** A reply to `to` (id and subject) with `text` as the reviewer's own words under a quote. */
export function reply(id: string, to: MailSpec, text: string, from = 'Mark Kettenis <kettenis@example.org>', minute = 90): MailSpec {
  return {
    id, subject: `Re: ${to.subject.replace(/^Re:\s*/i, '')}`, from, minute,
    inReplyTo: to.id, references: [...to.references ?? [], to.id],
    body: `On Wed, Jul 10, 2024, someone wrote:\n> ${to.body.split('\n')[0]}\n\n${text}\n`,
  };
}
