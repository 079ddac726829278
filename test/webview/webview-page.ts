/**
 * Loads dist/webview.js in headless Chromium the way VS Code does: an HTML page served with a
 * strict, nonce-only Content-Security-Policy, and (unless `static`) a stand-in
 * `acquireVsCodeApi` that records posted messages and keeps state in sessionStorage, so a reload
 * restores it like VS Code's getState/setState.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import type { ActivityView } from '../../src/core/analysis/activity-view-model';
import type { HostToWebview, WebviewToHost } from '../../src/protocol/messages';

const root = join(__dirname, '..', '..');
const origin = 'https://reaperscope-webview.test';
const nonce = 'dGVzdC1ub25jZS0xMjM0NQ';
/** The CSP the extension's panel uses: local resources only, scripts and styles by nonce. */
export const csp = `default-src 'none'; img-src ${origin} data: blob:; font-src ${origin}; style-src ${origin} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;

export interface PageOptions {
  /** Embed this view as the HTML report does and do not define acquireVsCodeApi. */
  staticView?: ActivityView;
  /** Theme variables, set on <html> through the CSSOM as VS Code does. */
  themeVars?: Record<string, string>;
  /** VS Code's theme-kind class on <body> (default `vscode-dark`). */
  bodyClass?: string;
  width?: number;
}

function html(options: PageOptions): string {
  const data = options.staticView
    ? `<script type="application/json" id="reaperscope-view">${JSON.stringify({ view: options.staticView }).replaceAll('<', '\\u003c')}</script>`
    : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${origin}/dist/codicon.css" id="vscode-codicon-stylesheet" nonce="${nonce}">
</head><body class="${options.bodyClass ?? 'vscode-dark'}">${data}<div id="reaperscope-root"></div>
<script nonce="${nonce}" src="${origin}/dist/webview.js"></script></body></html>`;
}

/**
 * Stand-in for VS Code's webview API (runs before the page's scripts). A string, not a function:
 * tsx's transform would add helpers the page does not have.
 */
const standIn = `(() => {
  const posted = [];
  window.__posted = posted;
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => posted.push(JSON.parse(JSON.stringify(message))),
    getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null') ?? undefined,
    setState: (state) => sessionStorage.setItem('vscode-state', JSON.stringify(state)),
  });
})();`;

const recordViolations = `(() => {
  const violations = [];
  window.__violations = violations;
  document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
})();`;

/** Sets theme variables the way VS Code does, through the CSSOM (no style attribute: CSP). */
const themeScript = (vars: Record<string, string>) => `document.addEventListener('DOMContentLoaded', () => {
  for (const [k, v] of Object.entries(${JSON.stringify(vars)})) document.documentElement.style.setProperty(k, v);
}, { once: true });`;

const pageErrors = new WeakMap<Page, string[]>();
/** Uncaught errors and console errors of the page so far. */
export const errorsOf = (page: Page): string[] => pageErrors.get(page) ?? [];

export async function openWebview(browser: Browser, options: PageOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: 1600 } });
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(String(error.stack ?? error)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/' || path === '/index.html') {
      return route.fulfill({ contentType: 'text/html', body: html(options), headers: { 'Content-Security-Policy': csp } });
    }
    const types: Record<string, string> = { js: 'text/javascript', css: 'text/css', ttf: 'font/ttf', map: 'application/json' };
    const file = join(root, path);
    return route.fulfill({ contentType: types[path.split('.').pop() ?? ''] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  await page.addInitScript(recordViolations);
  if (options.themeVars) await page.addInitScript(themeScript(options.themeVars));
  if (!options.staticView) await page.addInitScript(standIn);
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.querySelector('#reaperscope-root') !== null);
  return page;
}

export const posted = (page: Page): Promise<WebviewToHost[]> => page.evaluate(() => (window as unknown as { __posted: WebviewToHost[] }).__posted);
export const violations = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** Posts a host message and resolves with the panel's paint report (ms from arrival, and from posting). */
export async function postAndWaitForPaint(page: Page, message: HostToWebview): Promise<{ ms: number; wallMs: number; charts: number }> {
  return page.evaluate((m) => new Promise<{ ms: number; wallMs: number; charts: number }>((resolve) => {
    const posted = performance.now();
    document.addEventListener('reaperscope-painted', (e) => {
      const detail = (e as CustomEvent<{ ms: number; charts: number }>).detail;
      resolve({ ms: detail.ms, charts: detail.charts, wallMs: performance.now() - posted });
    }, { once: true });
    window.postMessage(m, '*');
  }), message);
}

/** Per canvas of a page or frame: its size and how many sampled pixels differ from the most common (background) colour. */
export async function canvasInk(page: Page | Frame): Promise<{ id: string; width: number; height: number; inked: number; sampled: number; colors: string[] }[]> {
  return page.evaluate(() => [...document.querySelectorAll('canvas')].map((canvas) => {
    const ctx = canvas.getContext('2d')!;
    const { width, height } = canvas;
    const data = ctx.getImageData(0, 0, width, height).data;
    const counts = new Map<string, number>();
    const step = 7; // sample every 7th pixel
    for (let p = 0; p < width * height; p += step) {
      const key = `${data[p * 4]},${data[p * 4 + 1]},${data[p * 4 + 2]},${data[p * 4 + 3]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const sampled = Math.ceil((width * height) / step);
    return { id: canvas.id, width, height, sampled, inked: sampled - (sorted[0]?.[1] ?? 0), colors: sorted.slice(0, 12).map(([k]) => k) };
  }));
}
