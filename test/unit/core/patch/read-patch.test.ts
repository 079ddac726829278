import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPatch } from '../../../../src/core/patch/read-patch';
import { recoverFlattenedArchive } from '../../../../src/core/patch/mail/flattened-archive';
import type { Patch } from '../../../../src/core/patch/model';
import { SEED, bytesOf, linesOf } from './read-patch-fixtures';

// Facts from test/fixtures/README.md (the mail's diffstat, checked with git apply --numstat).
const FACTS = [
  { path: 'sys/kern/init_main.c', added: 0, removed: 5, hunks: 2, oldBlob: 'd571b0855cff', newBlob: '83a03a14a042' },
  { path: 'sys/kern/kern_exit.c', added: 16, removed: 43, hunks: 3, oldBlob: 'ba87dcd42cd0', newBlob: 'a5cc37ac0f74' },
  { path: 'sys/kern/kern_sched.c', added: 28, removed: 15, hunks: 6, oldBlob: '0ee965183323', newBlob: 'c3e3d4a1c14b' },
  { path: 'sys/sys/proc.h', added: 0, removed: 1, hunks: 1, oldBlob: '50b708954bff', newBlob: '6139f25c3640' },
];

/*
 * The `+\t\t}` closing the new sleep loop in reaper(), counted by hand from `@@ -441,20 +408,26 @@`:
 * 408 reaper(void *arg), 409 {, 410 struct proc *p;, 411-412 two added declarations, 413 blank,
 * 414 KERNEL_UNLOCK(); (the removed blank takes no new line), 415 SCHED_ASSERT_UNLOCKED();,
 * 416 blank, 417-421 five added lines, 422 for (;;) {, (four removed lines), 423-427 the five
 * added lines of the new while loop: 427 is its closing brace. On the old side the blank context
 * line after it (the one the comment replaced) is 454: 441..449 up to `for (;;) {` with the
 * removed blank at 446, then the four removed lines 450..453.
 */
const COMMENT_LINE = 427;

const forms = {
  patch: () => readPatch(bytesOf(SEED.patch), { fileName: 'one-reaper-per-cpu.patch' }),
  review: () => readPatch(bytesOf(SEED.review), { fileName: 'one-reaper-per-cpu.review.eml' }),
  marc: () => readPatch(readFileSync(SEED.marc, 'utf8'), { fileName: 'one-reaper-per-cpu.marc.txt' }),
};

function assertSeedFacts(patch: Patch): void {
  assert.deepEqual(patch.files.map((f) => f.newPath), FACTS.map((f) => f.path));
  assert.deepEqual(patch.files.map((f) => f.oldPath), FACTS.map((f) => f.path));
  patch.files.forEach((file, i) => {
    const fact = FACTS[i]!;
    assert.equal(file.added, fact.added, `${fact.path} added`);
    assert.equal(file.removed, fact.removed, `${fact.path} removed`);
    assert.equal(file.hunks.length, fact.hunks, `${fact.path} hunks`);
    assert.equal(file.oldBlob, fact.oldBlob);
    assert.equal(file.newBlob, fact.newBlob);
    for (const hunk of file.hunks) {
      assert.equal(hunk.lines.filter((l) => l.kind !== 'add').length, hunk.oldLines, `${fact.path} ${hunk.oldStart} old count`);
      assert.equal(hunk.lines.filter((l) => l.kind !== 'remove').length, hunk.newLines, `${fact.path} ${hunk.newStart} new count`);
    }
  });
  assert.equal(patch.files.reduce((n, f) => n + f.added, 0), 44);
  assert.equal(patch.files.reduce((n, f) => n + f.removed, 0), 64);
  assert.equal(patch.files.reduce((n, f) => n + f.hunks.length, 0), 12);
  assert.equal(patch.diffstat.matches, true);
  assert.deepEqual(patch.diffstat.claimed?.totals, { files: 4, added: 44, removed: 64 });
  assert.deepEqual(patch.diffstat.claimed?.files.map((e) => [e.path, e.changes]),
    [['sys/kern/init_main.c', 5], ['sys/kern/kern_exit.c', 59], ['sys/kern/kern_sched.c', 43], ['sys/sys/proc.h', 1]]);
  assert.equal(patch.diagnostics.filter((d) => d.severity !== 'info').length, 0, JSON.stringify(patch.diagnostics));
}

/** Every hunk line reduced to what must not depend on the form: kind and old/new line numbers. */
function lineNumbers(patch: Patch): string[] {
  return patch.files.flatMap((f) => f.hunks.flatMap((h) => [
    `${f.newPath} @@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines}`,
    ...h.lines.map((l) => `${l.kind} ${l.oldLine} ${l.newLine}`),
  ]));
}

function assertReviewComment(patch: Patch): void {
  assert.equal(patch.comments.length, 1);
  const comment = patch.comments[0]!;
  assert.equal(comment.author, 'Mark Kettenis');
  assert.ok(comment.text.startsWith("I don't think going back to taking the kernel lock here makes sense."), comment.text);
  assert.ok(comment.text.endsWith('need to do any locking...'), comment.text);
  assert.equal(comment.file, 'sys/kern/kern_exit.c');
  assert.equal(comment.side, 'new');
  assert.equal(comment.line, COMMENT_LINE);
  const exit = patch.files[1]!;
  const anchored = exit.hunks[2]!.lines.find((l) => l.newLine === COMMENT_LINE)!;
  assert.equal(anchored.kind, 'add');
  assert.equal(anchored.text.trim(), '}');
  const above = exit.hunks[2]!.lines.find((l) => l.newLine === COMMENT_LINE - 4)!;
  assert.match(above.text, /while \(\(p = LIST_FIRST\(&spc->spc_deadproc\)\) == NULL\) \{/);
}

test('the format-patch mail gives the files, hunks, counts and blob ids of the fixture facts', async () => {
  const patch = await forms.patch();
  assertSeedFacts(patch);
  // The fixture's headers: From, To (the list), Date, Subject.
  assert.deepEqual(patch.mail, { from: 'Christian Ludwig', to: ['tech@openbsd.org'], date: 'Wed, 10 Jul 2024 17:21:35 +0200', subject: 'One reaper per CPU' });
  assert.equal(patch.whitespaceDamaged, false);
  assert.equal(patch.comments.length, 0);
  assert.ok(patch.prose.startsWith('Hi,\n\nThis implements one reaper process per CPU.'));
  assert.ok(patch.prose.endsWith('- Christian'));
});

test('patch lines of the format-patch mail point at their own line of the file', async () => {
  const patch = await forms.patch();
  const lines = linesOf(SEED.patch);
  const sign = { context: ' ', add: '+', remove: '-' } as const;
  for (const file of patch.files) {
    assert.ok(lines[file.sourceLine - 1]!.startsWith('diff --git '));
    for (const hunk of file.hunks) {
      assert.ok(lines[hunk.sourceLine - 1]!.startsWith(`@@ -${hunk.oldStart},`));
      for (const l of hunk.lines) assert.equal(lines[l.sourceLine - 1], sign[l.kind] + l.text);
    }
  }
});

test('the review reply gives the same patch, and the comment lands on the `+\\t\\t}` closing the sleep loop', async () => {
  const patch = await forms.review();
  assertSeedFacts(patch);
  assertReviewComment(patch);
  assert.equal(patch.mail?.from, 'Mark Kettenis');
  assert.equal(patch.mail?.subject, 'Re: One reaper per CPU');
  assert.equal(patch.whitespaceDamaged, false);
  assert.ok(patch.prose.startsWith('Hi,\n\nThis implements one reaper process per CPU.'), patch.prose);
  assert.ok(patch.prose.endsWith('- Christian'));
  const lines = linesOf(SEED.review);
  const comment = patch.comments[0]!;
  assert.ok(lines[comment.sourceLine - 1]!.startsWith("I don't think"));
  const closing = patch.files[1]!.hunks[2]!.lines.find((l) => l.newLine === COMMENT_LINE)!;
  assert.equal(lines[closing.sourceLine - 1], '> +\t\t}');
});

test('the reply says it put back the blank context line the comment replaced', async () => {
  const patch = await forms.review();
  const repaired = patch.diagnostics.filter((d) => d.code === 'hunk-repaired');
  assert.equal(repaired.length, 1);
  assert.equal(repaired[0]!.line, patch.comments[0]!.sourceLine);
  assert.match(repaired[0]!.message, /@@ -441,20 \+408,26 @@/);
  const blank = patch.files[1]!.hunks[2]!.lines.find((l) => l.newLine === COMMENT_LINE + 1)!;
  assert.deepEqual([blank.kind, blank.text, blank.oldLine], ['context', '', 454]);
});

test('the flattened archive text gives the same patch, marked white-space damaged, with the comment on the same line', async () => {
  const patch = await forms.marc();
  assertSeedFacts(patch);
  assertReviewComment(patch);
  assert.equal(patch.whitespaceDamaged, true);
  // The archive page's header line: From, Subject, To (the author), Cc (the list), Date.
  assert.deepEqual(patch.mail, { from: 'Mark Kettenis', to: ['Christian Ludwig'], cc: ['tech@openbsd.org'], date: 'Wed, 10 Jul 2024 17:42:45 +0200', subject: 'Re: One reaper per CPU' });
  assert.ok(!patch.comments[0]!.text.includes('>'));
  assert.ok(patch.prose.startsWith('Hi,\n\nThis implements one reaper process per CPU.'), patch.prose);
});

test('diagnostics on the flattened text use recovered line numbers and the column in the original line', async () => {
  const original = readFileSync(SEED.marc, 'utf8');
  const recovered = recoverFlattenedArchive(original);
  const patch = await forms.marc();
  const repaired = patch.diagnostics.find((d) => d.code === 'hunk-repaired')!;
  assert.ok(recovered.lines[repaired.line - 1]!.startsWith("I don't think"));
  assert.ok(original.slice(repaired.column! - 1).startsWith("I don't think going back"));
  for (const d of patch.diagnostics) {
    assert.ok(d.line >= 1 && d.line <= recovered.lines.length, JSON.stringify(d));
    assert.ok(d.column === undefined || (d.column >= 1 && d.column <= original.length), JSON.stringify(d));
  }
});

test('the hunks read from the three forms have identical line numbers', async () => {
  const [patch, review, marc] = await Promise.all([forms.patch(), forms.review(), forms.marc()]);
  const expected = lineNumbers(patch);
  assert.equal(expected.length, 12 + 44 + 64 + patch.files.flatMap((f) => f.hunks).reduce((n, h) => n + h.oldLines - h.lines.filter((l) => l.kind === 'remove').length, 0));
  assert.deepEqual(lineNumbers(review), expected);
  assert.deepEqual(lineNumbers(marc), expected);
});

test('a bare diff, a string input, and input without any diff', async () => {
  const text = readFileSync(SEED.patch, 'utf8');
  const bare = await readPatch(text.slice(text.indexOf('diff --git')));
  assert.equal(bare.mail, null);
  assert.equal(bare.files.length, 4);
  assert.equal(bare.diffstat.claimed, null);
  assert.equal(bare.diffstat.matches, null);
  assert.equal(bare.files[0]!.sourceLine, 1);
  const none = await readPatch('Hello,\nno diff here.\n', { fileName: 'note.txt' });
  assert.equal(none.files.length, 0);
  assert.deepEqual(none.diagnostics.map((d) => [d.code, d.severity, d.message]), [['no-diff', 'warning', 'No diff found in note.txt.']]);
});

test('CRLF line breaks: the same patch, comment and line numbers', async () => {
  for (const path of [SEED.patch, SEED.review]) {
    const crlf = readFileSync(path, 'utf8').replace(/\n/g, '\r\n');
    const [lf, patch] = await Promise.all([readPatch(bytesOf(path)), readPatch(crlf)]);
    assertSeedFacts(patch);
    assert.deepEqual(lineNumbers(patch), lineNumbers(lf));
    assert.deepEqual(patch.files.map((f) => f.sourceLine), lf.files.map((f) => f.sourceLine));
    assert.deepEqual(patch.comments, lf.comments);
  }
});
