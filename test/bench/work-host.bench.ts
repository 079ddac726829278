/**
 * Long work off the extension host's thread: the same trace job (read a generated
 * btrace file, build the panel's view) run in process and in the worker thread (dist/worker.js,
 * as the extension does), measuring in this one run:
 * 1. the longest stall of the calling thread's event loop while the job runs (a 2 ms timer
 *    notes how late it fires): in process it is the longest piece of work between yields, in
 *    the worker it should stay near the timer's own jitter;
 * 2. wall time of each, as a ratio (the worker pays for copying the view back).
 *
 * Run: npm run build && node --import tsx test/bench/work-host.bench.ts [--small]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InProcessWorkHost } from '../../src/extension/work/in-process-host';
import { NodeWorkerHost } from '../../src/extension/work/node-worker-host';
import type { WorkHost } from '../../src/extension/work/work-host';

const root = join(__dirname, '../..');
const workerScript = join(root, 'dist/worker.js');
if (!existsSync(workerScript)) {
  console.error('dist/worker.js is missing: run `npm run build` first');
  process.exit(1);
}

/** The 13 event lines of the btrace sample, repeated with times shifted by 100 µs per block. */
function generatedTrace(blocks: number): Uint8Array {
  const lines = readFileSync(join(root, 'test/fixtures/workspace/traces/btrace-baseline.txt'), 'utf8')
    .split('\n').filter((l) => /^\d{19} /.test(l));
  const out: string[] = [];
  for (let b = 0; b < blocks; b++) {
    const shift = BigInt(b) * 100_000n;
    for (const line of lines) {
      const space = line.indexOf(' ');
      out.push(`${BigInt(line.slice(0, space)) + shift}${line.slice(space)}`);
    }
  }
  return new TextEncoder().encode(out.join('\n') + '\n');
}

async function measure(host: WorkHost, original: Uint8Array): Promise<{ wallMs: number; stallMs: number; events: number }> {
  // The host may transfer the buffer to the worker: give it a copy, made before timing.
  const bytes = original.slice();
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 2);
    last = now;
  }, 2);
  const start = performance.now();
  const result = await host.run({ job: 'trace', trace: { bytes, fileName: 'generated.btrace' } }, () => undefined);
  const wallMs = performance.now() - start;
  clearInterval(timer);
  return { wallMs, stallMs: stall, events: Object.values(result.counts.byKind).reduce((a, b) => a + b, 0) };
}

async function main(): Promise<void> {
  const blocks = process.argv.includes('--small') ? 20_000 : 100_000;
  const bytes = generatedTrace(blocks);
  const inProcess = new InProcessWorkHost();
  const worker = new NodeWorkerHost(workerScript);
  try {
    await measure(worker, generatedTrace(100)); // start the worker thread before timing
    // The worker first: the in-process run leaves a large heap behind whose collection would
    // show up as stalls of the next run.
    const b = await measure(worker, bytes);
    const a = await measure(inProcess, bytes);
    console.log(`trace job on ${(bytes.length / 1048576).toFixed(1)} MiB, ${a.events} events`);
    console.log(`in process: ${a.wallMs.toFixed(0)} ms wall, longest event-loop stall ${a.stallMs.toFixed(1)} ms`);
    console.log(`worker:     ${b.wallMs.toFixed(0)} ms wall, longest event-loop stall ${b.stallMs.toFixed(1)} ms`);
    console.log(`stall ratio in process / worker: ${(a.stallMs / Math.max(b.stallMs, 0.1)).toFixed(1)}`);
    console.log(`wall ratio worker / in process: ${(b.wallMs / a.wallMs).toFixed(2)}`);
  } finally {
    worker.dispose();
  }
}

void main();
