/**
 * UI tests against the real workbench (code-server + headless Chromium): the command palette
 * lists and runs Reaperscope commands, the Patch tree shows the example patch, reviewer comments
 * appear as comment threads, and the Reaper activity panel draws its charts. Screenshots go to
 * test-results/ (the README uses them).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import { canvasInk } from '../webview/webview-page';
import { commandLabel, leaveClean, openPalette, openWorkbench, quickOpenFile, reopenInTraceEditor, runCommand, screenshot, uiTestsOn, webviewFrame, type Workbench } from './workbench';

let bench: Workbench;
before(async () => { bench = await openWorkbench(); });
after(async () => { await bench?.close(); });
afterEach(async () => { if (bench) await leaveClean(bench.page); });

/** A UI test that leaves a screenshot `ui-FAILED-<name>.png` when it fails. */
const uiTest = uiTestsOn(() => bench);

uiTest('the command palette lists the Reaperscope commands', async () => {
  const { page } = bench;
  await openPalette(page, 'Reaperscope: ');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 30_000 });
  const labels = await rows.allTextContents();
  assert.ok(labels.some((l) => l.includes('Reaperscope: Open the Bundled Example Patch')), labels.join(' | '));
  await screenshot(page, 'command-palette');
  await page.keyboard.press('Escape');
});

uiTest('opening the example patch fills the Patch tree with its files and hunks', async () => {
  const { page } = bench;
  await runCommand(page, commandLabel('reaperscope.openExample'));
  await runCommand(page, 'Reaperscope: Focus on Patch View');
  const tree = page.locator('.pane:has(.pane-header:has-text("Patch")) .monaco-list-row');
  await tree.first().waitFor({ state: 'visible', timeout: 30_000 });
  const names = (await tree.allTextContents()).join(' | ');
  assert.match(names, /kern_sched\.c/, names);
  assert.match(names, /kern_exit\.c/, names);
  await screenshot(page, 'patch-tree');
});

uiTest('the review mail\'s comment shows as a comment thread in kern_exit.c', async () => {
  const { page } = bench;
  // The reviewer's reply (patches/*.review.eml) carries the comment; open it as the patch.
  await quickOpenFile(page, 'one-reaper-per-cpu.review.eml');
  await runCommand(page, commandLabel('reaperscope.openPatchFromEditor'));
  await quickOpenFile(page, 'kern_exit.c');
  // The comment sits under the old sleep loop (`INFSLP);`): go there, expand the threads.
  const lines = readFileSync(join(bench.workspace, 'sys/kern/kern_exit.c'), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('INFSLP);')) + 1;
  assert.ok(line > 0, 'fixture changed: no INFSLP); in kern_exit.c');
  await openPalette(page, '');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await runCommand(page, 'Comments: Expand All Comments');
  const widget = page.locator('.review-widget');
  await widget.first().waitFor({ state: 'visible', timeout: 30_000 });
  // The reviewer (fixture facts: Mark Kettenis, about the kernel lock in the reaper loop).
  const text = await widget.first().textContent() ?? '';
  assert.match(text, /Mark Kettenis/);
  assert.match(text, /kernel lock/);
  await screenshot(page, 'comment-thread');
});

uiTest('the Reaper activity panel draws its charts in the webview', async () => {
  const { page } = bench;
  // A clean stage for the README screenshot: no other editors, no bottom panel.
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'View: Hide Panel');
  await runCommand(page, commandLabel('reaperscope.simulate'));
  const frame = await webviewFrame(page, 90_000, /CPUs/);
  await frame.waitForFunction(() => document.querySelectorAll('canvas').length >= 6, undefined, { timeout: 90_000 });
  await frame.waitForTimeout(300);
  const ink = await canvasInk(frame);
  for (const c of ink) assert.ok(c.inked / c.sampled > 0.02, `${c.id}: canvas looks blank (${c.inked}/${c.sampled})`);
  await screenshot(page, 'activity-panel');
});

/** Waits until `path` exists and is not empty, then returns its bytes. */
async function writtenFile(path: string, timeoutMs = 15_000): Promise<Buffer> {
  for (const start = Date.now(); Date.now() - start < timeoutMs; await new Promise((r) => setTimeout(r, 100))) {
    if (existsSync(path) && statSync(path).size > 0) return readFileSync(path);
  }
  throw new Error(`${path} was not written`);
}

/** Accepts VS Code's save dialog (in the browser, a path box in the quick input) at its default path, which must end with `name`. */
async function saveAtDefault(page: Workbench['page'], name: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction((suffix) => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith(suffix), name, { timeout: 15_000 });
  await page.keyboard.press('Enter');
}

uiTest('the panel exports its metrics as CSV and a chart as PNG through VS Code\'s save dialog', async () => {
  const { page, workspace } = bench;
  // The simulation panel of the test above, with its baseline and patched runs.
  const frame = await webviewFrame(page, 30_000, /CPUs/);
  await frame.click('#export-csv');
  await saveAtDefault(page, 'reaper-metrics.csv');
  const csv = (await writtenFile(join(workspace, 'reaper-metrics.csv'))).toString('utf8').trimEnd().split('\n');
  const header = csv[0]!.split(',');
  assert.deepEqual(header.slice(0, 3), ['key', 'label', 'unit']);
  assert.ok(header.filter((h) => h.endsWith('(simulated)')).length >= 2, csv[0]);
  assert.ok(csv.length > 5 && csv.slice(1).every((row) => /^[a-zA-Z][\w.]*,/.test(row)), csv.join(' | '));

  const button = frame.locator('vscode-button.export-png').first();
  const chart = await button.getAttribute('data-chart');
  assert.ok(chart);
  await button.click();
  await saveAtDefault(page, `${chart}.png`);
  const png = await writtenFile(join(workspace, `${chart}.png`));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  assert.ok(png.length > 2000, `${png.length} bytes: an empty chart?`);
});

uiTest('after a window reload the activity panel comes back with its charts (its serializer and saved state)', async () => {
  const { page } = bench;
  const before = await canvasInk(await webviewFrame(page, 30_000, /CPUs/));
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForSelector('.monaco-workbench', { timeout: 180_000 });
  const frame = await webviewFrame(page, 90_000, /CPUs/);
  await frame.waitForFunction(() => document.querySelectorAll('canvas').length >= 6, undefined, { timeout: 90_000 });
  await frame.waitForTimeout(300);
  const after = await canvasInk(frame);
  assert.deepEqual(after.map((c) => c.id), before.map((c) => c.id), 'the same charts');
  for (const c of after) assert.ok(c.inked / c.sampled > 0.02, `${c.id}: canvas blank after the reload (${c.inked}/${c.sampled})`);
});

uiTest('a btrace file reopened with the Reaperscope trace editor shows its panel', async () => {
  const { page } = bench;
  await reopenInTraceEditor(page, 'btrace-baseline.txt');
  const frame = await webviewFrame(page, 60_000, /btrace-baseline/);
  await frame.waitForFunction(() => document.querySelectorAll('canvas').length >= 6, undefined, { timeout: 60_000 });
  await frame.waitForTimeout(300);
  assert.match(await frame.textContent('vscode-badge.source') ?? '', /^trace, traced$/);
  const heat = (await canvasInk(frame)).find((c) => c.id === 'chart-reaper-activity');
  assert.ok(heat && heat.inked / heat.sampled > 0.02, 'the reaper heatmap of the trace is blank');
  await screenshot(page, 'trace-editor');
});
