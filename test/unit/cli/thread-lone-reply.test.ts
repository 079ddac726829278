/**
 * `reaperscope patch` on a review reply read alone, written by hand the way reviewers trim: the
 * quoted hunk of a small kern_sched.c patch (the fixture mail/sched-exit-dead-list.patch), whose
 * hunk `@@ -10,7 +10,8 @@` counts (by hand):
 *   ` struct...` 10/10, ` int s;` 11/11, ` ` 12/12, `-mtx_enter` old 13, `+spc =` new 13,
 *   `+TAILQ_INSERT_TAIL` new 14, ` wakeup_one` 14/15, ` sched_toproc` 15/16, ` }` 16/17.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCHED_EXIT_PATCH, linesOf } from '../core/patch/read-patch-fixtures';
import { runCli } from './run-cli';

const PATCH = linesOf(SCHED_EXIT_PATCH);
/** The hunk, header to its last line (` }`). */
const HUNK = PATCH.slice(PATCH.findIndex((l) => l.startsWith('@@ ')), PATCH.indexOf(' }') + 1);
/** `diff --git`, `---` and `+++`: the file header as reviewers keep it, without the `index` line. */
const FILE_HEADER = PATCH.filter((l) => /^(?:diff --git |--- a\/|\+\+\+ b\/)/.test(l));

/** A reply mail (the patch it answers, <p@example.org>, is not in the input) with `body`. */
function replyMail(body: readonly string[]): string {
  return [
    'From: Mark Kettenis <kettenis@example.org>',
    'Date: Thu, 11 Jul 2024 09:00:00 +0200',
    'Subject: Re: [PATCH] sched: per-CPU dead lists',
    'Message-ID: <r@example.org>',
    'In-Reply-To: <p@example.org>',
    '',
    'On Wed, 10 Jul 2024, Alice Author wrote:',
    ...body,
    '',
  ].join('\n');
}

const quote = (lines: readonly string[]): string[] => lines.map((l) => `> ${l}`.trimEnd());

interface LoneJson {
  files: unknown[];
  comments: { file: string; side: string; line: number; text: string; certainty: string; reason?: string; checked: boolean }[];
  diagnostics: { line: number; severity: string; code: string }[];
}

async function read(mail: string): Promise<{ status: number | null; json: LoneJson; text: string; stderr: string }> {
  const json = await runCli(['patch', '-', '--json'], mail);
  const text = await runCli(['patch', '-'], mail);
  return { status: json.status, json: JSON.parse(json.stdout) as LoneJson, text: text.stdout, stderr: json.stderr + text.stderr };
}

test('a quoted hunk without its file header: read, not "no diff found"; the comment is approximate with the reason', async () => {
  const mail = replyMail([...quote(HUNK.slice(0, 6)), '', 'Does anything still take the mutex?']);
  const r = await read(mail);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /no diff found/);
  assert.equal(r.json.comments.length, 1);
  const [c] = r.json.comments;
  // Under `+spc =`: new 13.
  assert.deepEqual([c!.file, c!.side, c!.line, c!.certainty, c!.checked], ['', 'new', 13, 'approximate', false]);
  assert.match(c!.reason!, /^answered message not in the input; line read from the quote; no file header was quoted above the hunk$/);
  assert.match(r.text, /^1 comment\(s\) could not be checked: <stdin> is a reply read alone/m);
  assert.match(r.text, /^ {2}<stdin>:\d+: \(file not quoted\):13 \(new side\), approximate: answered message not in the input/m);
});

test('a hunk cut short after the line commented on: a note, not an error; the line is pinned by the quoted headers', async () => {
  const mail = replyMail([...quote([...FILE_HEADER, ...HUNK.slice(0, 7)]), '', 'Who takes it off the list again?']);
  const r = await read(mail);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.json.diagnostics.every((d) => d.severity !== 'error'), JSON.stringify(r.json.diagnostics));
  assert.ok(r.json.diagnostics.some((d) => d.severity === 'info'), 'the cut is named as a note');
  assert.equal(r.json.files.length, 1);
  // Under `+TAILQ_INSERT_TAIL`: new 14, file and hunk headers quoted, every line with its marker.
  assert.deepEqual(r.json.comments.map((c) => [c.file, c.side, c.line, c.certainty, c.checked]), [['sys/kern/kern_sched.c', 'new', 14, 'exact', false]]);
  assert.match(r.text, /^ {2}<stdin>:\d+: sys\/kern\/kern_sched\.c:14 \(new side\), exact$/m);
});

test('a snip inside the quoted hunk: the lines after it are counted as if nothing was cut, and say so', async () => {
  const mail = replyMail([...quote([...FILE_HEADER, ...HUNK.slice(0, 2)]), '[...]', ...quote(HUNK.slice(7, 8)), '', 'Wake the reaper after the unlock?']);
  const r = await read(mail);
  assert.equal(r.status, 0, r.stderr);
  // ` struct` is new 10; the line after the snip is counted as the next, 11 (it is 15 in the patch): approximate.
  const [c] = r.json.comments;
  assert.deepEqual([c!.file, c!.line, c!.certainty], ['sys/kern/kern_sched.c', 11, 'approximate']);
  assert.match(c!.reason!, /a snip above it in the hunk may have cut lines/);
});

test('a reply that quotes no diff at all is still "no diff found"', async () => {
  const run = await runCli(['patch', '-'], replyMail(['> Should this go in before the release?', '', 'Yes.']));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /no diff found/);
});
