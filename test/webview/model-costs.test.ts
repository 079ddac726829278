/**
 * The panel's "Model costs" section (dist/webview.js in headless Chromium): a simulated view
 * cites every cost it used with its source from src/core/sim/costs.ts, marks overridden values
 * in the theme's warning colour, refuses a malformed list; a trace view has no such section.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode-browser.mjs';
import { buildActivityView } from '../../src/core/analysis/activity-view';
import { COST_NAMES, defaultCosts } from '../../src/core/sim/costs';
import { modelCosts } from '../../src/core/sim/model-costs';
import { readTraceText } from '../../src/core/trace/trace-reader';
import type { ActivityView } from '../../src/core/analysis/activity-view-model';
import { simulatedView } from './view-fixture';
import { errorsOf, openWebview, postAndWaitForPaint, violations } from './webview-page';

const { view: simulated } = simulatedView({ cpus: 4, durationNs: 50e6, bins: 60 });
let browser: Browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

async function shown(view: ActivityView, themeVars?: Record<string, string>): Promise<Page> {
  const page = await openWebview(browser, themeVars ? { themeVars } : {});
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0, undefined, { timeout: 10_000 });
  await postAndWaitForPaint(page, { type: 'show', view, controls: null });
  return page;
}

/** [name cell, value cell, source cell] texts per row of the costs table. */
const costRows = (page: Page): Promise<string[][]> => page.$$eval('#model-costs vscode-table-row',
  (rows) => rows.map((row) => [...row.querySelectorAll('vscode-table-cell')].map((c) => (c.textContent ?? '').trim())));

test('a simulated view cites every cost it used with the source of its default, in a closed section that opens', async () => {
  const page = await shown(simulated);
  const section = page.locator('vscode-collapsible#model-costs');
  assert.equal(await section.getAttribute('heading'), 'Model costs');
  assert.equal(await section.getAttribute('description'), 'defaults');
  const rows = await costRows(page);
  assert.equal(rows.length, COST_NAMES.length);
  // DESIGN.md "Cost defaults": context switch 2 µs (1–5); cache-line transfer across sockets 200 ns (SOSP 2013).
  const cs = rows.find((r) => r[0]!.startsWith('contextSwitch'))!;
  assert.match(cs[0]!, /context switch, total/);
  assert.deepEqual(cs.slice(1), ['2.00 µs', 'docs/simulator.md cost defaults: 2 µs (1–5)']);
  const cross = rows.find((r) => r[0]!.startsWith('cacheLineCross'))!;
  assert.deepEqual(cross.slice(1), ['200 ns', 'David et al., "Everything you always wanted to know about synchronization", SOSP 2013: 200 ns']);
  assert.deepEqual(rows.find((r) => r[0]!.startsWith('ccRun'))!.slice(1), ['5.00 ms mean (lognormal)', 'assumption']);
  assert.equal(await page.locator('#model-costs .overridden').count(), 0, 'nothing overridden');
  // Closed at first (the charts come first); the header opens it.
  assert.equal(await page.locator('vscode-table.model-costs').isVisible(), false);
  await section.click({ position: { x: 40, y: 10 } });
  await page.waitForFunction(() => (document.querySelector('#model-costs') as HTMLElement & { open: boolean }).open, undefined, { timeout: 5000 });
  assert.equal(await page.locator('vscode-table.model-costs').isVisible(), true);
  await section.screenshot({ path: 'test-results/webview-model-costs.png' });
  assert.deepEqual(await violations(page), [], 'CSP violations');
  assert.deepEqual(errorsOf(page), []);
  await page.close();
});

test('overridden costs are marked with their default, in the theme warning colour', async () => {
  const costs = modelCosts({ ...defaultCosts(), contextSwitch: { dist: 'fixed', meanNs: 4000 } });
  const page = await shown({ ...simulated, costs }, { '--vscode-editorWarning-foreground': '#ff00ff' });
  assert.equal(await page.locator('#model-costs').getAttribute('description'), `1 of ${COST_NAMES.length} differ from the defaults`);
  const marks = page.locator('#model-costs .overridden');
  assert.equal(await marks.count(), 1);
  assert.equal(await page.textContent('#model-costs vscode-table-row[data-cost="contextSwitch"] .cost-value'), '4.00 µs (overridden; default 2.00 µs)');
  assert.equal(await marks.evaluate((e) => getComputedStyle(e).color), 'rgb(255, 0, 255)');
  await page.close();
});

test('a trace view has no costs section', async () => {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'traces', 'btrace-baseline.txt'), 'utf8');
  const read = readTraceText(text);
  assert.ok('table' in read, 'the fixture trace reads');
  const view = buildActivityView([{ table: read.table, label: 'btrace-baseline.txt', origin: 'traced' }], { title: 'btrace-baseline.txt', source: 'trace' });
  assert.equal(view.costs, undefined);
  const page = await shown(view);
  assert.equal(await page.locator('vscode-table.metrics').count(), 1);
  assert.equal(await page.locator('#model-costs').count(), 0);
  assert.deepEqual(errorsOf(page), []);
  await page.close();
});

test('a view with a malformed cost list is refused with a reason, not drawn', async () => {
  const costs = [{ ...simulated.costs![0]!, valueNs: -5 }] as ActivityView['costs'];
  const page = await openWebview(browser);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0, undefined, { timeout: 10_000 });
  await page.evaluate((view) => window.postMessage({ type: 'show', view, controls: null }, '*'), { ...simulated, costs });
  await page.waitForSelector('.status.error', { timeout: 10_000 });
  assert.match((await page.textContent('.status span')) ?? '', /^Refused a message from the extension: costs\[0\]: valueNs/);
  assert.equal(await page.locator('#model-costs').count(), 0);
  assert.equal(await page.locator('canvas').count(), 0);
  assert.deepEqual(errorsOf(page), []);
  await page.close();
});
