/**
 * Thread reading benchmark: a 400-message git format-patch mbox (a cover letter and 400 patches
 * threaded to it, ~4.7 MB, generated: see generated-series-mbox.ts) read whole as the `patch`
 * command reads a thread (readThread: split, every mail's headers, every patch parsed, replies
 * linked; then groupSeries), against jsdiff's `parsePatch` over the same diffs (the diff part of
 * every patch, joined: jsdiff reads no mail).
 *
 * Counts are checked before timing: patches found, and hunks, added and removed lines over every
 * patch equal for both. Method as in patch-parse.bench.ts: the code bundled by esbuild as it
 * ships, the input measured in a process of its own, each reader warmed up (~0.5 s of CPU), then
 * R repetitions in which the two run one after the other (order alternating) after a forced GC,
 * each a timed round of as many calls as fill ~100 ms; printed: median CPU time per call and the
 * median of the per-repetition ratios jsdiff time / our time, with their range. Goal ≥ 2x. Both
 * get text (jsdiff reads no bytes); the UTF-8 decoding of the file is left out of both.
 *
 * Run: node --import tsx test/bench/thread-read.bench.ts [--reps N]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildSync } from 'esbuild';
import { parsePatch } from 'diff';
import { groupSeries } from '../../src/core/patch/mail/series';
import { readThread } from '../../src/core/patch/mail/thread';
import { generateSeriesMbox } from './generated-series-mbox';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1 << 20;
const MESSAGES = 400;
const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Math.max(1, Number(process.argv[repsArg + 1]) || 1) : 7;
const WARM_UP_MS = 500;
const ROUND_MS = 100;

interface Counts { patches: number; hunks: number; added: number; removed: number }

async function ours(text: string): Promise<Counts> {
  const thread = await readThread([{ name: 'series.mbox', data: text }]);
  const grouped = groupSeries(thread);
  const files = grouped.series.flatMap((s) => s.patches.flatMap((p) => thread.messages[p.message]!.patch.files));
  return {
    patches: grouped.series.reduce((n, s) => n + s.patches.length, 0),
    hunks: files.reduce((n, f) => n + f.hunks.length, 0),
    added: files.reduce((n, f) => n + f.added, 0),
    removed: files.reduce((n, f) => n + f.removed, 0),
  };
}

function theirs(diffs: string): Counts {
  const patches = parsePatch(diffs);
  const lines = patches.flatMap((p) => p.hunks.flatMap((h) => h.lines));
  return {
    patches: MESSAGES,
    hunks: patches.reduce((n, p) => n + p.hunks.length, 0),
    added: lines.filter((l) => l.startsWith('+')).length,
    removed: lines.filter((l) => l.startsWith('-')).length,
  };
}

const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** CPU ms per call of `run`, over `batch` calls. */
async function timeRound(batch: number, run: () => unknown): Promise<number> {
  const start = cpuMs();
  for (let k = 0; k < batch; k++) await run();
  return (cpuMs() - start) / batch;
}

async function measure(): Promise<{ bytes: number; steady: number[]; ratios: number[] }> {
  const generated = generateSeriesMbox(MESSAGES, 4.7 * MB);
  // Both read a string of their own (decoded from bytes, as a program reading a file has): a
  // slice of a larger string is slower to read.
  const bytes = new TextEncoder().encode(generated.mbox);
  const mbox = new TextDecoder().decode(bytes);
  const diffs = new TextDecoder().decode(new TextEncoder().encode(generated.diffs));
  const a = await ours(mbox);
  const b = theirs(diffs);
  const same = a.patches === b.patches && a.hunks === b.hunks && a.added === b.added && a.removed === b.removed;
  console.log(`${(bytes.length / MB).toFixed(2)} MB mbox, ${MESSAGES + 1} messages: ${a.patches} patches, ${a.hunks} hunks, +${a.added} -${a.removed} ${same ? '(same counts for jsdiff)' : `(COUNTS DIFFER: jsdiff ${JSON.stringify(b)})`}`);
  if (!same) process.exitCode = 1;
  const runs: (() => unknown)[] = [() => ours(mbox), () => theirs(diffs)];
  const kept = await Promise.all(runs.map((run) => run()));
  const perCall: number[] = [];
  for (const run of runs) {
    let calls = 0;
    const start = cpuMs();
    while (cpuMs() - start < WARM_UP_MS) { await run(); calls++; }
    perCall.push((cpuMs() - start) / calls);
  }
  const batches = perCall.map((ms) => Math.max(1, Math.round(ROUND_MS / ms)));
  const times: number[][] = [[], []];
  for (let r = 0; r < REPS; r++) {
    for (let k = 0; k < 2; k++) {
      const which = (k + r) % 2;
      gc();
      await timeRound(Math.ceil(batches[which]! / 4), runs[which]!);
      times[which]!.push(await timeRound(batches[which]!, runs[which]!));
    }
  }
  if (kept.length !== 2) throw new Error('unreachable');
  return { bytes: bytes.length, steady: times.map(median), ratios: times[1]!.map((t, r) => t / times[0]![r]!) };
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    console.log(`RESULT ${JSON.stringify(await measure())}`);
    return;
  }
  const bundle = fileURLToPath(new URL('../../.cache/bench/thread-read.bench.mjs', import.meta.url));
  buildSync({ entryPoints: [fileURLToPath(import.meta.url)], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['esbuild'], logLevel: 'warning' });
  console.log(`thread reading: readThread + groupSeries (ours) vs jsdiff parsePatch on the same diffs, bundled as shipped, own process, ${REPS} repetitions\n`);
  const child = spawnSync(process.execPath, [bundle, '--child', ...process.argv.slice(2)], { encoding: 'utf8' });
  const resultLine = child.stdout.split('\n').find((line) => line.startsWith('RESULT '));
  process.stdout.write(child.stdout.split('\n').filter((line) => line && !line.startsWith('RESULT ')).map((line) => `${line}\n`).join(''));
  if (child.status !== 0 || !resultLine) {
    process.stderr.write(child.stderr);
    process.exitCode = 1;
  } else {
    const r = JSON.parse(resultLine.slice('RESULT '.length)) as { bytes: number; steady: number[]; ratios: number[] };
    ['readThread + groupSeries', 'jsdiff parsePatch'].forEach((label, k) => console.log(`  ${label.padEnd(26)} ${r.steady[k]!.toFixed(1).padStart(8)} ms  ${(r.bytes / MB / (r.steady[k]! / 1000)).toFixed(1).padStart(6)} MB/s`));
    console.log(`  ratio jsdiff / ours: ${median(r.ratios).toFixed(2)}x (${Math.min(...r.ratios).toFixed(2)}–${Math.max(...r.ratios).toFixed(2)})  [median (range) of ${REPS} repetitions]  (goal ≥ 2x)`);
  }
}

void main();
