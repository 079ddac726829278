/**
 * A real VS Code workbench for UI tests: code-server (pinned, from the project cache) on
 * 127.0.0.1 in its own process group, the extension under development loaded, a fresh copy of
 * the fixture kernel tree as the workspace, driven by headless Chromium through playwright-core.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Opens the command palette (F1) and types `text` after the `>` prompt. */
export async function openPalette(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 800, y: 500 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${text}`);
}

/** Waits until the palette knows the extension's commands (its contributions are registered). */
async function waitForExtension(page: Page, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openPalette(page, 'Reaperscope: ');
    const found = await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reaperscope:' }).first()
      .waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false);
    await page.keyboard.press('Escape');
    if (found) return;
    if (Date.now() > deadline) throw new Error('the Reaperscope commands never appeared in the command palette: is the extension loading?');
    await page.waitForTimeout(500);
  }
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
