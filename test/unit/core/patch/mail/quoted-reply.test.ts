import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributionName, displayWidth, readQuotedPatch, splitQuote } from '../../../../../src/core/patch/mail/quoted-reply';
import { readPatch } from '../../../../../src/core/patch/read-patch';
import { MAIL, SEED, bytesOf, linesOf } from '../read-patch-fixtures';

test('quote markers: one space per level belongs to the marker, a second one to the line', () => {
  assert.deepEqual(splitQuote('> +\t\t}'), { depth: 1, content: '+\t\t}' });
  assert.deepEqual(splitQuote('>  \tstruct proc *p;'), { depth: 1, content: ' \tstruct proc *p;' });
  assert.deepEqual(splitQuote('>  '), { depth: 1, content: ' ' });
  assert.deepEqual(splitQuote('>'), { depth: 1, content: '' });
  assert.deepEqual(splitQuote('> > -\tsched_toidle();'), { depth: 2, content: '-\tsched_toidle();' });
  assert.deepEqual(splitQuote('>> -x'), { depth: 2, content: '-x' });
  assert.deepEqual(splitQuote('> >  ctx'), { depth: 2, content: ' ctx' });
  assert.deepEqual(splitQuote('> > '), { depth: 2, content: '' });
  assert.deepEqual(splitQuote('plain'), { depth: 0, content: 'plain' });
  assert.equal(displayWidth('-\t\tx'), 17);
  assert.deepEqual(splitQuote('> > > deep', 1), { depth: 1, content: '> > deep' });
});

test('attribution lines name the quoted author', () => {
  assert.equal(attributionName('On Thu, 11 Jul 2024 22:10:00 +0200, Bob Reviewer wrote:'), 'Bob Reviewer');
  assert.equal(attributionName('Christian Ludwig <cludwig@example.org> wrote:'), 'Christian Ludwig');
  assert.equal(attributionName('"Mark Kettenis" wrote:'), 'Mark Kettenis');
  assert.equal(attributionName('On Wed, Jul 10, 2024 at 5:21 PM Christian Ludwig <cludwig@example.org> wrote:'), 'Christian Ludwig');
});

test('a wrapped attribution line still names the author of the quoted comment', () => {
  const body = [
    'On Wed, Jul 10, 2024 at 5:21 PM Bob Reviewer <', 'bob@example.org> wrote:',
    '> > diff --git a/x.c b/x.c', '> > --- a/x.c', '> > +++ b/x.c', '> > @@ -1,1 +1,1 @@', '> > -a', '>',
    '> Why remove a?', '>', '> > +b',
  ];
  const quoted = readQuotedPatch(body, 'Carol')!;
  assert.equal(quoted.depth, 2);
  assert.deepEqual(quoted.comments.map((c) => [c.author, c.text, c.depth]), [['Bob Reviewer', 'Why remove a?', 1]]);
});

test('a plain patch mail is not a quoted reply', () => {
  const body = readFileSync(SEED.patch, 'utf8').split('\n');
  assert.equal(readQuotedPatch(body, 'Christian Ludwig'), null);
});

test('the seed reply: depth 1, the comment sits before the quoted line after `+\\t\\t}`', () => {
  const lines = linesOf(SEED.review);
  const body = lines.slice(6);
  const quoted = readQuotedPatch(body, 'Mark Kettenis')!;
  assert.equal(quoted.depth, 1);
  const patchComments = quoted.comments.filter((c) => c.text.startsWith("I don't think"));
  assert.equal(patchComments.length, 1);
  const c = patchComments[0]!;
  assert.equal(c.author, 'Mark Kettenis');
  assert.equal(quoted.lines[c.before - 1], '+\t\t}');
  assert.equal(quoted.lines[c.before], ' \t\t/* Remove us from the deadproc list. */');
  // "Hi Christian," is a comment on the prose; the pkcs7 marker and the quoted signature are not comments.
  assert.deepEqual(quoted.comments.map((x) => x.text.split('\n')[0]), ['Hi Christian,', "I don't think going back to taking the kernel lock here makes sense."]);
});

test('nested quotes: comments at two depths, each with its author and anchor', async () => {
  const path = join(MAIL, 'nested-quotes.eml');
  const lines = linesOf(path);
  const patch = await readPatch(bytesOf(path));
  assert.equal(patch.prose, 'Wake the reaper of this CPU instead of the global one.');
  assert.deepEqual(patch.files.map((f) => [f.newPath, f.added, f.removed, f.hunks.length]), [['sys/kern/kern_sched.c', 3, 1, 1]]);
  assert.deepEqual(patch.diagnostics, []);
  // Hunk @@ -230,7 +230,9 @@: 230-232 context, +233 KERNEL_UNLOCK, +234 wakeup_one, -233 sched_toidle,
  // +235 sched_toproc, then } 236, blank 237, void 238 on the new side.
  assert.deepEqual(patch.comments.map((c) => [c.author, c.side, c.line, c.text.split('\n')[0]]), [
    ['Bob Reviewer', 'new', 234, 'Why wakeup_one()?  There is exactly one reaper sleeping on this'],
    ['Carol Reviewer', 'old', 233, 'Using wakeup_one() documents that only one thread may be woken;'],
    ['Bob Reviewer', 'new', 238, 'Looks fine otherwise.'],
  ]);
  for (const c of patch.comments) {
    assert.equal(c.file, 'sys/kern/kern_sched.c');
    assert.ok(lines[c.sourceLine - 1]!.includes(c.text.split('\n')[0]!));
    assert.ok(!/\bBob$|\bCarol$|^--/m.test(c.text), c.text);
  }
  const hunk = patch.files[0]!.hunks[0]!;
  assert.equal(hunk.lines.find((l) => l.newLine === 234)!.text, '\twakeup_one(&spc->spc_deadproc);');
  assert.equal(hunk.lines.find((l) => l.oldLine === 233 && l.kind === 'remove')!.text, '\tsched_toidle();');
});

test('a reply whose mail client stripped the space of blank context lines', async () => {
  const path = join(MAIL, 'stripped-trailing-spaces.eml');
  const lines = linesOf(path);
  const patch = await readPatch(bytesOf(path));
  assert.deepEqual(patch.files.map((f) => [f.newPath, f.added, f.removed, f.hunks.length]), [['sys/kern/init_main.c', 0, 5, 2]]);
  assert.equal(patch.whitespaceDamaged, true);
  const stripped = patch.diagnostics.filter((d) => d.code === 'stripped-blank-context');
  assert.deepEqual(stripped.map((d) => d.line), [16, 18, 22]);
  for (const d of stripped) assert.equal(lines[d.line - 1], '>');
  assert.equal(patch.diagnostics.filter((d) => d.severity !== 'info').length, 0);
  // The comment follows the removed blank line at old 501 (495 if, 496 panic, 497 blank, 498-501 removed).
  assert.deepEqual(patch.comments.map((c) => [c.author, c.file, c.side, c.line, c.text]),
    [['Dave Reviewer', 'sys/kern/init_main.c', 'old', 501, 'Does anything still look at reaperproc, e.g. ddb?']]);
  const anchored = patch.files[0]!.hunks[1]!.lines.find((l) => l.oldLine === 501)!;
  assert.deepEqual([anchored.kind, anchored.text], ['remove', '']);
});

test('snip marks where the reviewer cut the quote are not comments', () => {
  const body = [
    '> diff --git a/x.c b/x.c', '> --- a/x.c', '> +++ b/x.c', '> @@ -1,2 +1,2 @@', '> -a', '> +b',
    '', '[...]', '', '> @@ -9,1 +9,1 @@', '> -c', '> +d', '', 'Why d?', '', '<snip>',
  ];
  const quoted = readQuotedPatch(body, 'Eve')!;
  assert.deepEqual(quoted.comments.map((c) => [c.text, c.before]), [['Why d?', 9]]);
});

test('quoted diff lines a client wrapped at 72 columns are joined back, with or without a quote marker on the tail', async () => {
  const path = join(MAIL, 'rewrapped-reply.eml');
  const raw = readFileSync(path, 'utf8');
  // The file has the classic broken wrap (tails without `> `); the variant re-quotes the tails.
  const requoted = raw.replace(/^(THREAD_PID_OFFSET,)$/gm, '> $1');
  assert.equal(raw.match(/^THREAD_PID_OFFSET,$/gm)?.length, 2);
  const seed = (await readPatch(bytesOf(SEED.patch))).files[2]!.hunks[5]!;
  for (const text of [raw, requoted]) {
    const patch = await readPatch(text);
    const hunk = patch.files[0]!.hunks[0]!;
    assert.deepEqual(hunk.lines.map((l) => [l.kind, l.oldLine, l.newLine, l.text]), seed.lines.map((l) => [l.kind, l.oldLine, l.newLine, l.text]));
    assert.deepEqual(patch.diagnostics.map((d) => [d.code, raw.split('\n')[d.line - 1]!.replace(/^> /, '')]), [
      ['quote-rewrapped', 'THREAD_PID_OFFSET,'], ['quote-rewrapped', 'THREAD_PID_OFFSET,'],
      ['hunk-repaired', 'Why not clear SPCF_SWITCHCLEAR after taking the scheduler lock?'],
    ]);
    // Anchored on `atomic_clearbits_int(...)`, the hunk's first line: new 260.
    assert.deepEqual(patch.comments.map((c) => [c.author, c.file, c.side, c.line, c.text]),
      [['Mark Kettenis', 'sys/kern/kern_sched.c', 'new', 260, 'Why not clear SPCF_SWITCHCLEAR after taking the scheduler lock?']]);
  }
});

test('a reviewer\'s sentence right under a long quoted line is a comment, not a wrapped tail', () => {
  const body = [
    '> diff --git a/x.c b/x.c', '> --- a/x.c', '> +++ b/x.c', '> @@ -1,2 +1,2 @@',
    '> -\t\tTRACEPOINT(sched, off__cpu, idle->p_tid + THREAD_PID_OFFSET,',
    'This tracepoint is wrong for the idle thread.',
    '> +\t\tTRACEPOINT(sched, off__cpu, nextproc->p_tid + THREAD_PID_OFFSET,', '>  }',
  ];
  const quoted = readQuotedPatch(body, 'Eve')!;
  assert.deepEqual(quoted.rewrapped, []);
  assert.deepEqual(quoted.comments.map((c) => [c.text, c.before]), [['This tracepoint is wrong for the idle thread.', 5]]);
});

test('`>> ` quoting (no space between the markers) reads the same as `> > `', async () => {
  const raw = readFileSync(join(MAIL, 'nested-quotes.eml'), 'utf8');
  const compact = raw.replace(/^> > /gm, '>> ').replace(/^> >$/gm, '>>');
  assert.notEqual(compact, raw);
  const [spaced, tight] = await Promise.all([readPatch(raw), readPatch(compact)]);
  assert.deepEqual(tight.files, spaced.files);
  assert.deepEqual(tight.comments, spaced.comments);
  assert.equal(tight.comments.length, 3);
});

test('comments after a hunk header, after a file header, above the diff and on a deleted file', async () => {
  const reply = [
    'From: Eve Reviewer <eve@example.org>', 'Subject: Re: [PATCH] cleanup', '', 'Bob wrote:', '> Remove old code.', '',
    'Nice cleanup.', '',
    '> diff --git a/a.c b/a.c', '> index 1111111..2222222 100644', '> --- a/a.c', '> +++ b/a.c', '',
    'About the whole file.', '',
    '> @@ -10,2 +10,2 @@ f(void)', '', 'About this hunk.', '', '>  \tx = 1;', '> -\ty = 2;', '> +\ty = 3;',
    '> diff --git a/old.c b/old.c', '> deleted file mode 100644', '> index 3333333..0000000', '> --- a/old.c', '> +++ /dev/null',
    '> @@ -1,2 +0,0 @@', '> -int', '> -old;', '', 'Good riddance.', '',
  ].join('\n');
  const patch = await readPatch(reply);
  assert.deepEqual(patch.files.map((f) => [f.oldPath, f.newPath, f.status]), [['a.c', 'a.c', 'modified'], ['old.c', null, 'deleted']]);
  assert.deepEqual(patch.comments.map((c) => [c.text, c.file, c.side, c.line]), [
    ['About the whole file.', 'a.c', 'new', 10],
    ['About this hunk.', 'a.c', 'new', 10],
    ['Good riddance.', 'old.c', 'old', 2],
  ]);
  assert.ok(patch.comments.every((c) => c.author === 'Eve Reviewer'));
  assert.equal(patch.prose, 'Remove old code.');
});
