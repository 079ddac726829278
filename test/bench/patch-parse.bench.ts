/**
 * Patch parsing benchmark (issue #2): our parseDiff against jsdiff's parsePatch (package
 * `diff`) on the same inputs: a generated git patch of kernel-style C hunks (~32 MB, --small:
 * ~4 MB) and the diff part of the fixtures.
 *
 * parseDiff makes a hunk's `PatchLine` objects only when `hunk.lines` is first read (the
 * counts, functions and diagnostics are made while parsing). So two of our timings are shown:
 * "lines on demand" (parseDiff alone) and "all lines made" (parseDiff, then every hunk's
 * lines read), the full cost of what jsdiff returns.
 *
 * Counts are checked before timing: hunks, added and removed lines, and patch lines (without
 * `\ No newline` markers) must be equal for jsdiff, for our eager counts (Σ oldLines of the
 * hunk headers + added, without reading any `lines`), and for our lines once made.
 *
 * Timing: R repetitions; in each, the three are run one after the other (order rotating),
 * each as: a forced GC (so that no one pays for collecting another's garbage), one untimed
 * call, then one timed round of `batch` calls. One result of each parser is kept alive the
 * whole time, as a program keeps the patch it read (a full GC that finds no object of a shape
 * the optimized code checks for frees that shape, and V8 then drops the code: a "weak objects"
 * deoptimization, which forced GCs with nothing kept would make the benchmark's). Printed are
 * the median CPU time per call (MB/s of CPU time) and the median of the per-repetition ratios
 * jsdiff time / our time, with their range, all measured in this one run. The machine may be
 * loaded by other work: medians, not bests.
 * Goal: parseDiff ≥ 2× jsdiff.
 *
 * Run: node --import tsx test/bench/patch-parse.bench.ts [--small] [--reps N]
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parsePatch } from 'diff';
import { parseDiff, type DiffParseResult } from '../../src/core/patch/unified-diff';
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

/** parseDiff, then every hunk's lines read (and used, so the work cannot be skipped). */
function parseAndMakeLines(text: string): { result: DiffParseResult; lines: number } {
  const result = parseDiff(text);
  let lines = 0;
  for (const file of result.files) for (const hunk of file.hunks) lines += hunk.lines.length;
  return { result, lines };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * CPU time per call of `batch` calls, in ms: user + system time of this process (all its
 * threads, so the GC's helper threads count), which time spent waiting for a CPU taken by
 * other programs does not inflate the way wall-clock time is.
 */
function timeRound(batch: number, run: () => unknown): number {
  const start = process.cpuUsage();
  for (let k = 0; k < batch; k++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / batch;
}

interface Result { name: string; lazy: number; full: number }

function compare(name: string, text: string, batch: number): Result {
  const eager = ourEagerCounts(text);
  const made = ourLineCounts(text);
  const theirs = theirCounts(text);
  const same = [eager, made].every((c) => c.hunks === theirs.hunks && c.added === theirs.added && c.removed === theirs.removed && c.lines === theirs.lines);
  const bytes = Buffer.byteLength(text);
  console.log(`${name}  ${(bytes / 1024).toFixed(1)} KB  ${countsText(eager)} ${same ? '(same counts: eager, lines made, jsdiff)' : `(COUNTS DIFFER: lines made ${countsText(made)}, jsdiff ${countsText(theirs)})`}`);
  if (!same) process.exitCode = 1;
  const runs: [string, () => unknown][] = [
    ['parseDiff, lines on demand', () => parseDiff(text)],
    ['parseDiff, all lines made', () => parseAndMakeLines(text)],
    ['jsdiff parsePatch', () => parsePatch(text)],
  ];
  // Like a program that keeps the patch it read: one result of each stays alive while timing.
  const kept = runs.map(([, run]) => run());
  const times: number[][] = runs.map(() => []);
  for (let r = 0; r < REPS; r++) {
    for (let k = 0; k < runs.length; k++) {
      const which = (k + r) % runs.length;
      const run = runs[which]![1];
      gc();
      run();
      times[which]!.push(timeRound(batch, run));
    }
  }
  const rate = (ms: number): string => `${(bytes / MB / (ms / 1000)).toFixed(1).padStart(7)} MB/s`;
  runs.forEach(([label], k) => console.log(`  ${label.padEnd(28)} ${median(times[k]!).toFixed(4).padStart(10)} ms ${rate(median(times[k]!))}`));
  const ratios = (k: number): number[] => times[2]!.map((t, r) => t / times[k]![r]!);
  const show = (k: number): string => `${median(ratios(k)).toFixed(2)}x (${Math.min(...ratios(k)).toFixed(2)}–${Math.max(...ratios(k)).toFixed(2)})`;
  console.log(`  ratio jsdiff / ours: lines on demand ${show(0)}, all lines made ${show(1)}  [median (range) of ${REPS} repetitions]`);
  if (kept.length !== runs.length) throw new Error('unreachable');
  return { name, lazy: median(ratios(0)), full: median(ratios(1)) };
}

/** The diff part of a fixture (from the first `diff --git` to the mail signature): jsdiff reads no mail. */
const fixtureDiff = (name: string): string => {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  const start = Math.max(0, text.indexOf('diff --git '));
  const signature = text.indexOf('\n-- \n', start);
  return text.slice(start, signature < 0 ? text.length : signature + 1);
};
console.log(`patch parsing: parseDiff (ours) vs jsdiff parsePatch, same inputs, same process, ${REPS} repetitions\n`);
const big = generatePatch((small ? 4 : 32) * MB);
const results = [
  compare('generated kernel-style patch', big, 1),
  compare('one-reaper-per-cpu.patch (diff part)', fixtureDiff('one-reaper-per-cpu.patch'), 500),
  compare('c/kern_sched_like.diff', fixtureDiff('c/kern_sched_like.diff'), 1000),
  compare('diffs/no-prefix.diff', fixtureDiff('diffs/no-prefix.diff'), 2000),
];
console.log('\nmedian ratio jsdiff time / parseDiff time (goal ≥ 2x):');
for (const r of results) console.log(`  ${r.name.padEnd(38)} lines on demand ${r.lazy.toFixed(2)}x   all lines made ${r.full.toFixed(2)}x`);
