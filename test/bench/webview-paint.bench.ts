/**
 * Webview paint benchmark: time from data arrival to the first paint of all six
 * charts of the Reaper activity panel, for a view built from a 1 M-event event table (goal
 * ≤ 300 ms), measured in headless Chromium on dist/webview.js under the panel's CSP.
 * Views come from the simulator (baseline + patched, each run ≥ 1 M events) binned by
 * src/core/analysis, as the extension does. Also measured in the same run, for the ratios:
 * the same for a small view (8 CPUs, 200 ms simulated).
 *
 * Run: npm run build && node --import tsx test/bench/webview-paint.bench.ts [--events N] [--cpus N] [--bins N]
 */
import { launchChromium } from '../../scripts/vscode-browser.mjs';
import type { ActivityView } from '../../src/core/analysis/activity-view-model';
import { simulatedView, simulatedViewOfSize } from '../webview/view-fixture';
import { openWebview, postAndWaitForPaint } from '../webview/webview-page';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const events = arg('events', 1_000_000);
const cpus = arg('cpus', 32);
const bins = arg('bins', 200);
const ROUNDS = 7;
const GOAL_MS = 300;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(browser: Awaited<ReturnType<typeof launchChromium>>, view: ActivityView) {
  const arrival: number[] = [];
  const posted: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    const page = await openWebview(browser);
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    const paint = await postAndWaitForPaint(page, { type: 'show', view, controls: null });
    if (round > 0) { arrival.push(paint.ms); posted.push(paint.wallMs); } // round 0 warms the caches
    await page.close();
  }
  return { arrival: median(arrival), posted: median(posted), min: Math.min(...arrival), max: Math.max(...arrival) };
}

async function main(): Promise<void> {
  const big = simulatedViewOfSize(events, cpus, bins);
  const small = simulatedView({ cpus: 8, durationNs: 200e6, bins });
  const browser = await launchChromium();
  try {
    const smallPaint = await measure(browser, small.view);
    const bigPaint = await measure(browser, big.view);
    const json = (v: ActivityView) => `${(JSON.stringify(v).length / 1024).toFixed(0)} KiB`;
    console.log(`big view: ${cpus} CPUs, ${bins} bins, runs of ${big.events.join(' + ')} events; simulate ${big.simulateMs.toFixed(0)} ms, build view ${big.buildMs.toFixed(0)} ms, ${json(big.view)} of JSON`);
    console.log(`small view: 8 CPUs, runs of ${small.events.join(' + ')} events, ${json(small.view)} of JSON`);
    console.log(`paint, data arrival → all 6 charts painted (median of ${ROUNDS}): big ${bigPaint.arrival.toFixed(1)} ms (min ${bigPaint.min.toFixed(1)}, max ${bigPaint.max.toFixed(1)}), small ${smallPaint.arrival.toFixed(1)} ms`);
    console.log(`paint, postMessage → painted (includes the structured clone): big ${bigPaint.posted.toFixed(1)} ms, small ${smallPaint.posted.toFixed(1)} ms`);
    console.log(`ratios: big / goal (${GOAL_MS} ms) = ${(bigPaint.arrival / GOAL_MS).toFixed(2)}; big / small = ${(bigPaint.arrival / smallPaint.arrival).toFixed(2)}`);
  } finally {
    await browser.close();
  }
}

void main();
