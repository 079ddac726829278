/**
 * A real VS Code workbench for UI tests: code-server (pinned, from the project cache) on
 * 127.0.0.1 in its own process group, the extension under development loaded, a fresh copy of
 * the fixture kernel tree as the workspace, driven by headless Chromium through playwright-core.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode-browser.mjs';
import { installCodeServer } from '../../scripts/vscode-install.mjs';
import { copyWorkspace, developmentUrl, startCodeServer, type CodeServer } from '../../scripts/vscode-server.mjs';

export const repoRoot = join(__dirname, '..', '..');
export const resultsDir = join(repoRoot, 'test-results');

export interface Workbench {
  page: Page;
  workspace: string;
  close(): Promise<void>;
}

export async function openWorkbench(): Promise<Workbench> {
  const install = installCodeServer({ quiet: true });
  const scratch = mkdtempSync(join(tmpdir(), 'reaperscope-ui-'));
  const workspace = copyWorkspace(scratch);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    server = await startCodeServer(install);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // REAPERSCOPE_VERBOSE=1: the workbench's console (extension host errors, activation) on stdout.
    if (process.env.REAPERSCOPE_VERBOSE === '1') page.on('console', (m) => console.log(`[page] ${m.text()}`));
    // A loaded machine (CI, shared runners) can take well over playwright's 30 s default to load the workbench.
    await page.goto(developmentUrl(server, { folder: workspace, extensionPath: repoRoot }), { timeout: 180_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer shows the workspace once the remote file system is connected.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    await waitForExtension(page);
    mkdirSync(resultsDir, { recursive: true });
    return { page, workspace, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Puts the keyboard focus where the workbench's own keybindings (F1) see the keys: on the active
 * editor through its tab (a click on the tab moves no cursor, unlike a click into the text),
 * and never inside a webview's frame.
 */
async function focusWorkbench(page: Page): Promise<void> {
  const tab = page.locator('.editor-group-container.active .tabs-container .tab.active').first();
  if (await tab.isVisible().catch(() => false)) {
    await tab.click({ timeout: 2_000 }).catch(() => undefined);
    // Off the tab, or its tooltip shows up in the next screenshot: the empty middle of the status bar.
    await page.mouse.move(800, (page.viewportSize()?.height ?? 1000) - 8);
  }
  await page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLIFrameElement) active.blur();
  });
}

/**
 * Opens the command palette (F1) and types `text` after the `>` prompt. A webview that takes the
 * focus as it loads closes the palette again: then it is opened once more (up to 3 times).
 */
export async function openPalette(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    const typed = await input.waitFor({ state: 'visible', timeout: 15_000 })
      .then(() => input.fill(`>${text}`, { timeout: 10_000 }))
      .then(() => input.isVisible(), () => false);
    if (typed) return;
    if (attempt === 3) throw new Error(`the command palette did not stay open to type "${text}"`);
    await page.waitForTimeout(1_000);
  }
}

/**
 * Waits until the extension host has run Reaperscope's `activate`. The signal is the Collapse
 * All action in the title of the Patch view: the workbench adds it when the extension registers
 * the view's tree (`createTreeView(..., { showCollapseAll: true })` in `activate`); the
 * commands, providers and decorations registered in the same synchronous run of `activate`
 * reach the workbench right behind it. The palette listing "Reaperscope:" commands is no such signal: package.json
 * contributes them before the extension has run at all. Shows the Explorer again afterwards.
 */
async function waitForExtension(page: Page, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const focus = 'Reaperscope: Focus on Patch View';
  const collapseAll = page.locator('.pane:has(.pane-header:has-text("Patch")) .pane-header .actions .action-label[aria-label="Collapse All"]');
  for (;;) {
    await openPalette(page, focus);
    const listed = await page.locator('.quick-input-list .monaco-list-row', { hasText: focus }).first()
      .waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    if (listed) {
      await page.keyboard.press('Enter');
      const found = await collapseAll.first().waitFor({ state: 'attached', timeout: 5_000 }).then(() => true, () => false);
      if (found) break;
    } else {
      await page.keyboard.press('Escape');
    }
    if (Date.now() > deadline) throw new Error('the extension never registered its Patch view (no Collapse All action): is it loading?');
    await page.waitForTimeout(500);
  }
  await runCommand(page, 'View: Show Explorer');
}

/**
 * Leaves the workbench as a next test expects it: a modal dialog (which takes every key, F1
 * too) answered without saving or cancelled, an open quick input (a save dialog's path box, a
 * pick list) or context menu closed, notification toasts cleared, no focus in a webview.
 * Editors and panels stay open: a next test may build on them.
 */
export async function leaveClean(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  for (let i = 0; i < 3 && await dialog.isVisible(); i++) {
    const dontSave = dialog.locator('.monaco-button', { hasText: /^Don't Save$/ });
    if (await dontSave.isVisible()) await dontSave.click();
    else await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
  }
  for (const open of ['.quick-input-widget', '.context-view .monaco-menu']) {
    if (await page.locator(open).isVisible()) await page.keyboard.press('Escape');
  }
  await focusWorkbench(page);
  if (await page.locator('.notification-toast').count() > 0) await runCommand(page, 'Notifications: Clear All Notifications');
}

/** Runs a command by its palette label (`Reaperscope: …`). */
export async function runCommand(page: Page, label: string): Promise<void> {
  await openPalette(page, label);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);
}

/** Content frames of the webviews on screen (iframe.webview.ready → iframe#active-frame). */
async function visibleWebviewFrames(page: Page): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const outer of await page.locator('iframe.webview.ready >> visible=true').elementHandles()) {
    const inner = await (await outer.contentFrame())?.$('iframe#active-frame');
    const frame = await inner?.contentFrame();
    if (frame) frames.push(frame);
  }
  return frames;
}

/**
 * The content frame of the visible webview whose panel title (`h1`) matches `title` (any
 * visible webview when omitted); waits up to `timeout` ms for it.
 */
export async function webviewFrame(page: Page, timeout = 60_000, title?: RegExp): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of await visibleWebviewFrames(page)) {
      if (!title) return frame;
      const h1 = await frame.textContent('h1', { timeout: 500 }).catch(() => null);
      if (h1 && title.test(h1)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no visible webview${title ? ` titled ${title}` : ''} after ${timeout} ms`);
    await page.waitForTimeout(250);
  }
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir, `ui-${name}.png`) });

/** The palette label (`Reaperscope: …`) of a command the manifest declares. */
export function commandLabel(id: string): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string; title: string; category?: string }[] };
  };
  const c = manifest.contributes.commands.find((x) => x.command === id);
  if (!c) throw new Error(`package.json does not declare ${id}`);
  return `${c.category ?? 'Reaperscope'}: ${c.title}`;
}

/** Opens a workspace file by name through Quick Open and waits for its tab (the first search of a fresh workbench is slow). */
export async function quickOpenFile(page: Page, name: string): Promise<void> {
  await openPalette(page, '');
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
}

/** Puts the cursor at column 1 of 1-based `line` through Go to Line. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await openPalette(page, '');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
  await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col 1$`) }).first().waitFor({ timeout: 15_000 });
}

/**
 * Declares UI tests on the workbench `bench()` returns: a failing test leaves a screenshot
 * `ui-FAILED-<prefix><name, at most nameLength characters>.png` of the state it failed in.
 */
export function uiTestsOn(bench: () => Workbench | undefined, prefix = '', nameLength = 60) {
  return (name: string, body: () => Promise<void>, options: { todo?: string } = {}): void => {
    test(name, options, async () => {
      try {
        await body();
      } catch (error) {
        const page = bench()?.page;
        if (page) await screenshot(page, `FAILED-${prefix}${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, nameLength)}`).catch(() => undefined);
        throw error;
      }
    });
  };
}

/** Opens a workspace file by name and reopens it with the Reaperscope trace editor (text traces). */
export async function reopenInTraceEditor(page: Page, name: string): Promise<void> {
  await quickOpenFile(page, name);
  await runCommand(page, 'View: Reopen Editor With...');
  const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reaperscope Trace (text)' }).first();
  await choice.waitFor({ state: 'visible', timeout: 15_000 });
  await choice.click();
}
