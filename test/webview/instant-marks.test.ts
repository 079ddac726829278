/**
 * The panel's timeline of other events, drawn from a real capture: test/fixtures/traces/
 * linux-storm.report.txt (trace-cmd report of a recording on a 2-CPU Linux VM) has 3
 * sched_process_exec and 11 sched_process_wait records besides the scheduler events (the
 * fixtures README counts them); the trace view gets them as marks, and the panel draws a mark
 * per event in its CPU's row, with name and fields on hover.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode-browser.mjs';
import { readTraceText } from '../../src/core/trace/trace-reader';
import { traceView } from '../../src/extension/work/views';
import { simulatedView } from './view-fixture';
import { errorsOf, openWebview, postAndWaitForPaint } from './webview-page';

const read = readTraceText(readFileSync(join(__dirname, '../fixtures/traces/linux-storm.report.txt')));
if (read.kind !== 'trace') throw new Error(read.message);
const view = traceView(read, 'linux-storm.report.txt');
let browser: Browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/**
 * Pixels of the canvas in each series' colour, and the page position of the centre of its
 * leftmost mark (below the legend, which takes the top of the canvas).
 */
const inkOf = (id: string) => `(() => {
  const canvas = document.getElementById(${JSON.stringify(id)});
  const series = JSON.parse(canvas.dataset.series);
  const probe = document.createElement('canvas').getContext('2d');
  const rgb = (c) => { probe.fillStyle = '#000'; probe.fillStyle = c; const h = probe.fillStyle; return [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16)); };
  const { width, height } = canvas;
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const box = canvas.getBoundingClientRect();
  return series.map(({ label, color }) => {
    const [r, g, b] = rgb(color);
    const hits = [];
    for (let p = 0; p < width * height; p++) {
      if (data[p * 4] === r && data[p * 4 + 1] === g && data[p * 4 + 2] === b) hits.push([p % width, Math.floor(p / width)]);
    }
    const marks = hits.filter(([, y]) => y > height / 4);
    if (marks.length === 0) return { label, count: hits.length, at: null };
    const left = marks.reduce((a, h) => (h[0] < a[0] ? h : a));
    const near = marks.filter(([x, y]) => Math.abs(x - left[0]) <= 12 && Math.abs(y - left[1]) <= 12);
    const cx = near.reduce((s, h) => s + h[0], 0) / near.length, cy = near.reduce((s, h) => s + h[1], 0) / near.length;
    return { label, count: hits.length, at: { x: box.left + (cx + 0.5) * box.width / width, y: box.top + (cy + 0.5) * box.height / height } };
  });
})()`;

test('the marks of a real capture: one series per event name, each drawn, name and fields on hover', async () => {
  const run = view.runs[0]!;
  assert.equal(run.instants?.total, 14);
  const page = await openWebview(browser);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0, undefined, { timeout: 10_000 });
  await postAndWaitForPaint(page, { type: 'show', view, controls: null });
  await page.locator('#chart-other-events').scrollIntoViewIfNeeded();
  const ink = await page.evaluate(inkOf('chart-other-events')) as { label: string; count: number; at: { x: number; y: number } | null }[];
  assert.deepEqual(ink.map((s) => s.label).sort(), ['sched_process_exec', 'sched_process_wait']);
  for (const s of ink) assert.ok(s.count > 20 && s.at, `${s.label}: ${s.count} pixels in its colour`);
  const exec = ink.find((s) => s.label === 'sched_process_exec')!;
  await page.mouse.move(exec.at!.x, exec.at!.y);
  await page.waitForFunction(() => (document.querySelector('figure[data-chart="other-events"] .mark-detail')?.textContent ?? '') !== '', undefined, { timeout: 5_000 });
  const detail = await page.locator('figure[data-chart="other-events"] .mark-detail').textContent();
  // the report's exec lines: `sched_process_exec: filename=/usr/bin/sh pid=22918 old_pid=22918` and the like
  assert.match(detail ?? '', /^sched_process_exec on CPU [01] at \d+\.\d{3} ms: filename=\S+ pid=\d+ old_pid=\d+$/);
  assert.deepEqual(errorsOf(page), []);
  await page.close();
});

test('a view without instants (a simulation) has no such chart', async () => {
  const page = await openWebview(browser);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0, undefined, { timeout: 10_000 });
  await postAndWaitForPaint(page, { type: 'show', view: simulatedView({ cpus: 2, durationNs: 20e6, bins: 20 }).view, controls: null });
  assert.equal(await page.locator('figure[data-chart="other-events"]').count(), 0);
  await page.close();
});
