/**
 * The panel app (dist/webview.js) in headless Chromium under the panel's nonce-only CSP, with a
 * stand-in acquireVsCodeApi: handshake, charts really drawn, exports, controls, state restore,
 * the HTML report's static mode, theme colours.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode-browser.mjs';
import { validateWebviewMessage } from '../../src/protocol/validate';
import type { SimulationControls } from '../../src/protocol/messages';
import { simulatedView } from './view-fixture';
import { contrastRatio, parseColor } from '../../webview/contrast';
import { chartIds } from './chart-ids';
import { canvasInk, errorsOf, openWebview, postAndWaitForPaint, posted, violations } from './webview-page';

const { view } = simulatedView({ cpus: 8, durationNs: 200e6, bins: 120 });
const controls: SimulationControls = { variants: ['baseline', 'patched'], workload: 'kernel-build', cpus: 8, seeds: 5 };
let browser: Browser;

before(async () => { browser = await launchChromium(); });
// Fail fast: a missing paint shows in seconds, not after playwright's 30 s default.
const quick = { timeout: 10_000 };
after(async () => { await browser?.close(); });

async function shown(c: SimulationControls | null = controls): Promise<Page> {
  const page = await openWebview(browser);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0, undefined, quick);
  const paint = await postAndWaitForPaint(page, { type: 'show', view, controls: c });
  assert.equal(paint.charts, chartIds.length);
  return page;
}

test('says ready first, and nothing else before data arrives', async () => {
  const page = await openWebview(browser);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0, undefined, quick);
  assert.deepEqual(await posted(page), [{ type: 'ready' }]);
  assert.deepEqual(errorsOf(page), []);
  await page.close();
});

test('draws all the charts: every canvas has ink, not just background', async () => {
  const page = await shown();
  const canvases = await canvasInk(page);
  assert.deepEqual(canvases.map((c) => c.id).sort(), chartIds.map((id) => `chart-${id}`).sort());
  for (const c of canvases) {
    assert.ok(c.width > 200 && c.height > 100, `${c.id} is ${c.width}x${c.height}`);
    // An empty chart (axes, grid, labels) inks about 1 %; drawn data brings more.
    assert.ok(c.inked / c.sampled > 0.02, `${c.id}: only ${c.inked}/${c.sampled} sampled pixels differ from the background`);
  }
  await page.screenshot({ path: 'test-results/webview-panel.png', fullPage: true });
  assert.deepEqual(await violations(page), [], 'CSP violations');
  assert.deepEqual(errorsOf(page), []);
  await page.close();
});

test('metrics table lists every metric with a column per run and the source label', async () => {
  const page = await shown();
  const rows = await page.$$eval('vscode-table.metrics vscode-table-row', (r) => r.map((row) => [...row.querySelectorAll('vscode-table-cell')].map((c) => c.textContent ?? '')));
  assert.equal(rows.length, view.metrics.length);
  rows.forEach((cells, i) => {
    const metric = view.metrics[i]!;
    assert.equal(cells[0], metric.label);
    assert.equal(cells.length, 1 + view.runs.length + (metric.difference || view.metrics.some((m) => m.difference) ? view.runs.length - 1 : 0));
    metric.values.forEach((v, r) => assert.equal(cells[1 + r] === '—', v === null || !Number.isFinite(v), `${metric.key} run ${r}: ${cells[1 + r]}`));
  });
  const headers = await page.$$eval('vscode-table.metrics vscode-table-header-cell', (h) => h.map((c) => c.textContent));
  assert.deepEqual(headers.slice(0, 3), ['Metric', 'baseline (simulated)', 'patched (simulated)']);
  assert.equal(await page.textContent('vscode-badge.source'), 'simulation, simulated');
  await page.close();
});

test('PNG export posts a valid export message with the chart image', async () => {
  const page = await shown();
  await page.click('vscode-button.export-png[data-chart="reaper-activity"]');
  const message = (await posted(page)).at(-1);
  const checked = validateWebviewMessage(message);
  assert.ok(checked.ok, checked.ok ? '' : checked.error);
  assert.equal(message?.type, 'export');
  if (message?.type === 'export' && message.format === 'png') {
    assert.equal(message.chart, 'reaper-activity');
    assert.ok(message.dataUrl.length > 5000, 'the PNG is not empty');
  } else assert.fail('expected a PNG export');
  await page.close();
});

test('CSV export posts the metrics, one line per metric plus a header', async () => {
  const page = await shown();
  await page.click('#export-csv');
  const message = (await posted(page)).at(-1);
  assert.ok(validateWebviewMessage(message).ok);
  assert.ok(message?.type === 'export' && message.format === 'csv');
  const lines = message.csv.trimEnd().split('\n');
  assert.equal(lines.length, view.metrics.length + 1);
  assert.equal(lines[0], 'key,label,unit,baseline (simulated),patched (simulated)');
  // Every value survives the round trip exactly (labels here carry no commas or quotes).
  view.metrics.forEach((m, i) => {
    const cells = lines[i + 1]!.split(',');
    assert.deepEqual(cells.slice(0, 3), [m.key, m.label, m.unit]);
    m.values.forEach((v, r) => assert.equal(cells[3 + r], v === null ? '' : String(v)));
  });
  await page.close();
});

test('controls send a validated run-simulation; bad input is refused in the panel', async () => {
  const page = await shown();
  await page.locator('vscode-textfield#cpus').evaluate((f) => { (f as HTMLElement & { value: string }).value = '16'; });
  await page.click('vscode-button#run');
  const message = (await posted(page)).at(-1);
  assert.deepEqual(validateWebviewMessage(message), { ok: true, value: { type: 'run-simulation', controls: { ...controls, cpus: 16 } } });
  await page.locator('vscode-textfield#seeds').evaluate((f) => { (f as HTMLElement & { value: string }).value = '0'; });
  const before = (await posted(page)).length;
  await page.click('vscode-button#run');
  assert.equal((await posted(page)).length, before, 'an invalid control value was sent');
  assert.match(await page.textContent('.controls-error') ?? '', /seeds/);
  // A run was started above: Cancel is enabled now.
  await page.click('vscode-button#cancel');
  assert.deepEqual((await posted(page)).at(-1), { type: 'cancel' });
  await page.close();
});

test('Cancel is disabled while nothing runs, enabled from progress until the result', async () => {
  const page = await shown();
  const disabled = () => page.locator('vscode-button#cancel').evaluate((b) => b.hasAttribute('disabled'));
  assert.equal(await disabled(), true, 'nothing runs after a show');
  await page.evaluate(() => window.postMessage({ type: 'progress', message: 'baseline, seed 1 of 5', fraction: 0 }, '*'));
  await page.waitForSelector('.status vscode-progress-bar');
  assert.equal(await disabled(), false, 'a simulation runs');
  await page.evaluate(() => window.postMessage({ type: 'error', message: 'Simulation cancelled.' }, '*'));
  await page.waitForSelector('.status.error');
  assert.equal(await disabled(), true, 'it ended');
  await page.close();
});

test('no controls when the host sends none (trace views)', async () => {
  const page = await shown(null);
  assert.equal(await page.locator('form.controls').count(), 0);
  await page.close();
});

test('progress and error messages show in the status line', async () => {
  const page = await shown();
  await page.evaluate(() => window.postMessage({ type: 'progress', message: 'simulating seed 3/5', fraction: 0.6 }, '*'));
  await page.waitForSelector('.status vscode-progress-bar');
  assert.equal(await page.textContent('.status span'), 'simulating seed 3/5');
  await page.evaluate(() => window.postMessage({ type: 'error', message: 'simulation failed: bad costs' }, '*'));
  await page.waitForSelector('.status.error');
  assert.equal(await page.textContent('.status span'), 'simulation failed: bad costs');
  await page.close();
});

test('a malformed view from the host is refused with its reason, and the charts drawn before stay', async () => {
  const page = await shown();
  await page.evaluate(() => window.postMessage({ type: 'show', view: { title: 'x', source: 'trace', runs: [{ label: 'r', origin: 'guessed' }], metrics: [], notes: [] }, controls: null }, '*'));
  await page.waitForSelector('.status.error');
  assert.match(await page.textContent('.status span') ?? '', /^Refused a message from the extension: view\.runs\[0\]\.origin must be simulated or traced$/);
  assert.equal(await page.locator('canvas').count(), chartIds.length);
  await page.close();
});

test('state survives a reload (getState/setState): charts drawn again before any new data', async () => {
  const page = await shown();
  await page.evaluate(() => new Promise<void>((resolve) => {
    document.addEventListener('reaperscope-painted', () => resolve(), { once: true });
    location.reload();
  })).catch(() => undefined); // the context is destroyed by the reload
  await page.waitForFunction((n) => document.querySelectorAll('canvas').length === n, chartIds.length, quick);
  await page.waitForTimeout(200);
  const ink = await canvasInk(page);
  assert.ok(ink.every((c) => c.inked / c.sampled > 0.02), 'restored charts are drawn');
  assert.deepEqual(await posted(page), [{ type: 'ready' }], 'after a reload the panel says ready again');
  assert.equal(await page.textContent('h1'), view.title);
  await page.close();
});

test('static mode (HTML report): renders the embedded view with no host and no controls', async () => {
  const page = await openWebview(browser, { staticView: view });
  await page.waitForFunction((n) => document.querySelectorAll('canvas').length === n, chartIds.length, quick);
  await page.waitForTimeout(100);
  const ink = await canvasInk(page);
  assert.ok(ink.every((c) => c.inked / c.sampled > 0.02));
  assert.equal(await page.locator('form.controls').count(), 0);
  assert.equal(await page.evaluate(() => typeof (window as unknown as { acquireVsCodeApi?: unknown }).acquireVsCodeApi), 'undefined');
  const download = page.waitForEvent('download');
  await page.click('#export-csv');
  assert.equal((await download).suggestedFilename(), 'reaperscope-metrics.csv');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errorsOf(page), []);
  await page.close();
});

/** Backgrounds of VS Code's default themes of each kind (Dark Modern, Light Modern, Dark/Light High Contrast). */
const themes = [
  { body: 'vscode-dark', background: '#1f1f1f' },
  { body: 'vscode-light', background: '#ffffff' },
  { body: 'vscode-high-contrast', background: '#000000' },
  { body: 'vscode-high-contrast-light', background: '#ffffff' },
];

test('each variant has one colour in every chart, with at least 3:1 contrast on light, dark and high-contrast backgrounds', async () => {
  for (const theme of themes) {
    const page = await openWebview(browser, { staticView: view, themeVars: { '--vscode-editor-background': theme.background }, bodyClass: theme.body });
    await page.waitForFunction((n) => document.querySelectorAll('canvas').length === n, chartIds.length, quick);
    const series = await page.$$eval('canvas[data-series]', (cs) => cs.map((c) => ({ id: c.id, background: (c as HTMLElement).dataset.background!, series: JSON.parse((c as HTMLElement).dataset.series!) as { label: string; color: string }[] })));
    const colourOf = new Map<string, Set<string>>();
    for (const chart of series) {
      assert.equal(chart.background, theme.background);
      for (const s of chart.series) {
        const variant = s.label.split(' ')[0]!;
        colourOf.set(variant, (colourOf.get(variant) ?? new Set()).add(s.color));
        const ratio = contrastRatio(parseColor(s.color)!, parseColor(theme.background)!);
        assert.ok(ratio >= 3, `${theme.body}: ${chart.id} ${s.label} ${s.color} has ${ratio.toFixed(2)}:1 against ${theme.background}`);
      }
    }
    assert.deepEqual([...colourOf.keys()].sort(), ['baseline', 'patched']);
    for (const [variant, colours] of colourOf) assert.equal(colours.size, 1, `${theme.body}: ${variant} has ${[...colours].join(', ')}`);
    assert.notDeepEqual([...colourOf.get('baseline')!], [...colourOf.get('patched')!]);
    await page.close();
  }
});

test('heatmaps have a legend saying what full intensity is', async () => {
  const page = await shown();
  const legends = await page.$$eval('.heat-legend', (ls) => ls.map((l) => [l.getAttribute('data-chart'), l.textContent]));
  assert.deepEqual(legends.map(([id]) => id).sort(), ['cpu-utilisation', 'cross-cpu-wakeups', 'idle-hops', 'reaper-activity']);
  assert.ok(legends.every(([, text]) => /:.*\S/.test(text ?? '')), JSON.stringify(legends));
  await page.close();
});
