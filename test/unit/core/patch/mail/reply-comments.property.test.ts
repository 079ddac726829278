/**
 * Replies written the way reviewers and mail clients write them, from real-format patches (the
 * fixtures and this repository's own history), read back: every comment must come back on the
 * line it was written under, exact when the quote pins that line (every reading of the quote puts
 * it there), and no comment may be invented or lost. The generator knows the truth: each comment
 * goes under a line of the answered message whose meaning comes from the patch's own diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { patchMailMeanings, type AnsweredMessage, type LineMeaning } from '../../../../../src/core/patch/mail/line-meaning';
import { readReplyComments } from '../../../../../src/core/patch/mail/reply-comments';
import type { ThreadComment } from '../../../../../src/core/patch/model';
import { FIXTURES } from '../read-patch-fixtures';

type Gen = fc.GeneratorValue;

/** The body of a mail (after the header block), or the text itself when it has no headers. */
function bodyOf(text: string): string {
  const normal = text.replace(/\r\n/g, '\n');
  return /^(?:From |[A-Za-z-]+: )/.test(normal) ? normal.slice(normal.indexOf('\n\n') + 2) : normal;
}

/** The commit whose history gives patches: fixed, so the cases do not change as the branch grows. */
const HISTORY = 'f0e4238b0ff368c11f6e93a188a9640ce6e5c490';

/** Patches to quote: the seed, the diff fixtures, and format-patch mails of this repository's history. */
function sources(): string[] {
  const files = [
    'one-reaper-per-cpu.patch', 'diffs/cvs-diff-up.diff', 'diffs/diff-ru.diff', 'diffs/git-features.diff', 'diffs/no-prefix.diff',
    'workspace/patches/copy-file.diff', 'workspace/patches/cvs-proc.diff', 'workspace/patches/new-file.diff', 'workspace/patches/stale-sched.diff',
  ];
  const bodies = files.map((f) => bodyOf(readFileSync(join(FIXTURES, f), 'utf8')));
  try {
    const log = execFileSync('git', ['log', '--no-merges', '--format=email', '-p', '-n', '40', HISTORY, '--', 'src/core'], {
      cwd: join(FIXTURES, '../..'), encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'],
    });
    for (const mail of log.split(/^(?=From [0-9a-f]{40} )/m)) {
      const body = bodyOf(mail);
      const lines = body.split('\n').length;
      if (lines > 20 && lines < 260 && body.includes('\n@@ ')) bodies.push(body);
    }
  } catch {
    // No git history at hand (an exported tree): the fixtures alone.
  }
  return bodies;
}

const SOURCES = sources();
const MEANINGS = SOURCES.map((body) => patchMailMeanings(body));

const WORDS = ['this', 'lock', 'needs', 'the', 'reaper', 'list', 'here', 'why', 'not', 'move', 'it', 'under', 'mutex', 'cpu',
  'should', 'be', 'fine', 'but', 'what', 'about', 'wakeup', 'races', 'with', 'exit', 'sleep', 'we', 'can', 'drop'];

/**
 * From `min` to `max` items of `from` drawn at random. Drawn as numbers: `g(fc.array,
 * fc.constantFrom(...from))` builds a new arbitrary per call, which fast-check's generator cache
 * keeps and compares in depth on every later call (most of the test's time after a few thousand runs).
 */
function picks<T>(g: Gen, from: readonly T[], min: number, max: number): T[] {
  return Array.from({ length: g(fc.integer, { min, max }) }, () => from[g(fc.nat, from.length - 1)]!);
}

/** A comment paragraph or two of made-up review words. */
function commentText(g: Gen): string[] {
  const lines: string[] = [];
  const paragraphs = g(fc.integer, { min: 1, max: 2 });
  for (let p = 0; p < paragraphs; p++) {
    if (p > 0) lines.push('');
    const count = g(fc.integer, { min: 1, max: 3 });
    for (let l = 0; l < count; l++) {
      const words = picks(g, WORDS, 2, 9);
      lines.push(`${words[0]!.charAt(0).toUpperCase()}${words[0]!.slice(1)} ${words.slice(1).join(' ')}${l === count - 1 ? '?' : ''}`);
    }
  }
  return lines;
}

/** A diff of the reviewer's own, made of patch lines of the answered message: their counter-proposal. */
function counterPatch(g: Gen, answered: AnsweredMessage): string[] | null {
  const patchLines = answered.lines.filter((l, i) => answered.meanings[i]?.kind === 'patch' && /^[ +-][^-+]/.test(l));
  if (patchLines.length < 2) return null;
  const start = g(fc.integer, { min: 0, max: patchLines.length - 2 });
  const context = patchLines.slice(start, start + 3).map((l) => ` ${l.slice(1)}`);
  const hunk = [context[0]!, `-${context[1]!.slice(1)}`, '+\t/* proposed */', ...context.slice(2)];
  return ['diff --git a/sys/kern/kern_exit.c b/sys/kern/kern_exit.c', '--- a/sys/kern/kern_exit.c', '+++ b/sys/kern/kern_exit.c',
    `@@ -10,${context.length} +10,${context.length} @@`, ...hunk];
}

const norm = (line: string): string => line.replace(/\s+/g, '');

/**
 * For each answered line, true when it is kept and the quote pins it: the kept lines placed, in
 * order, on answered lines that read the same (`keys`), once as early and once as late as they
 * go, put it on its own line both ways, so every reading of the quote does. Else another way of
 * cutting the message gives the same quote with this line elsewhere (a lone `}` after a snip; a
 * run's last blank line when the blank quoted after the snip could be a later one and it the
 * blank in between), and its comments may only be approximate. A line the reply joins with the
 * next (flowed re-wrapping) is placed alone here: more readings, never fewer.
 */
function pinnedLines(keys: readonly string[], kept: readonly boolean[]): boolean[] {
  const order = kept.flatMap((k, j) => (k ? [j] : []));
  const earliest: number[] = [];
  let next = 0;
  for (const j of order) {
    let at = next;
    while (keys[at] !== keys[j]) at++;
    earliest.push(at);
    next = at + 1;
  }
  const result = Array<boolean>(keys.length).fill(false);
  let last = keys.length - 1;
  for (let k = order.length - 1; k >= 0; k--) {
    const j = order[k]!;
    let at = last;
    while (keys[at] !== keys[j]) at--;
    result[j] = at === earliest[k];
    last = at - 1;
  }
  return result;
}

/** What a comment written under answered line j must read back as. */
interface Expected {
  text: string;
  proposal: string | null;
  meaning: LineMeaning | null;
  /** The quote pins the line above the comment ({@link pinnedLines}): the place must be exact. */
  unique: boolean;
}

interface Reply {
  lines: string[];
  expected: Expected[];
  /** The truth for each reply line, for a reply to this reply. */
  truth: (LineMeaning | null)[];
  /** False for quoted lines the quote does not pin ({@link pinnedLines}), and lines of a reply quoting such lines. */
  sure: boolean[];
}

/** Columns with tabs every 8. */
function expandTabs(text: string): string {
  let out = '';
  for (const c of text) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
  return out;
}

/**
 * Writes a reply to `answered`: trims it, snips, mangles white space, wraps long lines (tail
 * quoted or not, with or without a quoted-printable `=`), joins short prose lines, and writes
 * comments under random kept lines (some with a counter-patch). `firstComment` is the index the
 * reply's first comment will have in the thread.
 */
function writeReply(g: Gen, answered: AnsweredMessage, firstComment: number, answeredSure?: readonly boolean[]): Reply {
  const n = answered.lines.length;
  const kept = Array<boolean>(n).fill(true);
  if (g(fc.boolean)) {
    // All but a few lines around the place the reviewer talks about.
    const start = g(fc.integer, { min: 0, max: n - 1 });
    const length = g(fc.integer, { min: 2, max: 6 });
    kept.fill(false);
    for (let j = start; j < Math.min(n, start + length); j++) kept[j] = true;
  }
  for (let c = g(fc.integer, { min: 0, max: 4 }); c > 0; c--) {
    const start = g(fc.integer, { min: 0, max: n - 1 });
    const length = g(fc.integer, { min: 1, max: Math.max(1, Math.floor(n / 3)) });
    for (let j = start; j < Math.min(n, start + length); j++) kept[j] = false;
  }
  const keptIndexes = kept.flatMap((k, j) => (k && answered.meanings[j] !== null ? [j] : []));
  const anchors = new Set(keptIndexes.length === 0 ? [] : picks(g, keptIndexes, 1, 4));
  const lostSpace = g(fc.boolean);
  const tabsToSpaces = g(fc.boolean);
  const deepStyle = g(fc.constantFrom, '> ', '>');
  const pinned = pinnedLines(answered.lines.map(norm), kept);
  const reply: Reply = { lines: [], expected: [], truth: [], sure: [] };
  let sure = true;
  const emit = (line: string, truth: LineMeaning | null): void => {
    reply.lines.push(line);
    reply.truth.push(truth);
    reply.sure.push(sure);
  };
  const quote = (line: string): string => (line.startsWith('>') ? `${deepStyle}${line}` : `> ${line}`).trimEnd();
  const writeComment = (meaning: LineMeaning | null, unique: boolean, withProposal: boolean): void => {
    sure = true;
    const text = commentText(g);
    const proposal = withProposal ? counterPatch(g, answered) : null;
    const index = firstComment + reply.expected.length;
    const own: LineMeaning = { kind: 'comment', comment: index };
    emit('', null);
    for (const l of text) emit(l, l === '' ? null : own);
    if (proposal) {
      emit('', null);
      for (const l of proposal) emit(l, own);
    }
    emit('', null);
    reply.expected.push({ text: text.join('\n'), proposal: proposal?.join('\n') ?? null, meaning, unique });
  };
  if (g(fc.boolean)) writeComment(null, true, false);
  emit('On Wed, 10 Jul 2024 17:21:35 +0200, Some Author <author@example.org> wrote:', null);
  for (let j = 0; j < n; j++) {
    const meaning = answered.meanings[j] ?? null;
    if (!kept[j]) {
      if (j > 0 && kept[j - 1] && g(fc.boolean)) emit(g(fc.constantFrom, '> [...]', '[...]', '<snip>', '> ...', '[ snip ]'), null);
      continue;
    }
    sure = pinned[j]! && (answeredSure?.[j] ?? true);
    let line = answered.lines[j]!;
    const own = !line.startsWith('>');
    if (lostSpace && own && /^ \S/.test(line) && g(fc.boolean)) line = line.slice(1);
    if (tabsToSpaces) line = expandTabs(line);
    const next = answered.lines[j + 1];
    const prose = meaning?.kind === 'text' && meaning.about === 'commit-message';
    if (prose && own && !anchors.has(j) && kept[j + 1] && next && !next.startsWith('>') && line.trim() && next.trim() && answered.meanings[j + 1]?.kind === 'text' &&
        `${line} ${next}`.length < 70 && g(fc.boolean)) {
      // A flowed client re-wrapped two short lines of the commit message into one.
      emit(quote(`${line} ${next}`), meaning);
      j++;
      if (anchors.has(j)) writeComment(answered.meanings[j] ?? null, pinned[j]! && (answeredSure?.[j] ?? true), false);
      continue;
    }
    const quoted = quote(line);
    /** A wrapped tail quoted as its head is. */
    const quoteTail = (tail: string): string => `${/^(?:> ?)*>/.exec(quoted)![0]} ${tail}`.trimEnd();
    const breakAt = quoted.length > 30 ? g(fc.integer, { min: 12, max: quoted.length - 6 }) : -1;
    const style = g(fc.constantFrom, 'none', 'none', 'wrap', 'qp');
    const space = quoted.lastIndexOf(' ', breakAt);
    if (style === 'wrap' && breakAt > 0 && space > 8 && quoted.slice(0, space).replace(/^[> ]*/, '').trim() !== '' && quoted.slice(space + 1).trim() !== '' && !/^[>[<.]/.test(quoted.slice(space + 1).trim())) {
      // The client wrapped a long line: the tail unquoted (wrapped after quoting) or quoted (re-wrapped, then quoted).
      const tail = quoted.slice(space + 1).trim();
      emit(quoted.slice(0, space).trimEnd(), meaning);
      emit(g(fc.boolean) ? tail : quoteTail(tail), meaning);
    } else if (style === 'qp' && breakAt > 0 && quoted.slice(breakAt).trim() !== '' && !/^[\s>[<.]/.test(quoted.slice(breakAt))) {
      // A quoted-printable soft break left in the text: `=` at the break.
      emit(`${quoted.slice(0, breakAt)}=`, meaning);
      emit(g(fc.boolean) ? quoted.slice(breakAt) : quoteTail(quoted.slice(breakAt)), meaning);
    } else emit(quoted, meaning);
    if (anchors.has(j)) writeComment(meaning, sure, g(fc.integer, { min: 0, max: 5 }) === 0);
  }
  if (g(fc.boolean)) {
    emit('-- ', null);
    emit('Reviewer', null);
  }
  return reply;
}

/** Checks what was read against what was written; with REPLY_DUMP set, prints a failing reply. */
function check(read: readonly ThreadComment[], reply: Reply, thread: readonly ThreadComment[]): void {
  try {
    compare(read, reply, thread);
  } catch (error) {
    if (process.env['REPLY_DUMP']) console.error(`${reply.lines.join("\n")}\n---read---\n${JSON.stringify(read, null, 1)}\n---error---\n${String(error)}`);
    throw error;
  }
}

/**
 * Comments about a line, counted over one test's runs: all of them, those the quote pins (checked
 * exact on their line), and the others: read back approximate with a reason, exact (then on their
 * line, as compare checks), or about no line (the quote above them, e.g. a lone blank, could be
 * the commit message's as well).
 */
const lineComments = { all: 0, pinned: 0, approximateWithReason: 0, exactAnyway: 0, onNoLine: 0 };

/** Every comment about a line came back in one of those ways, the quote pins nearly all (the generator does not drift into undecidable cuts) and almost none lost its line. */
function checkLineComments(): void {
  const { all, pinned, approximateWithReason, exactAnyway, onNoLine } = lineComments;
  assert.equal(pinned + approximateWithReason + exactAnyway + onNoLine, all, JSON.stringify(lineComments));
  assert.ok(all >= 1000 && pinned >= 0.95 * all, `pinned ${pinned} of ${all} comments about a line`);
  assert.ok(onNoLine <= 0.005 * all, `${onNoLine} of ${all} comments about a line read back about no line`);
  Object.assign(lineComments, { all: 0, pinned: 0, approximateWithReason: 0, exactAnyway: 0, onNoLine: 0 });
}

function compare(read: readonly ThreadComment[], reply: Reply, thread: readonly ThreadComment[]): void {
  assert.equal(read.length, reply.expected.length, `comments read ${read.length}, written ${reply.expected.length}`);
  reply.expected.forEach((e, k) => {
    const c = read[k]!;
    if (e.meaning !== null && e.meaning.kind !== 'text') {
      lineComments.all++;
      if (e.unique) lineComments.pinned++;
      else if (c.certainty === 'approximate' && (c.reason ?? '') !== '') lineComments.approximateWithReason++;
      else if (c.certainty === 'exact') lineComments.exactAnyway++;
      else if (c.certainty === 'not-a-line') lineComments.onNoLine++;
    }
    assert.equal(c.text, e.text);
    assert.equal(c.proposal ?? null, e.proposal);
    const m = e.meaning;
    if (m === null || m.kind === 'text') {
      if (e.unique || m === null) {
        assert.equal(c.certainty, 'not-a-line', `comment ${k} (${e.text.slice(0, 20)}): ${c.file}:${c.line}`);
        assert.equal(c.about, m?.about ?? 'general');
      }
      return;
    }
    if (!e.unique && c.certainty !== 'exact') return;
    const want = m.kind === 'patch' ? { ...m, certainty: 'exact' } : thread[m.comment]!;
    assert.deepEqual([c.file, c.side, c.line], [want.file, want.side, want.line], `comment ${k}: ${e.text.slice(0, 30)}`);
    if (m.kind === 'comment') assert.equal(c.replyTo, m.comment);
    if (e.unique) assert.equal(c.certainty, want.certainty, `comment ${k}: ${c.reason ?? ''}`);
  });
}

const reply = (lines: readonly string[], author: string) => ({ body: lines.join('\n'), author, date: 'Wed, 10 Jul 2024 18:00:00 +0200', messageId: `<${author}@example.org>` });

test('generated replies to real patches: every comment back on its line, none invented', () => {
  assert.ok(SOURCES.length >= 9);
  fc.assert(fc.property(fc.nat({ max: SOURCES.length - 1 }), fc.gen(), (source, g) => {
    const answered = MEANINGS[source]!;
    const written = writeReply(g, answered, 0);
    const thread: ThreadComment[] = [];
    const { comments } = readReplyComments(reply(written.lines, 'A <a@example.org>'), answered, thread);
    check(comments, written, thread);
  }), { numRuns: Number(process.env['REPLY_RUNS'] ?? 1500), seed: Number(process.env['REPLY_SEED'] ?? 12), endOnFailure: true });
  checkLineComments();
});

test('generated replies to replies: the nested reply continues the first one\'s threads', () => {
  fc.assert(fc.property(fc.nat({ max: SOURCES.length - 1 }), fc.gen(), (source, g) => {
    const patch = MEANINGS[source]!;
    const first = writeReply(g, patch, 0);
    const thread: ThreadComment[] = [];
    const a = readReplyComments(reply(first.lines, 'A <a@example.org>'), patch, thread);
    check(a.comments, first, thread);
    const second = writeReply(g, { lines: first.lines, meanings: first.truth }, thread.length, first.sure);
    const b = readReplyComments(reply(second.lines, 'B <b@example.org>'), a.answered, thread);
    check(b.comments, second, thread);
  }), { numRuns: Number(process.env['REPLY_RUNS'] ?? 600), seed: Number(process.env['REPLY_SEED'] ?? 13), endOnFailure: true });
  checkLineComments();
});
