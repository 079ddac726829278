/**
 * The `reaperscope patch --json` document for input holding more than one message: the series
 * (by revision) with cover letter, patches (files as in the one-patch document, totals, trailers
 * given in replies), missing numbers and duplicates; the replies; the review comments read from
 * each reply; totals over every patch; diagnostics naming their source file and line.
 */
import type { Diagnostic } from '../core/common/diagnostic';
import { groupSeries, type ThreadSeries } from '../core/patch/mail/series';
import type { Thread, ThreadMessage } from '../core/patch/mail/thread';
import type { CommentCertainty, CommentSubject, FilePatch } from '../core/patch/model';
import { threadComments } from '../core/patch/mail/thread-comments';
import { fileJson, type FileJson } from './patch-json';

export interface MessageJson { subject: string; from: string; date: string; messageId: string | null }

/** Which patch of which series a reply or comment is about (n 0: the cover letter). */
export interface AboutJson { version: number; n: number }

export interface TotalsJson { files: number; added: number; removed: number; hunks: number }

export interface SeriesPatchJson extends MessageJson {
  n: number;
  of: number;
  files: FileJson[];
  totals: TotalsJson;
  trailers: { name: string; value: string; from: string }[];
}

export interface SeriesJson {
  version: number;
  flags: string[];
  title: string;
  from: string;
  cover: MessageJson | null;
  patches: SeriesPatchJson[];
  missing: number[];
  /** Patch numbers sent more than once: the message ids of every copy, the one kept last. */
  duplicates: { n: number; messageIds: (string | null)[] }[];
}

/**
 * A review comment: on a patch line (`file`, `side`, `line`) or not (they are null, `topic` says
 * what it is about); `certainty` exact / approximate (with `reason`) / not-a-line; `proposal` the
 * reviewer's own diff; `replyTo` the index of the comment it answers; `about` the patch.
 */
export interface CommentJson {
  author: string;
  date: string;
  file: string | null;
  side: 'old' | 'new' | null;
  line: number | null;
  text: string;
  certainty: CommentCertainty;
  reason?: string;
  /** False when the reply's answered message is not in the input: the line was read from its quote alone. */
  checked: boolean;
  topic: CommentSubject;
  proposal?: string;
  replyTo?: number;
  messageId: string | null;
  about: AboutJson | null;
}

export interface ThreadJson {
  series: SeriesJson[];
  replies: (MessageJson & { inReplyTo: string | null; about: AboutJson | null })[];
  comments: CommentJson[];
  totals: TotalsJson;
  diagnostics: { source: string; line: number; severity: Diagnostic['severity']; code: string; message: string; messageId: string | null }[];
}

function messageJson(m: ThreadMessage): MessageJson {
  return { subject: m.subject, from: m.from, date: m.date, messageId: m.messageId };
}

function totalsOf(files: readonly FilePatch[]): TotalsJson {
  return {
    files: files.length,
    added: files.reduce((n, f) => n + f.added, 0),
    removed: files.reduce((n, f) => n + f.removed, 0),
    hunks: files.reduce((n, f) => n + f.hunks.length, 0),
  };
}

/** The JSON document for a thread; `grouped` is its {@link groupSeries} (made when not given). */
export function threadJson(thread: Thread, grouped: ThreadSeries = groupSeries(thread)): ThreadJson {
  const { messages } = thread;
  const aboutOf = (index: number): AboutJson | null => {
    const about = grouped.about.get(index);
    return about ? { version: grouped.series[about.series]!.version, n: about.n } : null;
  };
  const series = grouped.series.map((s): SeriesJson => ({
    version: s.version,
    flags: s.flags,
    title: s.title,
    from: s.from,
    cover: s.cover === null ? null : messageJson(messages[s.cover]!),
    patches: s.patches.map((p) => {
      const m = messages[p.message]!;
      return {
        n: p.n, of: p.of, ...messageJson(m), files: m.patch.files.map(fileJson), totals: totalsOf(m.patch.files),
        trailers: p.trailers.map((t) => ({ name: t.name, value: t.value, from: t.from })),
      };
    }),
    missing: s.missing,
    duplicates: s.duplicates.map((d) => ({ n: d.n, messageIds: d.messages.map((i) => messages[i]!.messageId) })),
  }));
  const patchFiles = grouped.series.flatMap((s) => s.patches.flatMap((p) => messages[p.message]!.patch.files));
  const diagnostics: ThreadJson['diagnostics'] = [
    ...[...thread.diagnostics, ...grouped.diagnostics].map((d) => ({ source: d.source, line: d.line, severity: d.severity, code: d.code, message: d.message, messageId: null })),
    ...messages.flatMap((m) => m.patch.diagnostics.map((d) => ({ source: m.source, line: d.line, severity: d.severity, code: d.code, message: d.message, messageId: m.messageId }))),
  ];
  return {
    series,
    replies: grouped.replies.map((i) => ({ ...messageJson(messages[i]!), inReplyTo: messages[i]!.inReplyTo, about: aboutOf(i) })),
    comments: commentsJson(thread, grouped),
    totals: totalsOf(patchFiles),
    diagnostics,
  };
}

/** Every comment of the thread's replies, placed by aligning each reply with the message it answers. */
function commentsJson(thread: Thread, grouped: ThreadSeries): CommentJson[] {
  const patchAbout = new Map<number, AboutJson>();
  for (const s of grouped.series) {
    if (s.cover !== null) patchAbout.set(s.cover, { version: s.version, n: 0 });
    for (const p of s.patches) patchAbout.set(p.message, { version: s.version, n: p.n });
  }
  const read = threadComments(thread);
  return read.comments.map((c, k) => {
    const patch = read.patch[k] ?? null;
    const json: CommentJson = {
      author: c.author, date: c.date, file: c.file, side: c.side, line: c.line, text: c.text, certainty: c.certainty, checked: c.checked, topic: c.about,
      messageId: thread.messages[read.message[k]!]!.messageId, about: patch === null ? null : patchAbout.get(patch) ?? null,
    };
    if (c.reason !== undefined) json.reason = c.reason;
    if (c.proposal !== undefined) json.proposal = c.proposal;
    if (c.replyTo !== undefined) json.replyTo = c.replyTo;
    return json;
  });
}
