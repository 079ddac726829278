/**
 * Interaction with the drawn panel: zoom and pan on the time charts, the run picker of the
 * per-CPU charts, and a theme switch (VS Code rewrites <body class> and the colour variables).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode-browser.mjs';
import { simulatedView } from './view-fixture';
import { canvasInk, openWebview, postAndWaitForPaint } from './webview-page';

const { view } = simulatedView({ cpus: 8, durationNs: 200e6, bins: 120 });
let browser: Browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

async function shown(): Promise<Page> {
  const page = await openWebview(browser);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0, undefined, { timeout: 10_000 });
  await postAndWaitForPaint(page, { type: 'show', view, controls: null });
  return page;
}

const pixels = (page: Page, id: string) => page.evaluate((i) => (document.getElementById(i) as HTMLCanvasElement).toDataURL(), id);

test('the mouse wheel zooms a time chart and a double click resets it', async () => {
  const page = await shown();
  const id = 'chart-backlog';
  const before = await pixels(page, id);
  const box = (await page.locator(`#${id}`).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -200);
  await page.waitForTimeout(200);
  const zoomed = await pixels(page, id);
  assert.notEqual(zoomed, before, 'the chart did not change when zoomed');
  await page.locator(`#${id}`).dblclick();
  await page.waitForTimeout(200);
  assert.equal(await pixels(page, id), before, 'a double click did not restore the full range');
  await page.close();
});

test('the run picker switches the per-CPU charts: the patched kernel reaps on every CPU', async () => {
  const page = await shown();
  const busyRows = async () => {
    // Rows of the reaper heatmap that hold at least one heat cell (orange-ish, not grey).
    return page.evaluate(() => {
      const canvas = document.getElementById('chart-reaper-activity') as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      const { width, height } = canvas;
      const data = ctx.getImageData(0, 0, width, height).data;
      const rows = new Set<number>();
      for (let y = 0; y < height; y += 2) {
        for (let x = 0; x < width; x += 2) {
          const p = (y * width + x) * 4;
          const r = data[p]!, g = data[p + 1]!, b = data[p + 2]!;
          if (r - b > 40 && r > g) { rows.add(Math.floor((y / height) * 20)); break; }
        }
      }
      return rows.size;
    });
  };
  const baselineRows = await busyRows();
  await page.locator('#run-picker').evaluate((select) => {
    (select as HTMLElement & { value: string }).value = '1';
    select.dispatchEvent(new Event('change'));
  });
  await page.waitForTimeout(300);
  const patchedRows = await busyRows();
  assert.ok(patchedRows > baselineRows, `patched run lights ${patchedRows} bands of the heatmap, baseline ${baselineRows}`);
  const state = await page.evaluate(() => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null') as { runIndex: number });
  assert.equal(state.runIndex, 1, 'the picked run is saved in the webview state');
  await page.close();
});

test('a theme switch redraws the charts in the new colours', async () => {
  const page = await shown();
  await page.evaluate(() => {
    document.documentElement.style.setProperty('--vscode-editor-background', '#ffffff');
    document.body.className = 'vscode-light';
  });
  await page.waitForTimeout(300);
  const after = (await canvasInk(page)).find((c) => c.id === 'chart-reaper-activity')!;
  // The light theme: a white background, and the heat cells in the light palette's orange
  // (theme.ts, #b35400) blended over white: red above green above blue.
  assert.equal(after.colors[0], '255,255,255,255');
  const orange = after.colors.map((k) => k.split(',').map(Number)).filter(([r, g, b]) => r! > g! + 20 && g! > b! + 20);
  assert.ok(orange.length > 0, `no orange cells among ${after.colors.join(' | ')}`);
  await page.close();
});
