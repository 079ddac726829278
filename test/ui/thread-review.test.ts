/**
 * A whole review thread in the real workbench: open patches/reaper-count.mbox (v1 and v2 of a
 * series, replies from Bob Reviewer and Carol Checker, Alice Author's answer to Bob), review v1
 * then v2 from the Patch view and the palette, see both reviewers' threads on kern_sched.c (v1's
 * marked whether their line changed in v2), and preview Bob's proposal in the diff editor.
 * Screenshots go to test-results/ui-thread-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { commandLabel, goToLine, openWorkbench, quickOpenFile, runCommand, screenshot, type Workbench } from './workbench';

let bench: Workbench;
before(async () => { bench = await openWorkbench(); });
after(async () => { await bench?.close(); });

/** The Patch view's rows, as text. */
async function patchView(page: Page): Promise<string> {
  const rows = page.locator('.pane-body .monaco-list-row', { hasText: /sched: count CPUs and reapers|^v\d/ });
  await rows.first().waitFor({ timeout: 90_000 });
  return (await page.locator('.pane-body .monaco-list-row').allTextContents()).join(' | ');
}

/** Picks a version with the palette command, by the start of its quick-pick label (`v1:`). */
async function reviewVersion(page: Page, version: string): Promise<void> {
  await runCommand(page, commandLabel('reaperscope.chooseVersion'));
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: `${version}: sched: count CPUs and reapers` }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);
}

/** The texts of the comment widgets shown in the editor at `line` (the editor renders only what is in view), once one matches `pattern`. */
async function commentWidgets(page: Page, line: number, pattern: RegExp): Promise<string> {
  await goToLine(page, line);
  await runCommand(page, 'Comments: Expand All Comments');
  await page.locator('.review-widget', { hasText: pattern }).first().waitFor({ state: 'visible', timeout: 30_000 });
  // Comment bodies are markdown: their spaces render as no-break spaces.
  return (await page.locator('.review-widget').allTextContents()).join(' | ').replace(/\u00a0/g, ' ');
}

test('a thread: open the mbox, review v1 then v2, both reviewers\' threads, a proposal previewed', async () => {
  const { page } = bench;
  try {
    await quickOpenFile(page, 'reaper-count.mbox');
    await runCommand(page, commandLabel('reaperscope.openPatchFromEditor'));
    const tree = await patchView(page);
    assert.match(tree, /sched: count CPUs and reapers/, tree);
    assert.match(tree, /v2.*under review/, tree);
    assert.match(tree, /\[3\/3\] missing/, tree);
    await screenshot(page, 'thread-tree-v2');

    // v1: Bob's threads (one with Alice's answer) on kern_sched.c.
    await reviewVersion(page, 'v1');
    await page.locator('.pane-body .monaco-list-row', { hasText: /v1.*under review/ }).first().waitFor({ timeout: 30_000 });
    await quickOpenFile(page, 'kern_sched.c');
    // The threads of kern_sched.c are on line 68 (test/integration/suites/review/thread-review.test.ts counts it).
    const v1 = await commentWidgets(page, 68, /Alice Author/);
    assert.match(v1, /Bob Reviewer · v1/, v1);
    assert.match(v1, /v2 will use atomic_setbits_int/, v1);
    assert.doesNotMatch(v1, /Good, both are atomic now/, v1);
    await screenshot(page, 'thread-v1-threads');

    // v2: Carol's thread, and v1's threads marked.
    await reviewVersion(page, 'v2');
    await page.locator('.pane-body .monaco-list-row', { hasText: /v2.*under review/ }).first().waitFor({ timeout: 30_000 });
    await quickOpenFile(page, 'kern_sched.c');
    const first = await commentWidgets(page, 68, /Bob Reviewer · v1 · unchanged in v2|Carol Checker · v2/);
    assert.match(first, /Bob Reviewer · v1 · unchanged in v2|Carol Checker · v2/, first);
    // Three threads share line 68: the Comments panel lists both reviewers'; a row reveals its thread.
    await runCommand(page, 'Comments: Focus on Comments View');
    const panel = page.locator('.comments-panel .monaco-list-row, .pane-body .comments-panel .monaco-tl-row');
    await panel.filter({ hasText: /Carol Checker/ }).first().waitFor({ timeout: 30_000 });
    const rows = (await panel.allTextContents()).join(' | ').replace(/\u00a0/g, ' ');
    assert.match(rows, /Carol Checker.*Good, both are atomic now/, rows);
    assert.match(rows, /Bob Reviewer.*read-modify-write races/, rows);
    assert.match(rows, /Last reply from Alice Author/, rows);
    await panel.filter({ hasText: /read-modify-write\s+races/ }).first().click();
    const widget = page.locator('.review-widget', { hasText: /read-modify-write\s+races/ }).first();
    await widget.waitFor({ state: 'visible', timeout: 30_000 });
    const bob = ((await widget.textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(bob, /Bob Reviewer · v1 · line changed in v2 \(addressed\?\)/, bob);
    assert.match(bob, /v2 will use atomic_setbits_int/, bob);
    await screenshot(page, 'thread-v2-threads');

    // Bob's proposal, previewed on the file as v1 left it: the diff editor opens, nothing is written.
    const comment = widget.locator('.review-comment', { hasText: /read-modify-write\s+races/ }).first();
    await comment.hover();
    await comment.locator('.action-label[aria-label="Preview Suggested Change"], .action-label[title="Preview Suggested Change"]').first().click({ timeout: 15_000 });
    await page.locator('.tabs-container .tab.active', { hasText: /suggested by Bob Reviewer/ }).waitFor({ timeout: 30_000 });
    // The suggested side holds Bob's line (editor lines render spaces as no-break spaces).
    await page.locator('.monaco-diff-editor .view-line', { hasText: /atomic_setbits_int\(&sched_fixture_flags,\s1\);/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-diff-editor .view-line', { hasText: /sched_fixture_flags\s\|=\s1;/ }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'thread-proposal-preview');
  } catch (error) {
    await screenshot(page, 'FAILED-thread').catch(() => undefined);
    throw error;
  }
});
