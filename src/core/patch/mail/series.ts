/**
 * The series in a thread, grouped the way b4 and patchwork group them.
 *
 * - A series member is a message that is not a reply and whose subject tags say PATCH (or count
 *   `n/m`, `n of m`), or that holds a diff; a pull request (`[GIT PULL]`) is not one.
 * - Members group by revision (`vN`, 1 when absent), the count m (1 for an unnumbered patch) and
 *   the sender's address, like patchwork's series (same submitter, version and total), so v1 and
 *   v2 of a series stay apart even when v2 is threaded to v1's cover letter (b4 send
 *   --in-reply-to). Unnumbered patches also group by subject: each is a series of its own.
 *   Within that, members group by the root of their thread (b4 reads one thread as one series):
 *   two unrelated series of one sender with the same version and count, each in its own thread,
 *   stay apart (see splitByThread for resent copies and patches sent unthreaded, which are
 *   told apart by the Message-ID stem git send-email gives one sending; see sendingStem).
 *   `RFC` and `RESEND` are flags, not a new revision (b4's reading): a RESEND of v2 is v2, and
 *   where a patch number appears twice the newest copy is kept (by Date:, then input order) and
 *   the others are named as duplicates.
 * - The cover letter is `0/m`; when there is none, the message the lowest patch answers, when that
 *   is a non-reply without a diff that belongs to no series (a cover sent without a counter).
 * - Replies belong to the member or cover whose sub-thread they are in (other members' sub-threads
 *   excluded); their trailers (see trailers.ts) are collected for that patch, and those sent to
 *   the cover letter for every patch of the series, as b4 does.
 */
import { diagnostic } from '../../common/diagnostic';
import type { Thread, ThreadDiagnostic, ThreadMessage } from './thread';
import { baseSubject } from './thread';
import { subjectTags, type SubjectTags } from './mail-subject';
import { replyTrailers, type TrailerLine } from './trailers';

/** A trailer given in a reply. */
export interface Trailer {
  name: TrailerLine['name'];
  value: string;
  /** The reply's sender (`Name <address>`). */
  from: string;
  /** Index of the reply in the thread's messages. */
  message: number;
}

/** One patch of a series. */
export interface SeriesPatch {
  /** Its number, 1-based. */
  n: number;
  /** The count m of its `n/m` (1 for an unnumbered patch). */
  of: number;
  /** Index of the message in the thread. */
  message: number;
  /** Trailers given in replies to it, then those given to the cover letter; each (name, value) once. */
  trailers: Trailer[];
  /** Indexes of the replies in its sub-thread, in input order. */
  replies: number[];
}

export interface PatchSeries {
  /** Revision, 1 when the subject names none. */
  version: number;
  /** `RFC`, `RESEND` as the members' subjects give them. */
  flags: string[];
  /** The count m; 1 for an unnumbered patch. */
  total: number;
  /** Sender of the series. */
  from: string;
  /** Title of the cover letter, else of the lowest patch. */
  title: string;
  /** Index of the cover letter, or null. */
  cover: number | null;
  /** Replies to the cover letter (sub-thread), in input order. */
  coverReplies: number[];
  /** Patches in number order (one per number). */
  patches: SeriesPatch[];
  /** Numbers 1..m with no patch in the input. */
  missing: number[];
  /** Numbers sent more than once: every copy's message, the kept one last. */
  duplicates: { n: number; messages: number[] }[];
}

export interface ThreadSeries {
  /** By revision, then by first appearance. */
  series: PatchSeries[];
  /** Messages that belong to no series and are not its cover: replies and the rest, in input order. */
  replies: number[];
  /** For each message index in `replies`: the series and patch (n; 0 for the cover) it answers, when any. */
  about: Map<number, { series: number; n: number }>;
  diagnostics: ThreadDiagnostic[];
}

/** The address inside `Name <address>`, lower case, or the whole value. */
function senderAddress(from: string): string {
  return (/<([^>]+)>\s*$/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

interface Member {
  message: ThreadMessage;
  tags: SubjectTags;
  n: number;
}

function isMember(m: ThreadMessage, tags: SubjectTags): boolean {
  return !tags.isReply && !tags.isPull && (tags.isPatch || m.patch.files.length > 0);
}

function groupKey(m: Member): string {
  const total = m.tags.position?.total ?? 1;
  const key = `${m.tags.version}\u0000${total}\u0000${senderAddress(m.message.from)}`;
  return m.tags.position && total > 1 ? key : `${key}\u0000${baseSubject(m.message.subject)}`;
}

/** Newer first: by Date:, then later in the input. */
function newer(a: ThreadMessage, b: ThreadMessage): boolean {
  if (a.time !== null && b.time !== null && a.time !== b.time) return a.time > b.time;
  return a.index > b.index;
}

/** The replies in the sub-thread of `root`, not entering messages in `stop`. */
function subThread(messages: readonly ThreadMessage[], root: number, stop: ReadonlySet<number>): number[] {
  const found: number[] = [];
  const queue = [...messages[root]!.children];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (stop.has(at)) continue;
    found.push(at);
    queue.push(...messages[at]!.children);
  }
  return found.sort((a, b) => a - b);
}

function trailersOf(messages: readonly ThreadMessage[], replies: readonly number[]): Trailer[] {
  return replies.flatMap((r) => replyTrailers(messages[r]!.body).map((t) => ({ name: t.name, value: t.value, from: messages[r]!.from, message: r })));
}

function uniqueTrailers(trailers: readonly Trailer[]): Trailer[] {
  const seen = new Set<string>();
  return trailers.filter((t) => {
    const key = `${t.name}\u0000${t.value.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The message at the top of `index`'s thread (parents are acyclic: readThread drops links that close a cycle). */
function rootOf(messages: readonly ThreadMessage[], index: number): number {
  let at = index;
  for (let parent = messages[at]!.parent; parent !== null; parent = messages[at]!.parent) at = parent;
  return at;
}

/** A member's number and title, which a resent copy keeps. */
const copyKey = (m: Member): string => `${m.n}\u0000${m.tags.title}`;

/** git send-email's Message-ID: `<YYYYmmddHHMMSS.pid-serial-user@host>` (the stem before the serial is one per sending). */
const SEND_EMAIL_ID = /^(\d{14}\.\d+)-\d+-[^@\s]*@\S+$/;

/**
 * The part of a message's Message-ID that every mail of one git send-email run shares (its
 * start time and process id, `20261201093012.4242` of `<20261201093012.4242-2-a@b>`), or null
 * when the id is not of that form.
 *
 * Why this rule for patches sent unthreaded: b4 groups by thread and has nothing to go on when
 * there is none; patchwork falls back to the same sender, version and count within a time
 * window, which its maintainers describe as prone to merging two series sent minutes apart. The
 * stem tells two sendings apart whatever their times, and a patch of a sending whose other mails
 * are threaded still finds its thread by it. Ids of other mailers keep patchwork's fallback.
 */
export function sendingStem(messageId: string | null): string | null {
  return messageId === null ? null : SEND_EMAIL_ID.exec(messageId)?.[1] ?? null;
}

/** Appends `value` to the list at `key`. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Sendings (see sendingStem) of one sender, version and count joined while their patch numbers do
 * not overlap: the stem keeps two series apart only where one series would otherwise hold two
 * patches of one number. Mails whose ids do not share a stem although they are one series (a
 * series sent one mail at a time, or by a script that makes its own ids) stay together, as
 * patchwork's fallback keeps them.
 */
function joinDisjointSendings(sendings: readonly Member[][]): Member[][] {
  const joined: { members: Member[]; numbers: Set<number> }[] = [];
  for (const sending of sendings) {
    const numbers = new Set(sending.map((m) => m.n));
    const free = joined.find((j) => ![...numbers].some((n) => j.numbers.has(n)));
    if (free) {
      free.members.push(...sending);
      for (const n of numbers) free.numbers.add(n);
    } else joined.push({ members: [...sending], numbers });
  }
  return joined.map((j) => j.members);
}

/**
 * Splits members of one key (version, count, sender) by thread root: two series sent in two
 * threads are two series, even when sender, version and count agree. A thread's members whose
 * numbers and titles repeat another thread's (a RESEND in a thread of its own) join it. A member
 * alone in its thread (sent unthreaded) joins the thread that holds a mail of its git send-email
 * sending (see sendingStem); else, with a send-email id, the one thread holding a copy of it
 * (same number and title: a resend), else the other unthreaded members of its sending (sendings
 * whose numbers do not overlap are one series, see joinDisjointSendings). A member
 * with another id joins the one thread holding a copy of it or lacking its number (a patch whose
 * In-Reply-To was lost); the rest of those form one series, as patchwork's fallback does.
 */
function splitByThread(messages: readonly ThreadMessage[], members: readonly Member[]): Member[][] {
  const byRoot = new Map<number, Member[]>();
  for (const m of members) pushTo(byRoot, rootOf(messages, m.message.index), m);
  const threads: Member[][] = [];
  const loose: Member[] = [];
  for (const [root, group] of byRoot) {
    if (group.length === 1 && root === group[0]!.message.index) {
      loose.push(group[0]!);
      continue;
    }
    const copies = new Set(group.map(copyKey));
    const same = threads.find((t) => t.some((m) => copies.has(copyKey(m))));
    if (same) same.push(...group);
    else threads.push([...group]);
  }
  const stemOf = (m: Member): string | null => sendingStem(m.message.messageId);
  const threadStems = threads.map((t) => {
    const root = rootOf(messages, t[0]!.message.index);
    return new Set([root, ...t.map((m) => m.message.index)].map((i) => sendingStem(messages[i]!.messageId)).filter((x) => x !== null));
  });
  const bySending = new Map<string, Member[]>();
  const rest: Member[] = [];
  for (const m of loose) {
    const stem = stemOf(m);
    const sent = stem === null ? [] : threads.filter((_, k) => threadStems[k]!.has(stem));
    const copied = (t: Member[]): boolean => t.some((x) => copyKey(x) === copyKey(m));
    const copies = threads.filter(copied);
    if (sent.length === 1) sent[0]!.push(m);
    else if (stem !== null) {
      if (copies.length === 1) copies[0]!.push(m);
      else pushTo(bySending, stem, m);
    } else {
      const open = threads.filter((t) => copied(t) || !t.some((x) => x.n === m.n));
      if (open.length === 1) open[0]!.push(m);
      else rest.push(m);
    }
  }
  threads.push(...joinDisjointSendings([...bySending.values()]));
  if (rest.length > 0) threads.push(rest);
  // Input order inside each series, as the members came.
  return threads.map((t) => t.sort((a, b) => a.message.index - b.message.index));
}

/** Groups the thread's messages into series (see the file comment). */
export function groupSeries(thread: Thread): ThreadSeries {
  const { messages } = thread;
  const diagnostics: ThreadDiagnostic[] = [];
  const byKey = new Map<string, Member[]>();
  const tagsOf = messages.map((m) => subjectTags(m.subject));
  for (const message of messages) {
    const tags = tagsOf[message.index]!;
    if (!isMember(message, tags)) continue;
    const member = { message, tags, n: tags.position?.index ?? 1 };
    pushTo(byKey, groupKey(member), member);
  }
  const groups = [...byKey.values()].flatMap((members) => splitByThread(messages, members));
  const taken = new Set<number>();
  for (const members of groups) for (const m of members) taken.add(m.message.index);

  const drafts = groups.map((members) => {
    const byN = new Map<number, Member[]>();
    for (const m of members) pushTo(byN, m.n, m);
    const kept = new Map<number, Member>();
    const duplicates: PatchSeries['duplicates'] = [];
    for (const [n, copies] of [...byN].sort((a, b) => a[0] - b[0])) {
      const best = copies.reduce((a, b) => (newer(b.message, a.message) ? b : a));
      kept.set(n, best);
      if (copies.length > 1) duplicates.push({ n, messages: [...copies.filter((c) => c !== best).map((c) => c.message.index), best.message.index] });
    }
    return { members, kept, duplicates };
  });
  // Covers sent without a 0/m counter: the message the lowest patch answers.
  for (const draft of drafts) {
    if (draft.kept.has(0)) continue;
    const lowest = [...draft.kept.values()][0]!;
    const parent = lowest.message.parent === null ? null : messages[lowest.message.parent]!;
    if (parent && !taken.has(parent.index) && !parent.isReply && parent.patch.files.length === 0 && !tagsOf[parent.index]!.isPull) {
      draft.kept.set(0, { message: parent, tags: tagsOf[parent.index]!, n: 0 });
      taken.add(parent.index);
    }
  }

  const series: PatchSeries[] = drafts.map(({ members, kept, duplicates }) => {
    const first = members[0]!;
    const total = first.tags.position?.total ?? 1;
    const coverMember = kept.get(0);
    const cover = coverMember?.message.index ?? null;
    const coverReplies = cover === null ? [] : subThread(messages, cover, taken);
    const coverTrailers = trailersOf(messages, coverReplies);
    const patches: SeriesPatch[] = [...kept.values()].filter((m) => m.n > 0).map((m) => {
      const replies = subThread(messages, m.message.index, taken);
      if (m.message.patch.files.length === 0) {
        diagnostics.push({ source: m.message.source, ...diagnostic(m.message.firstLine, 'warning', 'no-diff', `"${m.message.subject}" holds no diff.`) });
      }
      return { n: m.n, of: total, message: m.message.index, trailers: uniqueTrailers([...trailersOf(messages, replies), ...coverTrailers]), replies };
    });
    const present = new Set(patches.map((p) => p.n));
    const missing = total > 1 ? Array.from({ length: total }, (_, i) => i + 1).filter((n) => !present.has(n)) : [];
    const flags = [...new Set(members.flatMap((m) => m.tags.flags))];
    const titled = coverMember ?? [...kept.values()].find((m) => m.n > 0) ?? first;
    return {
      version: first.tags.version, flags, total, from: first.message.from, title: titled.tags.title,
      cover, coverReplies, patches, missing, duplicates,
    };
  });
  const firstIndex = (s: PatchSeries): number => Math.min(...s.patches.map((p) => p.message), s.cover ?? Infinity);
  series.sort((a, b) => a.version - b.version || firstIndex(a) - firstIndex(b));

  const about = new Map<number, { series: number; n: number }>();
  series.forEach((s, i) => {
    for (const r of s.coverReplies) about.set(r, { series: i, n: 0 });
    for (const p of s.patches) for (const r of p.replies) about.set(r, { series: i, n: p.n });
  });
  const replies = messages.filter((m) => !taken.has(m.index)).map((m) => m.index);
  return { series, replies, about, diagnostics };
}
