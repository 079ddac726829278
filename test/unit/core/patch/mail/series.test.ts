import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupSeries, sendingStem, type ThreadSeries } from '../../../../../src/core/patch/mail/series';
import { subjectTags } from '../../../../../src/core/patch/mail/mail-subject';
import { readThread, type Thread } from '../../../../../src/core/patch/mail/thread';
import { readSeriesPatches } from '../../../../../src/core/patch/mail/thread-patches';
import { listPreamble, mail, mbox, patchBody, reply, seriesId, seriesMails, type MailSpec, type Threading } from './thread-mails';

async function read(specs: readonly MailSpec[]): Promise<{ thread: Thread; grouped: ThreadSeries }> {
  const thread = await readThread([{ name: 't.mbox', data: mbox(specs.map(mail)) }]);
  return { thread, grouped: groupSeries(thread) };
}

/** Each series as `v<version>: cover-id | n=id ...`, with the message ids. */
function shape({ thread, grouped }: { thread: Thread; grouped: ThreadSeries }): string[] {
  const id = (i: number | null): string => (i === null ? '-' : thread.messages[i]!.messageId ?? '?');
  return grouped.series.map((s) => `v${s.version}/${s.total}: ${id(s.cover)} | ${s.patches.map((p) => id(p.message)).join(' ')}${s.missing.length ? ` missing ${s.missing.join(',')}` : ''}`);
}

test('subject tags: versions, flags, counters n/m and n of m, list tags, pull requests', () => {
  const t = subjectTags('[tech] [RFC PATCH net-next v3 07/12] sched: fix');
  assert.deepEqual([t.isPatch, t.version, t.flags, t.prefixes, t.position, t.title], [true, 3, ['RFC'], ['tech', 'net-next'], { index: 7, total: 12 }, 'sched: fix']);
  assert.deepEqual(subjectTags('[PATCH 1 of 2] hg style').position, { index: 1, total: 2 });
  assert.equal(subjectTags('[PATCHv2 1/3] x').version, 2);
  assert.deepEqual([subjectTags('Re: [PATCH v2 0/2] x').isReply, subjectTags('[GIT PULL] sched fixes').isPull], [true, true]);
  assert.equal(subjectTags('[PATCH] sched: fix').position, undefined);
});

test('two versions in one mbox, v2 threaded to the v1 cover: kept apart, each with its cover and patches', async () => {
  const v1 = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 0 });
  const v2 = seriesMails({ version: 2, total: 2, cover: true, threading: 'to-cover', minute: 60, inReplyTo: seriesId(1, 0) });
  // Delivered interleaved, the way an archive sorted by arrival shows them.
  const read1 = await read([v1[0]!, v2[0]!, v1[1]!, v2[1]!, v1[2]!, v2[2]!]);
  assert.deepEqual(shape(read1), [
    'v1/2: v1-0@example.org | v1-1@example.org v1-2@example.org',
    'v2/2: v2-0@example.org | v2-1@example.org v2-2@example.org',
  ]);
  assert.deepEqual(read1.grouped.replies, []);
});

test('without cover letters, chained, unthreaded, and out of order', async () => {
  const v1 = seriesMails({ version: 1, total: 3, cover: false, threading: 'chain', minute: 0 });
  const v2 = seriesMails({ version: 2, total: 3, cover: false, threading: 'none', minute: 60 });
  const r = await read([v2[2]!, v1[1]!, v2[0]!, v1[2]!, v1[0]!, v2[1]!]);
  assert.deepEqual(shape(r), [
    'v1/3: - | v1-1@example.org v1-2@example.org v1-3@example.org',
    'v2/3: - | v2-1@example.org v2-2@example.org v2-3@example.org',
  ]);
});

test('replies and acks among the patches: trailers for the patch, and for every patch when sent to the cover', async () => {
  const v1 = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 0 });
  const [cover, p1, p2] = v1 as [MailSpec, MailSpec, MailSpec];
  const ack = reply('ack@y', cover, 'For the series:\nAcked-by: Claudio Jeker <claudio@example.org>', 'Claudio Jeker <claudio@example.org>');
  const review = reply('rev@y', p2, '> Reviewed-by: Someone Quoted <q@example.org>\nLooks right.\n\nreviewed-by: Mark Kettenis <kettenis@example.org>');
  const answer = reply('ans@x', review, 'Thanks!\nTested-by: Christian Ludwig <cludwig@example.org>', 'Christian Ludwig <cludwig@example.org>', 95);
  const r = await read([cover, p1, ack, p2, review, answer]);
  const s = r.grouped.series[0]!;
  const trailers = s.patches.map((p) => p.trailers.map((t) => `${t.name}: ${t.value} (${t.from.split(' <')[0]})`));
  assert.deepEqual(trailers, [
    ['Acked-by: Claudio Jeker <claudio@example.org> (Claudio Jeker)'],
    ['Reviewed-by: Mark Kettenis <kettenis@example.org> (Mark Kettenis)', 'Tested-by: Christian Ludwig <cludwig@example.org> (Christian Ludwig)',
      'Acked-by: Claudio Jeker <claudio@example.org> (Claudio Jeker)'],
  ]);
  // Replies: the ack (to the cover, n 0), the review and its answer (to patch 2).
  assert.deepEqual(r.grouped.replies.map((i) => [r.thread.messages[i]!.messageId, r.grouped.about.get(i)]),
    [['ack@y', { series: 0, n: 0 }], ['rev@y', { series: 0, n: 2 }], ['ans@x', { series: 0, n: 2 }]]);
});

test('an n of m series with a missing patch, a duplicate, and a cover sent without a counter', async () => {
  const cover: MailSpec = { id: 'hg-cover@x', subject: 'sched: one reaper per CPU', body: 'Three steps.\n' };
  const specs = seriesMails({ version: 1, total: 3, cover: false, threading: 'to-cover', minute: 0, ofStyle: true, inReplyTo: 'hg-cover@x' });
  const resent = { ...specs[0]!, id: 'resent@x', minute: 30 };
  const r = await read([cover, specs[0]!, specs[2]!, resent]);
  assert.deepEqual(shape(r), ['v1/3: hg-cover@x | resent@x v1-3@example.org missing 2']);
  assert.deepEqual(r.grouped.series[0]!.duplicates, [{ n: 1, messages: [1, 3] }]);
});

test('a pull request without a diff is no series; a patch mail without a diff is named with its line', async () => {
  const pull: MailSpec = { id: 'pull@x', subject: '[GIT PULL] sched fixes for 7.6', body: 'The following changes since commit 1234:\n\n  sched: fix (2024-07-01)\n\nare available in the Git repository at:\n\n  https://git.example.org/sched.git tags/sched-fixes\n' };
  const empty: MailSpec = { id: 'empty@x', subject: '[PATCH 1/1] sched: forgot the diff', body: 'Oops.\n' };
  const text = mbox([mail(pull), mail(empty)]);
  const thread = await readThread([{ name: 't.mbox', data: text }]);
  const grouped = groupSeries(thread);
  assert.deepEqual(grouped.series.map((s) => s.patches.map((p) => thread.messages[p.message]!.messageId)), [['empty@x']]);
  assert.deepEqual(grouped.replies, [0]);
  // The second message's headers start after the first mail and its separator: mail(pull) has 7 header lines, a blank, 6 body lines.
  const line = text.split('\n').indexOf('From: Christian Ludwig <cludwig@example.org>', 2) + 1;
  assert.deepEqual(grouped.diagnostics.map((d) => [d.code, d.line]), [['no-diff', line]]);
  assert.equal(thread.messages[1]!.firstLine, line);
});

test('folded and RFC 2047 encoded headers, flowed text with DelSp, quoted-printable soft breaks', async () => {
  const raw = [...listPreamble(3),
    'From: =?UTF-8?Q?J=C3=B6rg_S=C3=B6derstr=C3=B6m?= <joerg@example.org>',
    'Subject: Re: [PATCH v2 1/2]',
    ' =?UTF-8?Q?sched:_r=C3=A4per?= per CPU',
    'Date: Wed, 10 Jul 2024 17:42:45 +0200',
    'Message-ID: <flow@example.org>',
    'In-Reply-To:',
    ' <v2-1@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    // DelSp=yes: the space before a soft line break is the sender's and goes; the word space is the one before it.
    'This is one long sentence that a mail client wrapped for sending so that =20',
    'it fits, and it continues he=',
    're.',
    '',
    'Reviewed-by: J=C3=B6rg S=C3=B6derstr=C3=B6m <joerg@example.org>',
    ''].join('\n');
  const v2 = seriesMails({ version: 2, total: 2, cover: false, threading: 'chain', minute: 0 });
  const thread = await readThread([{ name: 'v2.mbox', data: mbox(v2.map(mail)) }, { name: 'reply.eml', data: new TextEncoder().encode(raw) }]);
  const m = thread.messages[2]!;
  assert.equal(m.from, 'Jörg Söderström <joerg@example.org>');
  assert.equal(m.subject, 'Re: [PATCH v2 1/2] sched: räper per CPU');
  assert.equal(m.parent, 0);
  assert.equal(m.body.split('\n')[0], 'This is one long sentence that a mail client wrapped for sending so that it fits, and it continues here.');
  const grouped = groupSeries(thread);
  assert.deepEqual(grouped.series[0]!.patches[0]!.trailers.map((t) => t.value), ['Jörg Söderström <joerg@example.org>']);
});

test('an mbox cut mid-message: the cut is named, the rest still read', async () => {
  const v1 = seriesMails({ version: 1, total: 2, cover: false, threading: 'chain', minute: 0 });
  const full = mbox(v1.map(mail));
  const cutInHunk = full.slice(0, full.lastIndexOf('+\tv1_step2();'));
  const a = await readThread([{ name: 'cut.mbox', data: cutInHunk }]);
  assert.equal(a.messages.length, 2);
  // The text ends in a line break after its last line: that line is the count of lines minus one.
  const cutLine = cutInHunk.split('\n').length - 1;
  assert.ok(a.messages[1]!.patch.diagnostics.some((d) => d.severity === 'error' && d.line === cutLine), JSON.stringify(a.messages[1]!.patch.diagnostics));
  assert.equal(a.messages[0]!.patch.files[0]!.added, 1);
  const cutInHeaders = full.slice(0, full.lastIndexOf('Message-ID:'));
  const b = await readThread([{ name: 'cut.mbox', data: cutInHeaders }]);
  assert.equal(b.messages.length, 1);
  assert.deepEqual(b.diagnostics.map((d) => d.code), ['cut-message']);
});

/** A generated thread: series of several versions and replies with trailers, and what reading it must give. */
const threadCase = fc.record({
  versions: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
  totals: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
  covers: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  threading: fc.array(fc.constantFrom<Threading>('to-cover', 'chain', 'none'), { minLength: 3, maxLength: 3 }),
  reviews: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
  /** Later versions sent in reply to the first one's cover letter (b4 send --in-reply-to). */
  answersFirst: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  /** An unrelated series of the same sender, version and count as the first, in a thread of its own. */
  unrelated: fc.option(fc.constantFrom<Threading>('to-cover', 'chain'), { nil: null }),
  /**
   * Two more series of the same sender, version and count as the first, sent unthreaded without
   * cover letters by git send-email (its Message-IDs), minutes apart: the count of their patches.
   */
  unthreadedPair: fc.option(fc.integer({ min: 2, max: 4 }), { nil: null }),
  order: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
  seed: fc.integer(),
});

test('property: generated series, shuffled and re-threaded in random ways, read back the same', async () => {
  await fc.assert(fc.asyncProperty(threadCase, async (c) => {
    const specs: MailSpec[] = [];
    const expected: string[] = [];
    const expectedTrailers = new Map<string, string[]>();
    const firstCover = c.covers[0]! && c.totals[0]! > 1 ? seriesId(c.versions[0]!, 0) : undefined;
    const add = (version: number, total: number, cover: boolean, threading: Threading, minute: number, inReplyTo?: string, topic?: string, stamp?: string): void => {
      specs.push(...seriesMails({ version, total, cover, threading, minute, ...inReplyTo ? { inReplyTo } : {}, ...topic ? { topic } : {}, ...stamp ? { stamp } : {} }));
      const id = (n: number): string => seriesId(version, n, topic, stamp ? { stamp, cover } : undefined);
      expected.push(`v${version}/${total}: ${cover ? id(0) : '-'} | ${Array.from({ length: total }, (_, i) => id(i + 1)).join(' ')}`);
    };
    c.versions.forEach((version, k) => {
      const total = c.totals[k]!;
      const cover = c.covers[k]! && total > 1;
      add(version, total, cover, c.threading[k]!, 100 * k, k > 0 && c.answersFirst[k] ? firstCover : undefined);
    });
    if (c.unrelated !== null) add(c.versions[0]!, Math.max(2, c.totals[0]!), true, c.unrelated, 250, undefined, 'lockless');
    if (c.unthreadedPair !== null) {
      add(c.versions[0]!, c.unthreadedPair, false, 'none', 260, undefined, 'idle', '20240710162000.4242');
      add(c.versions[0]!, c.unthreadedPair, false, 'none', 265, undefined, 'steal', '20240710162500.4377');
    }
    const patchMails = specs.filter((s) => !/ 0\/\d/.test(s.subject));
    c.reviews.forEach(([which, who], i) => {
      const to = patchMails[which % patchMails.length]!;
      const name = `Reviewer ${who % 3} <r${who % 3}@example.org>`;
      specs.push(reply(`rev${i}@y`, to, `Reviewed-by: ${name}`, name, 300 + i));
      const list = expectedTrailers.get(to.id) ?? [];
      if (!list.includes(name)) list.push(name);
      expectedTrailers.set(to.id, list);
    });
    // Shuffle (delivery order is arbitrary); a reply always stays threaded.
    const shuffled = specs.map((s, i) => ({ s, k: c.order[i % c.order.length]! * 1000 + i })).sort((a, b) => a.k - b.k).map((x) => x.s);
    const r = await read(shuffled);
    // Series come by version; two of one version in input order, which the shuffle decides.
    const versions = r.grouped.series.map((s) => s.version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.deepEqual(shape(r).sort(), expected.sort());
    for (const s of r.grouped.series) {
      for (const p of s.patches) {
        const id = r.thread.messages[p.message]!.messageId!;
        assert.deepEqual(p.trailers.map((t) => t.value).sort(), [...expectedTrailers.get(id) ?? []].sort(), id);
      }
    }
  }), { numRuns: 150, seed: 20240710 });
});

test('real-format patch bodies read as patches in a thread', async () => {
  const p = mail({ id: 'x@x', subject: '[PATCH] sched: one', body: patchBody('sys/kern/sched_bsd.c', 'schedcpu', 'x();') });
  const r = await readThread([{ name: 'p.eml', data: p }]);
  assert.deepEqual(r.messages[0]!.patch.files.map((f) => [f.newPath, f.added, f.removed]), [['sys/kern/sched_bsd.c', 1, 0]]);
});

test('the patches to pick from: v1 then v2, each cover first, replies left out (not interleaved by n/m)', async () => {
  const v1 = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 0 });
  const v2 = seriesMails({ version: 2, total: 2, cover: true, threading: 'to-cover', minute: 60 });
  const text = mbox([v1[0]!, v2[0]!, v1[1]!, v2[1]!, reply('r@y', v2[1]!, 'Acked-by: A <a@example.org>'), v1[2]!, v2[2]!].map(mail));
  const patches = await readSeriesPatches(text);
  assert.deepEqual(patches.map((p) => p.mail?.subject.replace(/ sched:.*$/, '')), [
    '[PATCH 0/2]', '[PATCH 1/2]', '[PATCH 2/2]', '[PATCH v2 0/2]', '[PATCH v2 1/2]', '[PATCH v2 2/2]',
  ]);
});

test('two unrelated series of one sender, same version and count, each in its own thread: two series', async () => {
  const reaper = seriesMails({ version: 2, total: 2, cover: true, threading: 'to-cover', minute: 0 });
  const lockless = seriesMails({ version: 2, total: 2, cover: true, threading: 'chain', minute: 30, topic: 'lockless' });
  const r = await read([reaper[0]!, lockless[0]!, lockless[1]!, reaper[1]!, reaper[2]!, lockless[2]!]);
  assert.deepEqual(shape(r), [
    'v2/2: v2-0@example.org | v2-1@example.org v2-2@example.org',
    'v2/2: lockless-v2-0@example.org | lockless-v2-1@example.org lockless-v2-2@example.org',
  ]);
  assert.deepEqual(r.grouped.series.map((s) => s.duplicates), [[], []]);
});

test('a RESEND in a thread of its own joins the series it repeats; a patch that lost its In-Reply-To joins its thread', async () => {
  const sent = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 0 });
  const again = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 60 })
    .map((m) => ({ ...m, id: `again-${m.id}`, subject: m.subject.replace('[PATCH', '[RESEND PATCH'), inReplyTo: m.inReplyTo && `again-${m.inReplyTo}`, references: m.references?.map((x) => `again-${x}`) }));
  const r = await read([...sent, ...again]);
  assert.deepEqual(shape(r), ['v1/2: again-v1-0@example.org | again-v1-1@example.org again-v1-2@example.org']);
  assert.deepEqual(r.grouped.series[0]!.flags, ['RESEND']);
  const lost = seriesMails({ version: 1, total: 3, cover: true, threading: 'to-cover', minute: 0 });
  const { inReplyTo: _i, references: _r, ...unthreaded } = lost[3]!;
  assert.deepEqual(shape(await read([lost[0]!, lost[1]!, lost[2]!, unthreaded])), ['v1/3: v1-0@example.org | v1-1@example.org v1-2@example.org v1-3@example.org']);
});

/** One git send-email mail of a hand-written mbox: Message-ID `<stamp-serial-...>`, no In-Reply-To. */
function sentMail(stamp: string, serial: number, time: string, subject: string, fn: string): string {
  return [
    `From cludwig@example.org Tue Dec  1 09:${time.slice(3, 5)}:00 2026`,
    'From: Christian Ludwig <cludwig@example.org>',
    `Date: Tue, 1 Dec 2026 ${time}:00 +0100`,
    `Subject: [PATCH ${subject}`,
    `Message-ID: <${stamp}-${serial}-cludwig@example.org>`,
    'To: tech@openbsd.org',
    '',
    `Rework ${fn}().`,
    '---',
    'diff --git a/sys/kern/kern_sched.c b/sys/kern/kern_sched.c',
    '--- a/sys/kern/kern_sched.c',
    '+++ b/sys/kern/kern_sched.c',
    `@@ -20,3 +20,4 @@ ${fn}(struct cpu_info *ci)`,
    ' {',
    ' \tstruct schedstate_percpu *spc = &ci->ci_schedstate;',
    '+\tKASSERT(spc != NULL);',
    ' }',
    '',
  ].join('\n');
}

test('two unthreaded series without covers, one sender, version and count, sent minutes apart: told apart by their git send-email Message-IDs', async () => {
  // Two runs of git send-email, 09:30 and 09:34 (pids 4242 and 4377), each of two patches, no
  // cover, no In-Reply-To; the list delivered them interleaved.
  const a = '20261201093012.4242';
  const b = '20261201093455.4377';
  const text = [
    sentMail(a, 1, '09:30', '1/2] sched: idle loop: drain the dead list first', 'sched_idle'),
    sentMail(b, 1, '09:34', '1/2] sched: steal: skip pegged threads', 'sched_steal_proc'),
    sentMail(b, 2, '09:34', '2/2] sched: steal: count skipped threads', 'sched_steal_count'),
    sentMail(a, 2, '09:30', '2/2] sched: idle loop: peg the reaper', 'sched_idle_peg'),
  ].join('\n');
  const thread = await readThread([{ name: 'two.mbox', data: text }]);
  const r = { thread, grouped: groupSeries(thread) };
  assert.deepEqual(shape(r), [
    `v1/2: - | ${a}-1-cludwig@example.org ${a}-2-cludwig@example.org`,
    `v1/2: - | ${b}-1-cludwig@example.org ${b}-2-cludwig@example.org`,
  ]);
  assert.deepEqual(r.grouped.series.map((s) => [s.title, s.duplicates.length]), [
    ['sched: idle loop: drain the dead list first', 0],
    ['sched: steal: skip pegged threads', 0],
  ]);
});

test('one unthreaded series sent a mail at a time (a stem per mail, no number twice) stays one series', async () => {
  // Three runs of git send-email a minute apart, one patch each: no stem is shared, but the
  // numbers 1, 2 and 3 of the one sender, version and count never repeat.
  const stamps = ['20261201093012.4242', '20261201093112.4250', '20261201093212.4258'];
  const text = [
    sentMail(stamps[2]!, 1, '09:32', '3/3] sched: idle loop: peg the reaper', 'sched_idle_peg'),
    sentMail(stamps[0]!, 1, '09:30', '1/3] sched: idle loop: drain the dead list first', 'sched_idle'),
    sentMail(stamps[1]!, 1, '09:31', '2/3] sched: steal: skip pegged threads', 'sched_steal_proc'),
  ].join('\n');
  const thread = await readThread([{ name: 'one-by-one.mbox', data: text }]);
  assert.deepEqual(shape({ thread, grouped: groupSeries(thread) }), [
    `v1/3: - | ${stamps[0]}-1-cludwig@example.org ${stamps[1]}-1-cludwig@example.org ${stamps[2]}-1-cludwig@example.org`,
  ]);
});

test('a patch that lost its In-Reply-To finds its thread by its sending when two threads lack its number', async () => {
  const stamp = (minute: number): string => `2024071012${String(minute).padStart(2, '0')}00.${1000 + minute}`;
  const one = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 0, stamp: stamp(0) });
  const two = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 10, topic: 'lockless', stamp: stamp(10) });
  const { inReplyTo: _i, references: _r, ...lost } = two[2]!;
  const r = await read([one[0]!, one[1]!, two[0]!, two[1]!, lost]);
  // The first thread lacks 2/2 as well: by the rule for other ids it would be two candidates, and the patch a series of its own.
  assert.deepEqual(shape(r), [
    `v1/2: ${stamp(0)}-1-v1@example.org | ${stamp(0)}-2-v1@example.org missing 2`,
    `v1/2: ${stamp(10)}-1-lockless-v1@example.org | ${stamp(10)}-2-lockless-v1@example.org ${stamp(10)}-3-lockless-v1@example.org`,
  ]);
});

test('sending stems: git send-email ids only', () => {
  assert.equal(sendingStem('20261201093012.4242-1-a@b'), '20261201093012.4242');
  assert.equal(sendingStem('20261201093012.4242-12-cludwig@example.org'), '20261201093012.4242');
  assert.equal(sendingStem('v1-0@example.org'), null);
  assert.equal(sendingStem('CAHk-=wg1234@mail.gmail.com'), null);
  assert.equal(sendingStem(null), null);
});
