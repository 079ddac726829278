/**
 * The webview bundle in the CLI's self-contained HTML report (`reaperscope compare --html`):
 * static mode, data from the embedded JSON, charts drawn, no host controls. Needs dist/cli.js
 * (npm run build).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode-browser.mjs';
import { COST_NAMES } from '../../src/core/sim/costs';
import { canvasInk } from './webview-page';
import { chartIds } from './chart-ids';

const root = join(__dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'reaperscope-report-'));
const report = join(scratch, 'report.html');
let browser: Browser;

before(async () => {
  const cli = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'compare', join(root, 'media/examples/one-reaper-per-cpu.patch'),
    '--cpus', '4,8', '--seeds', '2', '--duration-ms', '100', '--html', report], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

test('the HTML report draws the embedded comparison with no host', async () => {
  const html = readFileSync(report, 'utf8');
  const embedded = JSON.parse(/<script type="application\/json" id="reaperscope-view">([\s\S]*?)<\/script>/.exec(html)![1]!) as {
    view: { title: string; runs: { label: string }[]; metrics: unknown[] };
  };
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`file://${report}`);
  await page.waitForFunction((n) => document.querySelectorAll('canvas').length === n, chartIds.length, { timeout: 10_000 });
  await page.waitForTimeout(200);
  assert.equal(await page.textContent('h1'), embedded.view.title);
  for (const c of await canvasInk(page)) assert.ok(c.inked / c.sampled > 0.02, `${c.id} is blank`);
  assert.equal(await page.locator('vscode-table.metrics vscode-table-row').count(), embedded.view.metrics.length);
  // The comparison's model costs, with their sources (defaults: DESIGN.md context switch 2 µs).
  assert.equal(await page.locator('#model-costs vscode-table-row').count(), COST_NAMES.length);
  assert.equal(await page.textContent('#model-costs vscode-table-row[data-cost="contextSwitch"] .cost-source'), 'docs/simulator.md cost defaults: 2 µs (1–5)');
  assert.equal(await page.locator('form.controls').count(), 0, 'a report has no simulation controls');
  const legend = embedded.view.runs.map((r) => r.label);
  assert.ok(legend.includes('baseline'), `runs: ${legend.join(', ')}`);
  await page.screenshot({ path: join(root, 'test-results', 'webview-html-report.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
