import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { patchMailMeanings } from '../../../../../src/core/patch/mail/line-meaning';
import { readReplyComments, splitProposal, type ReplyMessage } from '../../../../../src/core/patch/mail/reply-comments';
import type { ThreadComment } from '../../../../../src/core/patch/model';
import { FIXTURES, SCHED_EXIT_PATCH, SEED } from '../read-patch-fixtures';

/** A small patch mail whose line numbers are counted by hand in the fixtures' README. */
const PATCH = readFileSync(SCHED_EXIT_PATCH, 'utf8').replace(/\n$/, '');

const ANSWERED = patchMailMeanings(PATCH);

function reply(lines: readonly string[], author = 'Bob Reviewer <bob@example.org>'): ReplyMessage {
  return { body: lines.join('\n'), author, date: 'Thu, 11 Jul 2024 09:00:00 +0200', messageId: `<${author.split(' ')[0]}@example.org>` };
}

const place = (c: ThreadComment): [string | null, string | null, number | null, string] => [c.file, c.side, c.line, c.certainty];

test('the seed review aligned with the seed patch: the comment is on kern_exit.c new line 427, exact', () => {
  const patchBody = readFileSync(SEED.patch, 'utf8').split('\n\n').slice(1).join('\n\n');
  const review = readFileSync(SEED.review, 'utf8');
  const body = review.slice(review.indexOf('\n\n') + 2);
  const thread: ThreadComment[] = [];
  const { comments } = readReplyComments({ body, author: 'Mark Kettenis <kettenis@openbsd.org>', date: 'Wed, 10 Jul 2024 17:42:45 +0200', messageId: '<m@x>' },
    patchMailMeanings(patchBody), thread);
  assert.deepEqual(comments.map((c) => [c.text.split('\n')[0], ...place(c)]), [
    ['Hi Christian,', null, null, null, 'not-a-line'],
    ["I don't think going back to taking the kernel lock here makes sense.", 'sys/kern/kern_exit.c', 'new', 427, 'exact'],
  ]);
  assert.equal(comments[1]!.author, 'Mark Kettenis <kettenis@openbsd.org>');
  assert.equal(comments[1]!.date, 'Wed, 10 Jul 2024 17:42:45 +0200');
  assert.equal(comments[1]!.messageId, '<m@x>');
  assert.equal(comments[1]!.checked, true);
});

test('without the answered message, the seed review is read from its quote alone: same line, exact (the quote pins it), not checked', () => {
  const review = readFileSync(SEED.review, 'utf8');
  const { comments } = readReplyComments({ body: review.slice(review.indexOf('\n\n') + 2), author: 'M', date: '', messageId: '' }, null, []);
  const line = comments.find((c) => c.about === 'line')!;
  // The reviewer quotes kern_exit.c's file header and hunk header and every line down to the comment, markers kept.
  assert.deepEqual(place(line), ['sys/kern/kern_exit.c', 'new', 427, 'exact']);
  assert.equal(line.checked, false);
  assert.equal(line.reason, undefined);
});

test('a quote trimmed to two lines (no file header, no hunk header) still lands on its line', () => {
  const { comments } = readReplyComments(reply([
    'On Wed, 10 Jul 2024, Alice Author wrote:',
    '> +\tTAILQ_INSERT_TAIL(&spc->spc_deadproc, p, p_runq);',
    '',
    'Who takes it off the list again?',
    '',
    '>  \twakeup_one(&spc->spc_deadproc);',
  ]), ANSWERED, []);
  assert.deepEqual(comments.map(place), [['sys/kern/kern_sched.c', 'new', 14, 'exact']]);
  assert.equal(comments[0]!.text, 'Who takes it off the list again?');
});

test('a snip inside the hunk does not shift the lines after it', () => {
  const lines = [
    '> @@ -10,7 +10,8 @@ sched_exit(struct proc *p)',
    '>  \tstruct schedstate_percpu *spc;',
    '> [...]',
    '> -\tmtx_enter(&deadproc_mutex);',
    '> +\tspc = &curcpu()->ci_schedstate;',
    'Why not keep the mutex for now?',
  ];
  // The removed line is old line 13: the snip cut ` int s;` and the blank line.
  assert.deepEqual(readReplyComments(reply(lines), ANSWERED, []).comments.map(place), [['sys/kern/kern_sched.c', 'new', 13, 'exact']]);
  // Alone, the quote counts the removed line as old line 11 and the added one as new 11: it says it may be off.
  const alone = readReplyComments(reply(lines), null, []).comments;
  assert.deepEqual(place(alone[0]!), ['', 'new', 11, 'approximate']);
  assert.match(alone[0]!.reason!, /snip/);
  assert.match(alone[0]!.reason!, /no file header/);
});

test('mail client damage: lost leading spaces, tabs turned to spaces, stripped trailing blanks', () => {
  const { comments } = readReplyComments(reply([
    '> @@ -10,7 +10,8 @@ sched_exit(struct proc *p)',
    '>         struct schedstate_percpu *spc;',
    '>         int s;',
    '>',
    '> -       mtx_enter(&deadproc_mutex);',
    '> +       spc = &curcpu()->ci_schedstate;',
    '> +       TAILQ_INSERT_TAIL(&spc->spc_deadproc, p, p_runq);',
    '>         wakeup_one(&spc->spc_deadproc);',
    'This wakeup can go after the switch.',
    '>         sched_toproc(NULL);',
  ]), ANSWERED, []);
  assert.deepEqual(comments.map(place), [['sys/kern/kern_sched.c', 'new', 15, 'exact']]);
});

test('a quoted-printable soft break or a wrapped line in the quote makes no comment', () => {
  for (const [head, tail] of [
    ['> +\tTAILQ_INSERT_TAIL(&spc->spc_deadpr=', '> oc, p, p_runq);'],
    ['> +\tTAILQ_INSERT_TAIL(&spc->spc_deadpr=', 'oc, p, p_runq);'],
    ['> +\tTAILQ_INSERT_TAIL(&spc->spc_deadproc,', 'p, p_runq);'],
  ] as const) {
    const { comments } = readReplyComments(reply(['> +\tspc = &curcpu()->ci_schedstate;', head, tail, '', 'Needs the list lock?']), ANSWERED, []);
    assert.deepEqual(comments.map((c) => [c.text, ...place(c)]), [['Needs the list lock?', 'sys/kern/kern_sched.c', 'new', 14, 'exact']], `${head} / ${tail}`);
  }
});

test('comments on the commit message and on the whole patch are not forced onto a line', () => {
  const { comments } = readReplyComments(reply([
    'Hi Alice,',
    '',
    // A flowed client joined the two lines of the commit message into one.
    '> Drop the global deadproc mutex: each CPU puts its dead threads on its own list, which only that CPU touches.',
    '',
    'Please say which CPU frees the stack.',
  ]), ANSWERED, []);
  assert.deepEqual(comments.map((c) => [c.text, c.about, c.certainty, c.line]), [
    ['Hi Alice,', 'general', 'not-a-line', null],
    ['Please say which CPU frees the stack.', 'commit-message', 'not-a-line', null],
  ]);
  const cover = readReplyComments(reply(['> This series makes the reaper per CPU.', 'Nice.']), patchMailMeanings('This series makes the reaper per CPU.\n', true), []);
  assert.deepEqual(cover.comments.map((c) => [c.about, c.certainty]), [['cover-letter', 'not-a-line']]);
});

test('a line the quote cannot place (a lone blank line after a snip) is approximate, with the reason', () => {
  const { comments } = readReplyComments(reply(['> [...]', '>', 'Stray blank line?']), ANSWERED, []);
  assert.equal(comments.length, 1);
  assert.equal(comments[0]!.certainty, 'approximate');
  assert.match(comments[0]!.reason!, /more than one place/);
});

test('a run ending in a blank line, then a snip and a lone blank line: approximate, as a comment under the later blank reads the same', () => {
  // Shrunk from a generated reply to stale-sched.diff. Its first hunk (`@@ -31,6 +31,7 @@`) has
  // ` int sched_fixture_debug;` new 32, blank context new 33, `+int sched_fixture_extra;` 34,
  // ` void sched_kthreads_create(void *);` 35, blank new 36, ` int sched_proc_to_cpu_cost(...)` 37.
  const answered = patchMailMeanings(readFileSync(join(FIXTURES, 'workspace/patches/stale-sched.diff'), 'utf8'));
  const quoted = (after: string): string[] => [
    '>  int    sched_fixture_debug;', '>', '', 'Why a blank line here?', '', '[...]', '>', after,
  ];
  // Written under new 33 (34..35 snipped, the lone `>` new 36, 37..43 cut without a mark), or
  // under new 36 (33..35 cut without a mark, 37..38 snipped, the lone `>` new 39): the same text.
  const ambiguous = readReplyComments(reply(quoted('>         SCHED_ASSERT_LOCKED();')), answered, []).comments;
  assert.deepEqual(ambiguous.map(place), [['sys/kern/kern_sched.c', 'new', 33, 'approximate']]);
  assert.match(ambiguous[0]!.reason!, /more than one place/);
  // Followed by ` int sched_proc_to_cpu_cost(...)`, the lone `>` can only be new 36, so the first one is new 33.
  const pinned = readReplyComments(reply(quoted('>  int sched_proc_to_cpu_cost(struct cpu_info *ci, struct proc *p);')), answered, []).comments;
  assert.deepEqual(pinned.map(place), [['sys/kern/kern_sched.c', 'new', 33, 'exact']]);
});

test('a counter-patch in the reviewer\'s text is a proposal attached to the comment', () => {
  const proposal = [
    'diff --git a/sys/kern/kern_sched.c b/sys/kern/kern_sched.c',
    '--- a/sys/kern/kern_sched.c',
    '+++ b/sys/kern/kern_sched.c',
    '@@ -13,1 +13,1 @@',
    '-\tmtx_enter(&deadproc_mutex);',
    '+\tKERNEL_ASSERT_LOCKED();',
  ];
  const { comments } = readReplyComments(reply([
    '> -\tmtx_enter(&deadproc_mutex);',
    '',
    'Rather this:',
    '',
    ...proposal,
    '',
    'Cheers, Bob',
  ]), ANSWERED, []);
  assert.equal(comments.length, 1);
  assert.deepEqual(place(comments[0]!), ['sys/kern/kern_sched.c', 'old', 13, 'exact']);
  assert.equal(comments[0]!.text, 'Rather this:\n\nCheers, Bob');
  assert.equal(comments[0]!.proposal, proposal.join('\n'));
  assert.deepEqual(splitProposal(['No diff here.']), { text: 'No diff here.', proposal: null });
});

test('a reply to a reply: the other reviewer\'s quoted words are no comments, an answer continues their thread', () => {
  const first = reply([
    'On Wed, 10 Jul 2024, Alice Author wrote:',
    '> -\tmtx_enter(&deadproc_mutex);',
    '> +\tspc = &curcpu()->ci_schedstate;',
    '',
    'Is curcpu() stable here?',
    '',
    '> +\tTAILQ_INSERT_TAIL(&spc->spc_deadproc, p, p_runq);',
  ]);
  const thread: ThreadComment[] = [];
  const a = readReplyComments(first, ANSWERED, thread);
  assert.deepEqual(a.comments.map(place), [['sys/kern/kern_sched.c', 'new', 13, 'exact']]);
  const second = reply([
    'On Thu, 11 Jul 2024, Bob Reviewer wrote:',
    '> On Wed, 10 Jul 2024, Alice Author wrote:',
    '> > -\tmtx_enter(&deadproc_mutex);',
    '> > +\tspc = &curcpu()->ci_schedstate;',
    '>',
    '> Is curcpu() stable here?',
    '',
    'Yes: interrupts are off in sched_exit.',
    '',
    '> > +\tTAILQ_INSERT_TAIL(&spc->spc_deadproc, p, p_runq);',
    '',
    'And this needs no lock.',
  ], 'Alice Author <alice@example.org>');
  const b = readReplyComments(second, a.answered, thread);
  assert.deepEqual(b.comments.map((c) => [c.text, ...place(c), c.replyTo]), [
    ['Yes: interrupts are off in sched_exit.', 'sys/kern/kern_sched.c', 'new', 13, 'exact', 0],
    ['And this needs no lock.', 'sys/kern/kern_sched.c', 'new', 14, 'exact', undefined],
  ]);
  assert.equal(thread.length, 3);
  assert.equal(b.comments[0]!.author, 'Alice Author <alice@example.org>');
});

test('without the answered message, a hunk cut short and a hunk without its file header are read, not errors', () => {
  const { comments } = readReplyComments(reply([
    '> @@ -10,7 +10,8 @@ sched_exit(struct proc *p)',
    '>  \tstruct schedstate_percpu *spc;',
    '>  \tint s;',
    'Unused now?',
  ]), null, []);
  assert.deepEqual(place(comments[0]!), ['', 'new', 11, 'approximate']);
  assert.match(comments[0]!.reason!, /no file header was quoted/);
});
