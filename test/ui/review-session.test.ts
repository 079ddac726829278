/**
 * A review in the real workbench, as a kernel developer does it: the reviewer's comment and the
 * user's reply follow their line through Apply and Undo, survive another patch and a window
 * reload; the status after Apply; what the Apply message says about auto-save; the reply-all
 * mail, saved as .eml; Compare Two Traces in two steps and from
 * the explorer. Screenshots go to test-results/ui-review-*.png.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import type { Page } from 'playwright-core';
import { commandLabel, leaveClean, openPalette, openWorkbench, quickOpenFile, repoRoot, runCommand, screenshot, uiTestsOn, webviewFrame, type Workbench } from './workbench';

let bench: Workbench;
before(async () => { bench = await openWorkbench(); });
after(async () => { await bench?.close(); });
// All tests share one workbench, in order: none may leave a dialog or quick input that takes the next one's keys.
afterEach(async () => { if (bench) await leaveClean(bench.page); });

const uiTest = uiTestsOn(() => bench, 'review-', 50);

const fixtureLines = (path: string): string[] => readFileSync(join(repoRoot, 'test/fixtures/workspace', path), 'utf8').split('\n');
/** 1-based line of the old sleep loop's `INFSLP);` in the fixture's kern_exit.c, where the reviewer's thread sits before Apply. */
const sleepLoopLine = fixtureLines('sys/kern/kern_exit.c').findIndex((l) => l.includes('INFSLP);')) + 1;

async function openPatchFile(page: Page, name: string): Promise<void> {
  await quickOpenFile(page, name);
  await runCommand(page, commandLabel('reaperscope.openPatchFromEditor'));
}

/** The Comments panel's rows (thread and comment lines), as text. */
async function commentsPanel(page: Page): Promise<string[]> {
  await runCommand(page, 'Comments: Focus on Comments View');
  const rows = page.locator('.comments-panel .monaco-list-row, .pane-body .comments-panel .monaco-tl-row');
  await page.waitForTimeout(500);
  return rows.allTextContents();
}

/**
 * The text of the notification matching `pattern`: a toast on screen, else the same one in the
 * notification center (a toast hides itself after a while, and a slow machine may miss it).
 */
async function notification(page: Page, pattern: RegExp, timeout = 20_000): Promise<string> {
  const toast = page.locator('.notification-toast', { hasText: pattern }).first();
  if (await toast.waitFor({ state: 'visible', timeout }).then(() => true, () => false)) return (await toast.textContent()) ?? '';
  await runCommand(page, 'Notifications: Show Notifications');
  const item = page.locator('.notifications-center .notification-list-item', { hasText: pattern }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  const text = (await item.textContent()) ?? '';
  await runCommand(page, 'Notifications: Hide Notifications');
  return text;
}

/** The text of the patch's status bar item once it matches `pattern` (or whatever it says after 15 s). */
async function statusBarText(page: Page, pattern: RegExp): Promise<string> {
  const item = page.locator('.statusbar-item', { hasText: pattern }).first();
  if (await item.waitFor({ timeout: 15_000 }).then(() => true, () => false)) return (await item.textContent()) ?? '';
  return (await page.locator('.statusbar-item', { hasText: /hunks/ }).allTextContents()).join(' | ');
}

uiTest('the reviewer\'s thread follows its line to the new `}` after Apply; the status says already applied; the message names auto-save', async () => {
  const { page, workspace } = bench;
  await openPatchFile(page, 'one-reaper-per-cpu.review.eml');
  await quickOpenFile(page, 'kern_exit.c');
  await runCommand(page, 'Comments: Expand All Comments');
  await page.locator('.review-widget').first().waitFor({ state: 'visible', timeout: 30_000 });
  const beforeRows = (await commentsPanel(page)).join(' | ');
  assert.match(beforeRows, new RegExp(`Mark Kettenis.*\\b${sleepLoopLine}\\b|\\b${sleepLoopLine}\\b.*Mark Kettenis`), beforeRows);
  await screenshot(page, 'review-comment-before-apply');

  await runCommand(page, commandLabel('reaperscope.applyPatch'));
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Apply$/ }).click({ timeout: 15_000 });
  // VS Code for the Web saves after a delay by default (files.autoSave: afterDelay): the message says so.
  const message = await notification(page, /applied one-reaper-per-cpu\.review\.eml/);
  assert.match(message, /Auto-save is on \(files\.autoSave: afterDelay\)/, message);
  assert.doesNotMatch(message, /nothing is saved/i);
  await screenshot(page, 'review-apply-message');
  // Auto-save wrote the patched file: its `}` closing the new loop is where the thread must go.
  const file = join(workspace, 'sys/kern/kern_exit.c');
  const deadline = Date.now() + 15_000;
  while (!readFileSync(file, 'utf8').includes('spc->spc_deadproc, PVM') && Date.now() < deadline) await page.waitForTimeout(200);
  const patched = readFileSync(file, 'utf8').split('\n');
  const brace = patched.findIndex((l, i) => l === '\t\t}' && patched[i - 1] === '\t\t\tKERNEL_UNLOCK();') + 1;
  assert.ok(brace > 0, 'auto-save wrote the patched kern_exit.c');

  const status = await statusBarText(page, /already applied/);
  assert.match(status, /already applied \(12 hunks in 4 file\(s\)\)/, status);
  const rows = (await commentsPanel(page)).join(' | ');
  assert.match(rows, new RegExp(`\\b${brace}\\b`), `the thread on line ${brace} in the Comments panel: ${rows}`);
  assert.doesNotMatch(rows, new RegExp(`\\b${sleepLoopLine}\\b`), rows);
  await screenshot(page, 'review-comment-after-apply');

  // Problems: one note per file, no errors, no hunk offered again.
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  await page.waitForTimeout(500);
  const problems = (await page.locator('.markers-panel .monaco-list-row').allTextContents()).join(' | ');
  assert.doesNotMatch(problems, /does not apply|fuzz/, problems);
  assert.match(problems, /already holds this patch/, problems);
  await screenshot(page, 'review-problems-after-apply');
});

uiTest('after Undo the thread is back on the old sleep loop, in the editor and in the Comments panel alike', async () => {
  const { page } = bench;
  await quickOpenFile(page, 'kern_exit.c');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Z');
  // A multi-file edit asks whether to undo it in every file.
  const undoAll = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Undo in \d+ Files/ });
  if (await undoAll.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) await undoAll.click();
  await page.waitForTimeout(1500);
  const rows = (await commentsPanel(page)).join(' | ');
  assert.match(rows, new RegExp(`\\b${sleepLoopLine}\\b`), rows);
  await screenshot(page, 'review-comment-after-undo');
});

/** Types a reply into the first expanded comment thread and submits it (Ctrl+Enter). */
async function replyInThread(page: Page, text: string): Promise<void> {
  const widget = page.locator('.review-widget').first();
  await widget.waitFor({ state: 'visible', timeout: 30_000 });
  // A thread with comments shows a "Reply..." box that opens the form when clicked.
  const expand = widget.locator('.review-thread-reply-button').first();
  if (await expand.isVisible()) {
    await expand.scrollIntoViewIfNeeded().catch(() => undefined);
    await expand.click();
  }
  const reply = widget.locator('.comment-form .monaco-editor').first();
  await reply.waitFor({ state: 'visible', timeout: 15_000 });
  await reply.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  await widget.locator('.review-comment', { hasText: text }).waitFor({ timeout: 15_000 });
}

uiTest('the user\'s reply survives opening another patch and a window reload', async () => {
  const { page } = bench;
  await openPatchFile(page, 'one-reaper-per-cpu.review.eml');
  await quickOpenFile(page, 'kern_exit.c');
  // Scroll the thread into view: go to its line.
  await openPalette(page, '');
  await page.locator('.quick-input-widget input').fill(`:${sleepLoopLine}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await runCommand(page, 'Comments: Expand All Comments');
  await replyInThread(page, 'Agreed: the list is per CPU now.');
  await openPatchFile(page, 'one-reaper-per-cpu.patch');
  await notification(page, /unsent review comment\(s\) on the previous patch are kept/);
  let rows = (await commentsPanel(page)).join(' | ');
  assert.doesNotMatch(rows, /Agreed: the list is per CPU now|reply from You/, rows);
  await openPatchFile(page, 'one-reaper-per-cpu.review.eml');
  rows = (await commentsPanel(page)).join(' | ');
  // The panel folds replies into "1 reply · Last reply from You".
  assert.match(rows, /Agreed: the list is per CPU now|Last reply from You/, rows);

  await runCommand(page, 'Developer: Reload Window');
  // As the first load (workbench.ts): a loaded machine takes minutes to serve the workbench again.
  await page.waitForSelector('.monaco-workbench', { timeout: 180_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 }).catch(() => undefined);
  const deadline = Date.now() + 60_000;
  for (;;) {
    rows = (await commentsPanel(page)).join(' | ');
    if (/Agreed: the list is per CPU now|Last reply from You/.test(rows) || Date.now() > deadline) break;
    await page.waitForTimeout(1000);
  }
  assert.match(rows, /Agreed: the list is per CPU now|Last reply from You/, `after the reload: ${rows}`);
  assert.match(rows, /Mark Kettenis/, rows);
  await quickOpenFile(page, 'kern_exit.c');
  await runCommand(page, 'Comments: Expand All Comments');
  await page.locator('.review-widget', { hasText: 'Agreed: the list is per CPU now.' }).first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'review-comments-after-reload');
});

uiTest('Compose Reply writes reply-all headers; Save as .eml writes a mail git send-email reads', async () => {
  const { page, workspace } = bench;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, commandLabel('reaperscope.composeReply'));
  const offer = await notification(page, /reply to Mark Kettenis, Cc Christian Ludwig, tech@openbsd\.org/);
  assert.match(offer, /git send-email/);
  const editor = page.locator('.monaco-editor .view-lines').first();
  await editor.waitFor({ timeout: 15_000 });
  const head = await editor.textContent() ?? '';
  assert.match(head.replace(/\u00a0/g, ' '), /Subject: Re: One reaper per CPU\s*To: Mark Kettenis\s*Cc: Christian Ludwig, tech@openbsd\.org/, head);
  await screenshot(page, 'review-reply-mail');

  // The notification offers the same as the palette command; its toast may be gone on a slow machine.
  await runCommand(page, commandLabel('reaperscope.saveReplyEml'));
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith('reply.eml'), undefined, { timeout: 15_000 });
  await page.keyboard.press('Enter');
  const eml = join(workspace, 'reply.eml');
  const deadline = Date.now() + 15_000;
  while (!(existsSync(eml) && statSync(eml).size > 0) && Date.now() < deadline) await page.waitForTimeout(100);
  const text = readFileSync(eml, 'utf8');
  assert.match(text, /^Subject: Re: One reaper per CPU\nTo: Mark Kettenis\nCc: Christian Ludwig, tech@openbsd\.org\nMIME-Version: 1\.0\nContent-Type: text\/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n/);
  assert.match(text, /\nAgreed: the list is per CPU now\.\n/);
  // The reply stays an unsaved untitled editor (the .eml is a copy): close it without saving, or
  // the next "Close All Editors" asks whether to save it, in a modal dialog that takes F1 too.
  await runCommand(page, 'View: Revert and Close Editor');
  await page.locator('.tabs-container .tab', { hasText: /reaperscope-reply-\d+\.eml/ }).waitFor({ state: 'detached', timeout: 15_000 });

  // The mailto: URL itself (recipients, threading headers, CRLF body) is checked by the unit
  // tests of reply-document.ts: code-server hands it to the browser by a route a page script
  // does not see.
});

uiTest('Compare Two Traces asks for the trace before, then the trace after, from the workspace\'s traces', async () => {
  const { page } = bench;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, commandLabel('reaperscope.compareTraces'));
  const title = page.locator('.quick-input-widget .quick-input-title');
  await title.filter({ hasText: '(1/2)' }).waitFor({ timeout: 15_000 });
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const first = (await rows.allTextContents()).join(' | ');
  // Each offered file with the format its first KB shows (fixture facts: a btrace and an ftrace)...
  assert.match(first, /btrace-baseline\.txt · btrace.*ftrace-flags5\.txt · ftrace/, first);
  // ...and not patches/one-reaper-per-cpu.marc.txt, a .txt holding a mail archive page.
  assert.doesNotMatch(first, /marc\.txt/, first);
  assert.match(first, /Browse…/, first);
  await screenshot(page, 'review-compare-step1');
  await rows.filter({ hasText: 'btrace-baseline.txt' }).first().click();
  await title.filter({ hasText: '(2/2)' }).waitFor({ timeout: 15_000 });
  const second = (await rows.allTextContents()).join(' | ');
  assert.doesNotMatch(second, /btrace-baseline\.txt/, 'the trace picked before is not offered again');
  await screenshot(page, 'review-compare-step2');
  await rows.filter({ hasText: 'ftrace-flags5.txt' }).first().click();
  const frame = await webviewFrame(page, 90_000);
  await frame.waitForFunction(() => document.querySelectorAll('canvas').length >= 2, undefined, { timeout: 90_000 });
  await screenshot(page, 'review-compare-panel');
});

uiTest('two trace files selected in the explorer: its context menu compares them', async () => {
  const { page } = bench;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'File: Focus on Files Explorer');
  const row = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  if (!(await row('btrace-baseline.txt').isVisible())) await row('traces').click();
  await row('btrace-baseline.txt').click();
  await row('ftrace-flags5.txt').click({ modifiers: ['Control'] });
  await row('ftrace-flags5.txt').click({ button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: 'Compare Two Traces' }).first();
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  await screenshot(page, 'review-compare-explorer-menu');
  await item.click();
  const frame = await webviewFrame(page, 90_000);
  await frame.waitForFunction(() => document.querySelectorAll('canvas').length >= 2, undefined, { timeout: 90_000 });
});
