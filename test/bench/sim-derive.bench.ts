/**
 * Deriving the exit-path models from C: both models of the seed patch (the fixture tree before
 * it, and the tree with it applied in memory: parse, translate, apply, compare) after tree-sitter
 * is loaded. Goal: < 200 ms, also for the FIRST derivation of a process (a CLI user always runs
 * cold). Measured by CPU time (user + sys of this process, all its threads: V8 compiles wasm and
 * JS on helper threads) and wall time.
 *
 * - cold: a fresh process per sample (ROUNDS_COLD of them): load tree-sitter (not counted), then
 *   time the first derivation. A second kind of fresh process times only parsing the same six
 *   images (pre and post) once: the part of the cold cost that is tree-sitter's wasm warming up
 *   (V8 compiles the grammar's functions lazily and tiers them up on first use), reported apart.
 * - warm: ROUNDS_WARM derivations in this process after one, median.
 *
 * Run: node --import tsx test/bench/sim-derive.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Parser } from 'web-tree-sitter';
import { loadCParser } from '../../src/core/patch/c/c-functions';
import { parseDiff } from '../../src/core/patch/diff/unified-diff';
import { applyInMemory, derivePatchModels } from '../../src/core/sim/derive/patch-models';

const GOAL_MS = 200;
const ROUNDS_WARM = 20;
const ROUNDS_COLD = 5;

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const files = ['sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/kern/init_main.c'].map((path) => ({ path, text: read(`test/fixtures/c/exit-path/${path}`) }));
const patch = parseDiff(read('test/fixtures/workspace/patches/one-reaper-per-cpu.patch'));

interface Sample { wallMs: number; cpuMs: number }

function timed(run: () => void): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

function parser(): Promise<Parser> {
  return loadCParser({
    runtime: new Uint8Array(readFileSync(new URL('node_modules/web-tree-sitter/tree-sitter.wasm', root))),
    grammar: new Uint8Array(readFileSync(new URL('node_modules/tree-sitter-c/tree-sitter-c.wasm', root))),
  });
}

/** In a child: one cold sample of `what`, printed as JSON. */
async function child(what: 'derive' | 'parse'): Promise<void> {
  const p = await parser();
  // The post-images are made before the clock starts for `parse` (applying is not parsing).
  const images = what === 'parse' ? [...files, ...applyInMemory(files, patch).files] : [];
  const sample = timed(() => {
    if (what === 'derive') derivePatchModels(p, files, patch);
    else for (const f of images) p.parse(f.text)?.delete();
  });
  console.log(JSON.stringify(sample));
}

function coldSamples(what: 'derive' | 'parse'): Sample[] {
  const script = fileURLToPath(import.meta.url);
  return Array.from({ length: ROUNDS_COLD }, () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, `--cold-${what}`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold ${what} run failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as Sample;
  });
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (s: readonly Sample[]): string => `${median(s.map((x) => x.cpuMs)).toFixed(1)} ms CPU / ${median(s.map((x) => x.wallMs)).toFixed(1)} ms wall`;
const ratio = (s: readonly Sample[]): string => (median(s.map((x) => x.cpuMs)) / GOAL_MS).toFixed(3);

async function main(): Promise<void> {
  const flag = process.argv.find((a) => a.startsWith('--cold-'));
  if (flag) return child(flag === '--cold-parse' ? 'parse' : 'derive');
  const loadStart = performance.now();
  const p = await parser();
  console.log(`tree-sitter load (not counted): ${(performance.now() - loadStart).toFixed(0)} ms wall`);
  const first = timed(() => derivePatchModels(p, files, patch));
  const warm = Array.from({ length: ROUNDS_WARM }, () => timed(() => derivePatchModels(p, files, patch)));
  const m = derivePatchModels(p, files, patch);
  const steps = m.before.programs.concat(m.after.programs).reduce((n, x) => n + x.drafts.length, 0);
  const cold = coldSamples('derive');
  const parse = coldSamples('parse');
  console.log(`derive both models of the seed patch (${steps} steps):`);
  console.log(`  cold, first derivation in a fresh process (median of ${ROUNDS_COLD}): ${fmt(cold)}`);
  console.log(`    of which tree-sitter's first parse of the 6 images (fresh processes, median of ${ROUNDS_COLD}): ${fmt(parse)}`);
  console.log(`  first in this process: ${fmt([first])}; warm (median of ${ROUNDS_WARM}): ${fmt(warm)}`);
  console.log(`ratio to the ${GOAL_MS} ms goal (CPU): cold ${ratio(cold)}, warm ${ratio(warm)} (goal < 1; CPU counts V8's compiler threads too)`);
}

void main();
