/**
 * Patch parsing benchmark: our parseDiff against jsdiff's parsePatch (package
 * `diff`) on the same inputs: a generated git patch of kernel-style C hunks (~32 MB, --small:
 * ~4 MB) and the diff part of three fixtures (6.3 KB, 1.9 KB, 0.5 KB).
 *
 * parseDiff makes a hunk's `PatchLine` objects and its functions only when `hunk.lines` /
 * `hunk.functions` are first read (files, counts, paths, modes, blob ids and diagnostics are
 * made while parsing). So two of our timings are shown: "details on demand" (parseDiff
 * alone) and "all made" (parseDiff, then every hunk's lines and functions read): at least
 * the full cost of what jsdiff returns, which has lines but no functions.
 *
 * Counts are checked before timing: hunks, added and removed lines, and patch lines (without
 * `\ No newline` markers) must be equal for jsdiff, for our eager counts (Σ oldLines of the
 * hunk headers + added, without reading any `lines`), and for our lines once made.
 *
 * Method. Each input is measured in a process of its own (a parser's optimized code and
 * inline caches, trained on one input, would otherwise slow it or speed it up on the next:
 * measured so, the small fixtures' ratios moved by 3x with the order of the inputs). In that
 * process each parser runs until it has spent ~0.4 s of CPU time (its code optimized: steady
 * state); then R repetitions, in each the three run one after the
 * other (order rotating), each as a forced GC (so that no one pays for collecting another's
 * garbage) and one timed round of as many calls as fill ~40 ms. One result of each parser is
 * kept alive the whole time, as a program keeps the patch it read (a full GC that finds no
 * object of a shape the optimized code checks for frees that shape, and V8 then drops the
 * code). Printed: the median CPU time per call (user + system of the process, which time
 * spent waiting for a CPU taken by other programs does not inflate) and the median of the
 * per-repetition ratios jsdiff time / our time, with their range, all measured in this run.
 * Goal: parseDiff ≥ 2× jsdiff, in steady state, on every input.
 *
 * Run: node --import tsx test/bench/patch-parse.bench.ts [--small] [--reps N]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parsePatch } from 'diff';
import { parseDiff, type DiffParseResult } from '../../src/core/patch/diff/unified-diff';
import { generatePatch } from './generated-kernel-patch';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1 << 20;
const small = process.argv.includes('--small');
const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Math.max(1, Number(process.argv[repsArg + 1]) || 1) : 9;

interface Counts { hunks: number; added: number; removed: number; lines: number }

const countsText = (c: Counts): string => `${c.hunks} hunks, +${c.added} -${c.removed}, ${c.lines} lines`;

/** Our counts without reading any `hunk.lines`: the header's old line count plus the added lines is the hunk's line count. */
function ourEagerCounts(text: string): Counts {
  const { files, diagnostics } = parseDiff(text);
  if (diagnostics.some((d) => d.code === 'hunk-count-mismatch')) throw new Error('a hunk does not match its header: the eager line count would be wrong');
  const hunks = files.flatMap((f) => f.hunks);
  const added = files.reduce((n, f) => n + f.added, 0);
  return { hunks: hunks.length, added, removed: files.reduce((n, f) => n + f.removed, 0), lines: hunks.reduce((n, h) => n + h.oldLines, 0) + added };
}

/** Our counts from the lines themselves (makes them all). */
function ourLineCounts(text: string): Counts {
  const { files } = parseDiff(text);
  const lines = files.flatMap((f) => f.hunks.flatMap((h) => h.lines));
  return { hunks: files.reduce((n, f) => n + f.hunks.length, 0), added: lines.filter((l) => l.kind === 'add').length, removed: lines.filter((l) => l.kind === 'remove').length, lines: lines.length };
}

function theirCounts(text: string): Counts {
  const patches = parsePatch(text);
  const lines = patches.flatMap((p) => p.hunks.flatMap((h) => h.lines)).filter((l) => !l.startsWith('\\'));
  return {
    hunks: patches.reduce((n, p) => n + p.hunks.length, 0),
    added: lines.filter((l) => l.startsWith('+')).length,
    removed: lines.filter((l) => l.startsWith('-')).length,
    lines: lines.length,
  };
}

/** parseDiff, then every hunk's lines and functions read (and used, so the work cannot be skipped). */
function parseAndMakeAll(text: string): { result: DiffParseResult; made: number } {
  const result = parseDiff(text);
  let made = 0;
  for (const file of result.files) for (const hunk of file.hunks) made += hunk.lines.length + hunk.functions.length;
  return { result, made };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** CPU time of this process so far, in ms: user + system, all its threads (the GC's helpers count). */
function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** CPU time per call of `batch` calls, in ms. */
function timeRound(batch: number, run: () => unknown): number {
  const start = cpuMs();
  for (let k = 0; k < batch; k++) run();
  return (cpuMs() - start) / batch;
}

/** CPU time each parser runs before timing, to reach its optimized code; and the length of one timed round. */
const WARM_UP_MS = 400;
const ROUND_MS = 40;

/** One input's timings: median CPU ms per call of each parser, and the per-repetition ratios jsdiff / ours. */
interface Result { name: string; bytes: number; steady: number[]; lazy: number[]; full: number[] }

function measure(name: string, text: string): Result {
  const eager = ourEagerCounts(text);
  const made = ourLineCounts(text);
  const theirs = theirCounts(text);
  const same = [eager, made].every((c) => c.hunks === theirs.hunks && c.added === theirs.added && c.removed === theirs.removed && c.lines === theirs.lines);
  const bytes = Buffer.byteLength(text);
  console.log(`${name}  ${(bytes / 1024).toFixed(1)} KB  ${countsText(eager)} ${same ? '(same counts: eager, lines made, jsdiff)' : `(COUNTS DIFFER: lines made ${countsText(made)}, jsdiff ${countsText(theirs)})`}`);
  if (!same) process.exitCode = 1;
  const runs: [string, () => unknown][] = [
    ['parseDiff, details on demand', () => parseDiff(text)],
    ['parseDiff, all made', () => parseAndMakeAll(text)],
    ['jsdiff parsePatch', () => parsePatch(text)],
  ];
  // Like a program that keeps the patch it read: one result of each stays alive while timing.
  const kept = runs.map(([, run]) => run());
  const perCall = runs.map(([, run]) => {
    let calls = 0;
    const start = cpuMs();
    while (cpuMs() - start < WARM_UP_MS) { run(); calls++; }
    return (cpuMs() - start) / calls;
  });
  const batches = perCall.map((ms) => Math.max(1, Math.round(ROUND_MS / ms)));
  const times: number[][] = runs.map(() => []);
  for (let r = 0; r < REPS; r++) {
    for (let k = 0; k < runs.length; k++) {
      const which = (k + r) % runs.length;
      const run = runs[which]![1];
      gc();
      // An untimed part of the round first: the forced GC's sweeping, done by helper threads
      // after it returns, would otherwise be charged to the timed part.
      timeRound(Math.ceil(batches[which]! / 4), run);
      times[which]!.push(timeRound(batches[which]!, run));
    }
  }
  if (kept.length !== runs.length) throw new Error('unreachable');
  const ratios = (k: number): number[] => times[2]!.map((t, r) => t / times[k]![r]!);
  return { name, bytes, steady: times.map(median), lazy: ratios(0), full: ratios(1) };
}

const fixturesArg = process.argv.indexOf('--fixtures');
const fixturesDir = fixturesArg > 0 ? process.argv[fixturesArg + 1]! : fileURLToPath(new URL('../fixtures', import.meta.url));

/**
 * The diff part of a fixture (from the first `diff --git` to the mail signature): jsdiff reads
 * no mail. Decoded from its bytes, so that it is a string of its own as a program reading a
 * patch file has, not a slice of the whole fixture's text (V8 reads a slice's characters
 * through its parent, ~20 % slower for both parsers).
 */
const fixtureDiff = (name: string): string => {
  const bytes = readFileSync(join(fixturesDir, name));
  const start = Math.max(0, bytes.indexOf('diff --git '));
  const signature = bytes.indexOf('\n-- \n', start);
  return bytes.subarray(start, signature < 0 ? bytes.length : signature + 1).toString('utf8');
};

/** The inputs, each measured in a child process of its own (see the file comment). */
const INPUTS: Record<string, () => string> = {
  'generated kernel-style patch': () => generatePatch((small ? 4 : 32) * MB),
  'one-reaper-per-cpu.patch (diff part)': () => fixtureDiff('one-reaper-per-cpu.patch'),
  'c/kern_sched_like.diff': () => fixtureDiff('c/kern_sched_like.diff'),
  'diffs/no-prefix.diff': () => fixtureDiff('diffs/no-prefix.diff'),
};

const LABELS = ['parseDiff, details on demand', 'parseDiff, all made', 'jsdiff parsePatch'];
const range = (values: number[]): string => `${median(values).toFixed(2)}x (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
const ms = (value: number): string => `${value.toFixed(4).padStart(10)} ms`;

const childArg = process.argv.indexOf('--input');
if (childArg > 0) {
  const name = process.argv[childArg + 1]!;
  const result = measure(name, INPUTS[name]!());
  console.log(`RESULT ${JSON.stringify(result)}`);
} else {
  // Measure the code as it ships: bundled by esbuild with the extension's target (a bundle's
  // top-level `let`/`const` become `var`; run as separate ES modules, as tsx runs them, every
  // read of a module-level constant in a hot loop pays a check that it is initialized). jsdiff
  // is bundled into the same file the same way.
  const bundle = fileURLToPath(new URL('../../.cache/bench/patch-parse.bench.mjs', import.meta.url));
  buildSync({ entryPoints: [fileURLToPath(import.meta.url)], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['esbuild'], logLevel: 'warning' });
  console.log(`patch parsing: parseDiff (ours) vs jsdiff parsePatch, same inputs, bundled as shipped, each input in its own process, ${REPS} repetitions\n`);
  const results: Result[] = [];
  for (const name of Object.keys(INPUTS)) {
    const child = spawnSync(process.execPath, [bundle, '--input', name, '--fixtures', fixturesDir, ...process.argv.slice(2)], { encoding: 'utf8' });
    const resultLine = child.stdout.split('\n').find((line) => line.startsWith('RESULT '));
    process.stdout.write(child.stdout.split('\n').filter((line) => line && !line.startsWith('RESULT ')).map((line) => `${line}\n`).join(''));
    if (child.status !== 0 || !resultLine) {
      process.stderr.write(child.stderr);
      process.exitCode = 1;
      continue;
    }
    const result = JSON.parse(resultLine.slice('RESULT '.length)) as Result;
    results.push(result);
    LABELS.forEach((label, k) => console.log(`  ${label.padEnd(30)} ${ms(result.steady[k]!)} ${(result.bytes / MB / (result.steady[k]! / 1000)).toFixed(1).padStart(7)} MB/s`));
    console.log(`  ratio jsdiff / ours: details on demand ${range(result.lazy)}, all made ${range(result.full)}  [median (range) of ${REPS} repetitions]`);
  }
  console.log('\nmedian ratio jsdiff time / parseDiff time, steady state (goal ≥ 2x):');
  for (const r of results) console.log(`  ${r.name.padEnd(38)} details on demand ${median(r.lazy).toFixed(2)}x   all made ${median(r.full).toFixed(2)}x`);
}
